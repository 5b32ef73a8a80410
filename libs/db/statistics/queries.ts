import {
  LEAD_DAY_COUNTERS,
  LEAD_HOUR_COUNTERS,
  MONEY_COUNTERS,
  REQUEST_COUNTERS,
  STAGE_COUNTERS,
} from './counters';
import { REQUEST_KINDS } from '@domain/enums';

import { LEAD_DAY_BINS, LEAD_HOUR_BINS } from '@domain/lead-time';
import { OPEN_STATUSES } from '@domain/review-state';
import { sqlList } from '../sql-list';
import { STATS_TIME_ZONE } from './facts';
import { addCalendarDays } from '@domain/calendar';
import { type DateSpan, type Grain, planRange } from '@domain/stats-range';
import { type Detail, levelFor, type RollupLevel } from './levels';

/** What every statistics query is narrowed by. `divisionIds` undefined means all divisions. */
export interface StatsScope {
  from: string;
  to: string;
  kind?: string;
  divisionIds?: string[];
  unitId?: string;
  category?: string;
}

/** What rows are grouped by: time bucket and/or one organisational or request dimension. */
export type GroupKey = 'bucket' | 'division' | 'unit' | 'category' | 'kind';

/** Collects positional parameters while a query is written. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const COLUMN: Record<Exclude<GroupKey, 'bucket'>, string> = {
  division: 'division_id::text',
  unit: 'unit_id::text',
  category: 'category',
  kind: 'kind',
};

/** Key expressions `k0, k1` over rows with the rollup/fact column names; `''` when ungrouped. */
function keyColumns(keys: readonly GroupKey[], bucket: () => string): string {
  return [0, 1]
    .map(
      (i) =>
        `${keys[i] === undefined ? "''" : keys[i] === 'bucket' ? `${bucket()}::text` : COLUMN[keys[i] as Exclude<GroupKey, 'bucket'>]} AS k${i}`,
    )
    .join(', ');
}

/** Filters on the dimension columns of the rollups (the same values are repeated inside each SQL part). */
function dimensionFilter(scope: StatsScope, p: Params): string[] {
  const where: string[] = [];
  if (scope.kind) where.push(`kind = ${p.add(scope.kind)}`);
  if (scope.divisionIds) where.push(`division_id = ANY(${p.add(scope.divisionIds)}::uuid[])`);
  if (scope.unitId) where.push(`unit_id = ${p.add(scope.unitId)}::uuid`);
  if (scope.category) where.push(`category = ${p.add(scope.category)}`);
  return where;
}

/** The coarsest rollup level with every dimension the scope filters on or the keys group by. */
function levelOf(scope: StatsScope, keys: readonly GroupKey[]): RollupLevel {
  const needs: Detail[] = [];
  if (scope.unitId || keys.includes('unit')) needs.push('unit');
  if (scope.category || keys.includes('category')) needs.push('category');
  return levelFor(needs);
}

const stockholmMidnight = (param: string) => `(${param}::date::timestamp AT TIME ZONE '${STATS_TIME_ZONE}')`;

function spansPredicate(spans: DateSpan[], p: Params): (ts: string) => string {
  const bounds = spans.map((s) => [stockholmMidnight(p.add(s.from)), stockholmMidnight(p.add(s.until))]);
  return (ts) => `(${bounds.map(([a, b]) => `(${ts} >= ${a} AND ${ts} < ${b})`).join(' OR ')})`;
}

/**
 * Rollup rows for the range: the whole months (or weeks) from that grain, the days at the edges from the day
 * grain, each keyed by the bucket of the requested grain. `columns` are the measure columns of `table`.
 */
function rollupRows(
  scope: StatsScope,
  grain: Grain,
  keys: readonly GroupKey[],
  p: Params,
  store: { table: string; columns: string },
): string {
  const plan = planRange(scope.from, scope.to, grain);
  // Added only where used: PostgreSQL refuses a parameter whose type nothing in the query determines.
  let param: string | undefined;
  const grainParam = () => (param ??= p.add(grain));
  const dimensions = dimensionFilter(scope, p);
  const select = (rollupGrain: string, span: DateSpan, bucket: () => string) => {
    const where = [
      `grain = ${rollupGrain}`,
      `bucket >= ${p.add(span.from)}::date`,
      `bucket < ${p.add(span.until)}::date`,
      ...dimensions,
    ];
    return `SELECT ${keyColumns(keys, bucket)}, kind, ${store.columns} FROM ${store.table} WHERE ${where.join(' AND ')}`;
  };
  const parts: string[] = [];
  if (plan.whole) parts.push(select(grainParam(), plan.whole, () => 'bucket'));
  for (const edge of plan.edges)
    parts.push(select(`'day'`, edge, () => `date_trunc(${grainParam()}::text, bucket)::date`));
  return parts.join('\nUNION ALL\n');
}

/**
 * The money counters per kind, `<kind>__<counter>`: a hire's monthly cost and a call-off's total are different
 * units, so the API never reads a money sum across kinds.
 */
export const MONEY_BY_KIND = REQUEST_KINDS.flatMap((kind) =>
  [...MONEY_COUNTERS].map((c) => `${kind}__${c}` as const),
);

/**
 * Sums of every request counter per group, the money counters also per kind (MONEY_BY_KIND), and the stage
 * counters per stage name as a JSON object `stages` ({ [stage]: { decided, within, escalations } }). A group has a
 * row when either table has rows for it, with zeros for what the other lacks.
 */
