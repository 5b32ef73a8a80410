/**
 * Writes years of realistic review history straight into PostgreSQL, for the statistics benchmark and for
 * demos: `npm run seed:history -- --requests 1000000 [--years 3] [--seed 42]`. Rows go in with multi-row
 * INSERTs from arrays (unnest), then the rollups are rebuilt from the raw record in one pass.
 *
 * The mix follows domain.md: most requests approved, some rejected, returned or withdrawn, a few escalated;
 * agency call-offs peak in summer; physicians and nurses dominate agency cost, physicians about twice nurses.
 * Lead times come from the same calendar code the activities use (libs/domain/lead-time.ts).
 */
import { randomUUID } from 'node:crypto';
import { businessDayDueAt } from '@domain/calendar';
import { leadTime } from '@domain/lead-time';
import { ROLLUP_LEVELS } from '@db/statistics/levels';
import { rebuildRollups } from '@db/statistics/rollups';
import { argument, openBenchDatabase } from './bench-database';

const REQUESTS = Number(argument('requests', '1000000'));
const YEARS = Number(argument('years', '3'));
let state = Number(argument('seed', '42')) >>> 0;
/** mulberry32: a seeded generator, so two runs with one seed write the same history. */
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(weighted: [T, number][]): T => {
  const total = weighted.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [value, w] of weighted) if ((r -= w) < 0) return value;
  return weighted[weighted.length - 1][0];
};
/** Exponentially distributed, mean `mean`. */
const exp = (mean: number) => -Math.log(1 - random()) * mean;

const HIRE_CATEGORIES: [string, number, number][] = [
  // category, weight, monthly salary cost (kr) including social fees
  ['assistant_nurse', 25, 42_000],
  ['nurse', 22, 56_000],
  ['physician', 8, 105_000],
  ['specialist_nurse', 8, 63_000],
  ['medical_secretary', 6, 44_000],
  ['mental_health_carer', 5, 41_000],
  ['physiotherapist', 4, 50_000],
  ['occupational_therapist', 3, 49_000],
  ['psychologist', 3, 58_000],
  ['social_worker', 3, 47_000],
  ['biomedical_scientist', 3, 50_000],
  ['radiographer', 2, 55_000],
  ['midwife', 2, 60_000],
  ['dental_nurse', 2, 40_000],
  ['dentist', 1, 80_000],
  ['dental_hygienist', 1, 48_000],
  ['manager', 1, 75_000],
  ['other', 1, 40_000],
];
const CALL_OFF_CATEGORIES: [string, number, number][] = [
  // category, weight, mean estimated cost of a call-off (kr)
  ['physician', 45, 300_000],
  ['nurse', 30, 230_000],
  ['specialist_nurse', 15, 250_000],
  ['psychologist', 5, 180_000],
  ['other', 5, 120_000],
];

interface Row {
  request: unknown[];
  stages: unknown[][];
  escalations: unknown[][];
}

