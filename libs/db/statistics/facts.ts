import { ACCRUING_STATUSES } from '@domain/cost';
import { OUTCOMES } from '@domain/enums';
import { LEAD_DAY_BINS, LEAD_HOUR_BINS } from '@domain/lead-time';
import {
  APPROVED_STATUSES,
  DECIDED_STATUSES,
  FINAL_STATUSES,
  UNREVIEWED_STATUSES,
} from '@domain/review-state';
import { sqlList } from '../sql-list';
import {
  COUNTERS,
  type Counter,
  LEAD_DAY_COUNTERS,
  LEAD_HOUR_COUNTERS,
  STAGE_COUNTERS,
  type StageCounter,
} from './counters';

/** The time zone in which days, weeks and months of the statistics begin: the deadlines' calendar. */
export const STATS_TIME_ZONE = 'Europe/Stockholm';

const FINAL = sqlList(FINAL_STATUSES);
const DECIDED = sqlList(DECIDED_STATUSES);
const NOT_REVIEWED = sqlList(UNREVIEWED_STATUSES);

/**
 * Whether a stage's standing recommendation was `outcome` when the request was decided: the last outcome of some
 * stage of the request is that recommendation (a later round of the stage supersedes an earlier one).
 */
const standingRecommendation = (outcome: 'recommend_approve' | 'recommend_reject') =>
  `EXISTS (SELECT 1 FROM decisions d WHERE d.request_id = r.id AND d.outcome = '${outcome}'
     AND NOT EXISTS (SELECT 1 FROM decisions l WHERE l.request_id = r.id AND l.stage_name = d.stage_name
                       AND l.decided_at > d.decided_at))`;

/** A final decision (withdrawals have no lead time) counts once in its business-day bin and its hours bin. */
function leadHistogram(): Partial<Record<Counter, string>> {
  const decided = `r.status IN (${DECIDED})`;
  const bins = (counters: readonly Counter[], bounds: readonly number[], column: string) =>
    counters.map((counter, i) => {
      const below = i + 1 < bounds.length ? ` AND ${column} < ${bounds[i + 1]}` : '';
      return [counter, `(${decided} AND ${column} >= ${bounds[i]}${below})::int`];
    });
  return Object.fromEntries([
    ...bins(LEAD_DAY_COUNTERS, LEAD_DAY_BINS, 'r.lead_business_days'),
    ...bins(LEAD_HOUR_COUNTERS, LEAD_HOUR_BINS, 'r.lead_hours'),
  ]);
}

/**
 * Where each counter comes from in the raw record: one source per kind of event, each with the instant it
 * happened (`ts`) and the request it belongs to (alias `r`). Request facts feed `stats_rollups`; stage facts feed
 * `stats_stage_rollups` under the stage's name (`stage`). The rollups are sums of these facts and the property
 * test recomputes them from here, so this is the single definition of every figure.
 */
interface RequestFactSource {
  table: 'stats_rollups';
  ts: string;
  from: string;
  where: string;
  values: Partial<Record<Counter, string>>;
}
interface StageFactSource {
  table: 'stats_stage_rollups';
  ts: string;
  from: string;
  where: string;
  stage: string;
  values: Partial<Record<StageCounter, string>>;
}
type FactSource = RequestFactSource | StageFactSource;

