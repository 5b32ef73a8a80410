import type { QueryRunner } from 'typeorm';

/*
 * The rollups' backfill as libs/db/statistics defined it when migration 1763930000000 was written: one column per
 * stage counter, lead-time histograms in columns. Frozen here so that what that migration does never follows later
 * changes to the live statistics code (1763940000000 moved the stage counters into rows of their own table).
 */
const STAGES = ['hr_review', 'staffing_review', 'director_decision', 'executive_decision'];
const OUTCOMES = `'approve', 'approve_with_conditions', 'reject', 'return'`;
const DAY_BINS = Array.from({ length: 32 }, (_, i) => i);
const HOUR_BINS = [
  ...Array.from({ length: 24 }, (_, h) => h),
  ...Array.from({ length: 6 }, (_, i) => 24 + 4 * i),
  ...Array.from({ length: 28 }, (_, i) => 48 + 24 * i),
  720,
];
const REQUEST_COUNTERS = [
  'submitted',
  'exempted',
  'not_required',
  'requested_cost',
  'approved',
  'approved_with_conditions',
  'rejected',
  'withdrawn',
  'approved_cost',
  'rejected_cost',
];
const STAGE_COUNTERS = STAGES.flatMap((s) => [`${s}_decided`, `${s}_within`, `${s}_escalations`]);
const DAY_COUNTERS = DAY_BINS.map((_, i) => `lead_days_${i}`);
const HOUR_COUNTERS = HOUR_BINS.map((_, i) => `lead_hours_${i}`);
const COUNTERS = [...REQUEST_COUNTERS, ...STAGE_COUNTERS, ...DAY_COUNTERS, ...HOUR_COUNTERS];

const DECIDED = `r.status IN ('approved', 'approved_with_conditions', 'rejected')`;
const NOT_REVIEWED = `'exempted', 'not_required'`;

function bins(counters: string[], bounds: number[], column: string): [string, string][] {
  return counters.map((counter, i) => {
    const below = i + 1 < bounds.length ? ` AND ${column} < ${bounds[i + 1]}` : '';
    return [counter, `(${DECIDED} AND ${column} >= ${bounds[i]}${below})::int`];
  });
}

const SOURCES: { ts: string; from: string; where: string; values: Record<string, string> }[] = [
  {
    ts: 'r.submitted_at',
    from: 'requests r',
    where: 'TRUE',
    values: {
      submitted: `(r.status NOT IN (${NOT_REVIEWED}))::int`,
      exempted: `(r.status = 'exempted')::int`,
      not_required: `(r.status = 'not_required')::int`,
      requested_cost: `CASE WHEN r.status NOT IN (${NOT_REVIEWED}) THEN r.cost_sek ELSE 0 END`,
    },
  },
  {
    ts: 'r.decided_at',
    from: 'requests r',
    where: `r.status IN ('approved', 'approved_with_conditions', 'rejected', 'withdrawn')`,
    values: {
      approved: `(r.status = 'approved')::int`,
      approved_with_conditions: `(r.status = 'approved_with_conditions')::int`,
      rejected: `(r.status = 'rejected')::int`,
      withdrawn: `(r.status = 'withdrawn')::int`,
      approved_cost: `CASE WHEN r.status IN ('approved', 'approved_with_conditions') THEN COALESCE(r.approved_cost_sek, r.cost_sek) ELSE 0 END`,
      rejected_cost: `CASE WHEN r.status = 'rejected' THEN r.cost_sek ELSE 0 END`,
      ...Object.fromEntries([
        ...bins(DAY_COUNTERS, DAY_BINS, 'r.lead_business_days'),
        ...bins(HOUR_COUNTERS, HOUR_BINS, 'r.lead_hours'),
      ]),
    },
  },
  {
    ts: 's.closed_at',
    from: 'stages s JOIN requests r ON r.id = s.request_id',
    where: `s.outcome IN (${OUTCOMES})`,
    values: Object.fromEntries(
      STAGES.flatMap((s) => [
        [`${s}_decided`, `(s.name = '${s}')::int`],
        [`${s}_within`, `(s.name = '${s}' AND s.escalation_level = 0 AND s.closed_at <= s.due_at)::int`],
      ]),
    ),
  },
  {
    ts: 'a.at',
    from: 'audit_events a JOIN requests r ON r.id = a.request_id',
    where: `a.type = 'stage_escalated'`,
    values: Object.fromEntries(STAGES.map((s) => [`${s}_escalations`, `(a.data->>'stage' = '${s}')::int`])),
  },
];

/** Recomputes every rollup of that schema from the raw record. */
export async function backfillRollups1763930000000(queryRunner: QueryRunner): Promise<void> {
  const facts = SOURCES.map(
    (s) =>
      `SELECT ${s.ts} AS at, r.unit_id, r.division_id, r.kind, r.occupational_category AS category, ` +
      `${COUNTERS.map((c) => `${s.values[c] ?? '0'} AS ${c}`).join(', ')} FROM ${s.from} WHERE ${s.where}`,
  ).join('\nUNION ALL\n');
  await queryRunner.query(`TRUNCATE stats_rollups`);
  await queryRunner.query(
    `INSERT INTO stats_rollups (grain, bucket, unit_id, kind, category, division_id, ${COUNTERS.join(', ')})
     SELECT g.grain, date_trunc(g.grain, f.at AT TIME ZONE 'Europe/Stockholm')::date, f.unit_id, f.kind, f.category,
            f.division_id, ${COUNTERS.map((c) => `sum(f.${c})`).join(', ')}
       FROM (${facts}) f CROSS JOIN (VALUES ('month'), ('week'), ('day')) g(grain)
      GROUP BY 1, 2, 3, 4, 5, 6`,
  );
}