export function countersQuery(
  scope: StatsScope,
  grain: Grain,
  keys: readonly GroupKey[],
): { sql: string; params: unknown[] } {
  const p = new Params();
  const level = levelOf(scope, keys);
  const requestRows = rollupRows(scope, grain, keys, p, {
    table: level.requests,
    columns: REQUEST_COUNTERS.join(', '),
  });
  const stageRows = rollupRows(scope, grain, keys, p, {
    table: level.stages,
    columns: `stage, ${STAGE_COUNTERS.join(', ')}`,
  });
  const sums = REQUEST_COUNTERS.map((c) => `sum(${c})::float8 AS ${c}`).join(', ');
  const stageSums = STAGE_COUNTERS.map((c) => `sum(${c})::float8 AS ${c}`).join(', ');
  const stageObject = STAGE_COUNTERS.map((c) => `'${c}', ${c}`).join(', ');
  const byKind = MONEY_BY_KIND.map((name) => {
    const [kind, counter] = name.split('__');
    return `coalesce(sum(${counter}) FILTER (WHERE kind = '${kind}'), 0)::float8 AS ${name}`;
  }).join(', ');
  const sql = `WITH requests AS (
                 SELECT k0, k1, ${sums}, ${byKind}
                   FROM (${requestRows}) x GROUP BY k0, k1),
               stages AS (
                 SELECT k0, k1, jsonb_object_agg(stage, jsonb_build_object(${stageObject})) AS stages
                   FROM (SELECT k0, k1, stage, ${stageSums} FROM (${stageRows}) y GROUP BY k0, k1, stage) z
                  GROUP BY k0, k1)
               SELECT k0, k1, ${REQUEST_COUNTERS.map((c) => `coalesce(${c}, 0) AS ${c}`).join(', ')},
                      ${MONEY_BY_KIND.map((c) => `coalesce(${c}, 0) AS ${c}`).join(', ')}, coalesce(stages, '{}') AS stages
                 FROM requests FULL JOIN stages USING (k0, k1)`;
  return { sql, params: p.values };
}

/**
 * percentile_cont over a histogram: the value at 0-based position p·(n−1) of the sorted values, interpolated
 * between its neighbours, found from running counts instead of sorting every decision. The property test
 * checks it against PostgreSQL's own percentile_cont over the raw rows (binned alike).
 */
function percentilesOf(hist: string, name: string): string {
  const at = (q: number, side: 'floor' | 'ceil') => `min(v) FILTER (WHERE cum > ${side}(${q} * (total - 1)))`;
  const interpolate = (q: number) =>
    `${at(q, 'floor')} + (${at(q, 'ceil')} - ${at(q, 'floor')}) * (${q} * (max(total) - 1) - floor(${q} * (max(total) - 1)))`;
  return `${name} AS (
    SELECT k0, k1, ${interpolate(0.5)} AS p50, ${interpolate(0.9)} AS p90
      FROM (SELECT k0, k1, v, sum(n) OVER (PARTITION BY k0, k1 ORDER BY v) AS cum,
                   sum(n) OVER (PARTITION BY k0, k1) AS total
              FROM ${hist} WHERE n > 0) c
     GROUP BY k0, k1)`;
}

/** One row per group and bin: (k0, k1, v = the bin's lower bound, n = decisions in it). */
function binsOf(sums: string, counters: readonly string[], bounds: readonly number[]): string {
  return `SELECT k0, k1, u.v, u.n FROM ${sums},
            unnest(ARRAY[${bounds.join(', ')}]::int[], ARRAY[${counters.join(', ')}]::float8[]) AS u(v, n)`;
}

/** p50 and p90 of lead time in business days and in hours per group, from the histogram columns. */
export function leadTimesQuery(
  scope: StatsScope,
  grain: Grain,
  keys: readonly GroupKey[],
): { sql: string; params: unknown[] } {
  const p = new Params();
  const histogram = [...LEAD_DAY_COUNTERS, ...LEAD_HOUR_COUNTERS];
  const rows = rollupRows(scope, grain, keys, p, {
    table: levelOf(scope, keys).requests,
    columns: histogram.join(', '),
  });
  const sums = histogram.map((c) => `sum(${c}) AS ${c}`).join(', ');
  const sql = `WITH sums AS (SELECT k0, k1, ${sums} FROM (${rows}) x GROUP BY k0, k1),
               days AS (${binsOf('sums', LEAD_DAY_COUNTERS, LEAD_DAY_BINS)}),
               hours AS (${binsOf('sums', LEAD_HOUR_COUNTERS, LEAD_HOUR_BINS)}),
               ${percentilesOf('days', 'bd')},
               ${percentilesOf('hours', 'h')}
               SELECT bd.k0, bd.k1, bd.p50 AS bd50, bd.p90 AS bd90, h.p50 AS h50, h.p90 AS h90
                 FROM bd JOIN h ON h.k0 = bd.k0 AND h.k1 = bd.k1`;
  return { sql, params: p.values };
}

/** Open requests (in review or returned) per group and submission day, for ages in business days. */
export function openQuery(scope: StatsScope, keys: readonly GroupKey[]): { sql: string; params: unknown[] } {
  const p = new Params();
  const when = spansPredicate(
    [{ from: scope.from, until: addCalendarDays(scope.to, 1) }],
    p,
  )('r.submitted_at');
  const where = [`r.status IN (${sqlList(OPEN_STATUSES)})`, when, ...dimensionFilter(scope, p)];
  const sql = `SELECT ${keyColumns(keys, () => "''")}, (r.submitted_at AT TIME ZONE '${STATS_TIME_ZONE}')::date::text AS day,
                      count(*)::int AS open
                 FROM (SELECT *, occupational_category AS category FROM requests) r
                WHERE ${where.join(' AND ')} GROUP BY 1, 2, 3`;
  return { sql, params: p.values };
}