async function main() {
  const started = Date.now();
  const db = await openBenchDatabase();
  const ds = db.dataSource;
  const units: { id: string; division_id: string; budget: number }[] = await ds.query(
    `SELECT u.id, u.parent_id AS division_id, d.budget_sek::float8 AS budget
       FROM org_units u JOIN org_units d ON d.id = u.parent_id WHERE u.level = 'unit'`,
  );
  const users: Record<string, string> = Object.fromEntries(
    (await ds.query(`SELECT username, id FROM users`)).map((u: { username: string; id: string }) => [
      u.username,
      u.id,
    ]),
  );
  const unitWeights = units.map((u) => [u, u.budget] as [typeof u, number]);
  const end = Date.now();
  const start = end - YEARS * 365 * 86_400_000;
  console.log(
    `seed:history: ${REQUESTS} requests from ${new Date(start).toISOString().slice(0, 10)} into ${db.url.replace(/:[^:@/]*@/, ':***@')}`,
  );

  const batchSize = 5000;
  let written = 0;
  while (written < REQUESTS) {
    const n = Math.min(batchSize, REQUESTS - written);
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) rows.push(makeRequest(start, end, unitWeights, users));
    await insertBatch(ds, rows);
    written += n;
    if (written % 100_000 === 0 || written === REQUESTS)
      console.log(`  ${written} requests written (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  console.log('  rebuilding the statistics rollups from the raw record …');
  const rollupStart = Date.now();
  await rebuildRollups(ds);
  await ds.query('ANALYZE');
  for (const table of ROLLUP_LEVELS.flatMap((level) => [level.requests, level.stages])) {
    const rollups: { grain: string; rows: number }[] = await ds.query(
      `SELECT grain, count(*)::int AS rows FROM ${table} GROUP BY grain ORDER BY grain`,
    );
    console.log(`  ${table}: ${rollups.map((r) => `${r.rows} ${r.grain} rows`).join(', ')}`);
  }
  console.log(`  rollups rebuilt in ${((Date.now() - rollupStart) / 1000).toFixed(0)} s`);
  console.log(`seed:history done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await db.close();
}

function makeRequest(
  start: number,
  end: number,
  unitWeights: [{ id: string; division_id: string }, number][],
  users: Record<string, string>,
): Row {
  // Call-offs peak in the summer holidays (June–August); hires run evenly through the year.
  let at = start + random() * (end - start);
  const month = new Date(at).getUTCMonth();
  const summer = month >= 5 && month <= 7;
  const kind = random() < (summer ? 0.45 : 0.25) ? 'agency_call_off' : 'hire';
  const day = new Date(at);
  if (day.getUTCDay() === 0 || day.getUTCDay() === 6) at += 2 * 86_400_000; // most are written on weekdays
  at = Math.floor(at / 86_400_000) * 86_400_000 + (6 + random() * 9) * 3_600_000; // 07–16 Swedish time
  if (at > end) at = end - 3_600_000;
  const unit = pick(unitWeights);
  const [category, , base] = pick(
    (kind === 'hire' ? HIRE_CATEGORIES : CALL_OFF_CATEGORIES).map((c) => [c, c[1]] as [typeof c, number]),
  );
  const cost = Math.round((kind === 'hire' ? base * (0.85 + random() * 0.3) : exp(base)) / 100) * 100 + 100;
  const id = randomUUID();
  const submittedAt = new Date(at);
  const route =
    kind === 'hire'
      ? ['hr_review', 'director_decision', ...(random() < 0.1 ? ['executive_decision'] : [])]
      : ['hr_review', 'staffing_review', 'director_decision'];
  const stages: unknown[][] = [];
  const escalations: unknown[][] = [];
  let status: string;
  let statusReason: string | null = null;
  let decidedAt: Date | null = null;
  let approvedCost: number | null = null;
  const r = random();
  if (r < 0.03) status = 'not_required';
  else if (r < 0.07) status = 'exempted';
  else {
    status = 'in_review';
    let clock = at;
    const returned = random() < 0.08;
    const outcomeRoll = random();
    for (const [index, name] of route.entries()) {
      for (let round = 1; round <= (returned && index === 0 ? 2 : 1); round++) {
        const openedAt = new Date(clock);
        const dueAt = businessDayDueAt(openedAt, name === 'hr_review' ? 3 : 2);
        const escalated = random() < 0.07;
        const took = escalated
          ? dueAt.getTime() - clock + exp(20) * 3_600_000
          : Math.min(exp(18) * 3_600_000, (dueAt.getTime() - clock) * random() * 1.05);
        const closedAt = clock + Math.max(took, 600_000);
        const stageId = randomUUID();
        if (closedAt > end) {
          // Still with the reviewer today.
          stages.push([stageId, id, name, round, openedAt, dueAt, 0, null, null]);
          return finish('in_review');
        }
        if (escalated)
          escalations.push([
            `stage_escalated:${stageId}:1`,
            id,
            new Date(dueAt.getTime()),
            JSON.stringify({ stage: name, level: 1 }),
          ]);
        let outcome = 'approve';
        if (returned && index === 0 && round === 1) outcome = 'return';
        else if (index === route.length - 1 || (index === 0 && outcomeRoll >= 0.82 && outcomeRoll < 0.87)) {
          outcome =
            outcomeRoll < 0.7
              ? 'approve'
              : outcomeRoll < 0.82
                ? 'approve_with_conditions'
                : outcomeRoll < 0.92
                  ? 'reject'
                  : 'withdraw';
        }
        if (outcome === 'withdraw') {
          stages.push([
            stageId,
            id,
            name,
            round,
            openedAt,
            new Date(dueAt),
            escalated ? 1 : 0,
            new Date(closedAt),
            'withdrawn',
          ]);
          decidedAt = new Date(closedAt);
          statusReason = 'by_requester';
          return finish('withdrawn');
        }
        stages.push([
          stageId,
          id,
          name,
          round,
          openedAt,
          new Date(dueAt),
          escalated ? 1 : 0,
          new Date(closedAt),
          outcome,
        ]);
        clock = closedAt + (outcome === 'return' ? exp(48) * 3_600_000 : 0);
        if (outcome === 'reject') {
          decidedAt = new Date(closedAt);
          return finish('rejected');
        }
        if (outcome === 'approve_with_conditions' && index === route.length - 1) {
          decidedAt = new Date(closedAt);
          if (kind === 'agency_call_off') approvedCost = Math.round(cost * (0.6 + random() * 0.3));
          return finish('approved_with_conditions');
        }
      }
    }
    decidedAt = new Date(clock);
    return finish('approved');
  }
  return finish(status);

  function finish(final: string): Row {
    const decided = final === 'approved' || final === 'approved_with_conditions' || final === 'rejected';
    const lead = decided && decidedAt ? leadTime(submittedAt, decidedAt) : null;
    return {
      request: [
        id,
        kind,
        unit.id,
        unit.division_id,
        users['chef.akuten'],
        category,
        JSON.stringify({
          kind,
          unitId: unit.id,
          occupationalCategory: category,
          justification: 'Seeded history',
          seeded: true,
          ...(kind === 'agency_call_off' && callOffPeriod(submittedAt, cost)),
        }),
        cost,
        final,
        statusReason,
        final === 'not_required' || final === 'exempted' ? null : 1,
        submittedAt,
        decidedAt,
        approvedCost,
        lead?.businessDays ?? null,
        lead?.hours ?? null,
      ],
      stages,
      escalations,
    };
  }
}

/**
 * A call-off's period, so its cost accrues over the days the staff work: it starts one to four weeks after
 * submission and lasts one week to three months. Derived from the request's own figures rather than drawn from
 * the random stream, so the rest of the seeded history stays what it was.
 */
function callOffPeriod(submittedAt: Date, cost: number) {
  const day = Math.floor(submittedAt.getTime() / 86_400_000);
  const from = new Date((day + 7 + (day % 22)) * 86_400_000);
  const to = new Date(from.getTime() + (6 + ((cost / 100) % 85)) * 86_400_000);
  return { periodFrom: from.toISOString().slice(0, 10), periodTo: to.toISOString().slice(0, 10) };
}

async function insertBatch(ds: import('typeorm').DataSource, rows: Row[]) {
  const columns = (table: unknown[][], count: number) =>
    Array.from({ length: count }, (_, c) => table.map((row) => row[c]));
  const requests = columns(
    rows.map((r) => r.request),
    16,
  );
  const stages = columns(
    rows.flatMap((r) => r.stages),
    9,
  );
  const escalations = columns(
    rows.flatMap((r) => r.escalations),
    4,
  );
  await ds.transaction(async (db) => {
    await db.query(
      `INSERT INTO requests (id, kind, unit_id, division_id, requester_id, occupational_category, payload, cost_sek, status,
                             status_reason, policy_version, submitted_at, decided_at, approved_cost_sek, lead_business_days, lead_hours)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::jsonb[], $8::bigint[],
                            $9::text[], $10::text[], $11::int[], $12::timestamptz[], $13::timestamptz[], $14::bigint[], $15::int[], $16::int[])`,
      requests,
    );
    await db.query(
      `INSERT INTO stages (id, request_id, name, round, opened_at, due_at, escalation_level, closed_at, outcome, assignee_role)
       SELECT *, 'hr_reviewer' FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::timestamptz[], $6::timestamptz[],
                                  $7::int[], $8::timestamptz[], $9::text[])`,
      stages,
    );
    if (escalations[0].length > 0)
      await db.query(
        `INSERT INTO audit_events (event_key, request_id, type, at, data)
         SELECT k, r, 'stage_escalated', a, d FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::jsonb[]) AS e(k, r, a, d)`,
        escalations,
      );
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