export const FACT_SOURCES = {
  submission: {
    table: 'stats_rollups',
    ts: 'r.submitted_at',
    from: 'requests r',
    where: 'TRUE',
    values: {
      submitted: `(r.status NOT IN (${NOT_REVIEWED}))::int`,
      exempted: `(r.status = 'exempted')::int`,
      not_required: `(r.status = 'not_required')::int`,
      requested_cost: `CASE WHEN r.status NOT IN (${NOT_REVIEWED}) THEN r.cost_sek ELSE 0 END`,
      // An exempted request is under the regime, only not reviewed: the API adds it to volumes and cost.
      exempted_cost: `CASE WHEN r.status = 'exempted' THEN r.cost_sek ELSE 0 END`,
    },
  },
  final: {
    table: 'stats_rollups',
    ts: 'r.decided_at',
    from: 'requests r',
    where: `r.status IN (${FINAL})`,
    values: {
      approved: `(r.status = 'approved')::int`,
      approved_with_conditions: `(r.status = 'approved_with_conditions')::int`,
      rejected: `(r.status = 'rejected')::int`,
      withdrawn: `(r.status = 'withdrawn')::int`,
      approved_cost: `CASE WHEN r.status IN (${sqlList(APPROVED_STATUSES)}) THEN COALESCE(r.approved_cost_sek, r.cost_sek) ELSE 0 END`,
      rejected_cost: `CASE WHEN r.status = 'rejected' THEN r.cost_sek ELSE 0 END`,
      reduced_cost: `CASE WHEN r.status IN (${sqlList(APPROVED_STATUSES)}) THEN greatest(r.cost_sek - COALESCE(r.approved_cost_sek, r.cost_sek), 0) ELSE 0 END`,
      approved_against_recommendation: `(r.status IN (${sqlList(APPROVED_STATUSES)}) AND ${standingRecommendation('recommend_reject')})::int`,
      rejected_against_recommendation: `(r.status = 'rejected' AND ${standingRecommendation('recommend_approve')})::int`,
      ...leadHistogram(),
    },
  },
  /**
   * A call-off's cost over the days of its period (payload periodFrom..periodTo), one fact per day: day i of n
   * gets floor(cost·(i+1)/n) − floor(cost·i/n) kronor (libs/domain/cost.ts dayShare), so the days add up to the
   * cost exactly. Only call-offs whose staff work: approved (at the approved cost), exempted, not required.
   */
  accrual: {
    table: 'stats_rollups',
    ts: `((p.first + d.i)::timestamp AT TIME ZONE '${STATS_TIME_ZONE}')`,
    from: `requests r
           CROSS JOIN LATERAL (SELECT (r.payload->>'periodFrom')::date AS first,
                                      (r.payload->>'periodTo')::date - (r.payload->>'periodFrom')::date + 1 AS n,
                                      COALESCE(r.approved_cost_sek, r.cost_sek)::numeric AS total) p
           CROSS JOIN LATERAL generate_series(0, p.n - 1) AS d(i)`,
    where: `r.kind = 'agency_call_off' AND r.status IN (${sqlList(ACCRUING_STATUSES)})`,
    values: {
      accrued_cost: `(floor(p.total * (d.i + 1) / p.n) - floor(p.total * d.i / p.n))::bigint`,
    },
  },
  stageDecision: {
    table: 'stats_stage_rollups',
    ts: 's.closed_at',
    from: 'stages s JOIN requests r ON r.id = s.request_id',
    // A withdrawal closes the open stage too, but nobody decided it.
    where: `s.outcome IN (${sqlList(OUTCOMES)})`,
    stage: 's.name',
    values: {
      decided: '1',
      // Escalation moves due_at on, so a stage that was ever escalated missed its deadline whatever due_at says now.
      within: `(s.escalation_level = 0 AND s.closed_at <= s.due_at)::int`,
      recommend_approve: `(s.outcome = 'recommend_approve')::int`,
      recommend_reject: `(s.outcome = 'recommend_reject')::int`,
    },
  },
  escalation: {
    table: 'stats_stage_rollups',
    ts: 'a.at',
    from: 'audit_events a JOIN requests r ON r.id = a.request_id',
    where: `a.type = 'stage_escalated' AND a.data->>'stage' IS NOT NULL`,
    stage: `a.data->>'stage'`,
    values: { escalations: '1' },
  },
} satisfies Record<string, FactSource>;

export type FactSourceName = keyof typeof FACT_SOURCES;

/** Narrows the facts: `when` gets the source's timestamp column, `where` is a predicate on the request `r`. */
export interface FactFilter {
  when?: (ts: string) => string;
  where?: string;
}

const DIMENSIONS = `r.unit_id, r.division_id, r.kind, r.occupational_category AS category`;

/**
 * One row per fact of the sources that feed `table`: `at`, the request's dimensions, for stage facts the `stage`,
 * and every counter of that table (0 where the source has none). Undefined when none of the sources feeds it.
 */
export function factsSql(
  table: FactSource['table'],
  sources: readonly FactSourceName[],
  filter: FactFilter = {},
): string | undefined {
  const parts = sources
    .map((name): FactSource => FACT_SOURCES[name])
    .filter((source) => source.table === table)
    .map((source) => {
      const values: Partial<Record<string, string>> = source.values;
      const counters = (source.table === 'stats_rollups' ? COUNTERS : STAGE_COUNTERS)
        .map((c) => `${values[c] ?? '0'} AS ${c}`)
        .join(', ');
      const stage = source.table === 'stats_stage_rollups' ? `${source.stage} AS stage, ` : '';
      const where = [source.where, filter.when?.(source.ts), filter.where].filter(Boolean).join(' AND ');
      return `SELECT ${source.ts} AS at, ${DIMENSIONS}, ${stage}${counters} FROM ${source.from} WHERE ${where}`;
    });
  return parts.length > 0 ? parts.join('\nUNION ALL\n') : undefined;
}

export const ALL_FACT_SOURCES = Object.keys(FACT_SOURCES) as FactSourceName[];

/** First day of the grain's bucket (month, or ISO week from Monday) holding instant `ts`, Stockholm time. */
export function bucketOf(grainSql: string, ts: string): string {
  return `date_trunc(${grainSql}, ${ts} AT TIME ZONE '${STATS_TIME_ZONE}')::date`;
}
