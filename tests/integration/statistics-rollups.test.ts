import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { STAGE_NAMES, type StageName } from '@domain/enums';
import { LEAD_HOUR_BINS } from '@domain/lead-time';
import { StatsService } from '../../apps/api/src/stats/stats.service';
import type { CurrentUser } from '../../apps/api/src/auth/current-user';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { demoFixture } from '../support/fixtures';
import { historyWriter } from '../support/history';
import { COUNTERS, STAGE_COUNTERS } from '@db/statistics/counters';
import { FINEST_LEVEL, levelColumns, ROLLUP_LEVELS } from '@db/statistics/levels';

jest.setTimeout(300_000);

/**
 * The rollups are a cache of the raw record: after any mix of submissions, decisions, escalations,
 * resubmissions (with changed category and cost) and withdrawals, every figure the statistics report equals a
 * direct computation over the raw rows, written here independently, with PostgreSQL's own percentile_cont
 * (over lead times binned as lib/domain/lead-time.ts says: days capped at 31, hours at the bins' lower bounds).
 * Each run writes into two fresh divisions, so runs never see each other's history.
 */
let db: TestDatabase;
let ds: DataSource;
let requesterId: string;
let actorId: string;
beforeAll(async () => {
  db = await startTestDatabase();
  ds = db.dataSource;
  const demo = await demoFixture(ds);
  requesterId = demo.userId('chef.akuten');
  actorId = demo.userId('hr.somatik');
});
afterAll(() => db?.stop());

const CATEGORIES = ['nurse', 'physician', 'psychologist'] as const;
const HOUR = 3_600_000;
const START = Date.parse('2025-11-01T00:00:00Z');

type Step = 'approve' | 'reject' | 'return' | 'withdraw' | 'escalate_then_approve';
const requestArb = fc.record({
  kind: fc.constantFrom('hire' as const, 'agency_call_off' as const),
  unit: fc.integer({ min: 0, max: 3 }),
  category: fc.constantFrom(...CATEGORIES),
  cost: fc.integer({ min: 1, max: 900 }).map((k) => k * 1000),
  startHours: fc.integer({ min: 0, max: 24 * 150 }),
  status: fc.constantFrom('in_review', 'in_review', 'in_review', 'exempted', 'not_required'),
  steps: fc.array(
    fc.constantFrom<Step>('approve', 'approve', 'reject', 'return', 'withdraw', 'escalate_then_approve'),
    {
      maxLength: 4,
    },
  ),
  gaps: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 8, maxLength: 8 }),
  lowerCost: fc.boolean(),
  newCategory: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
  // A call-off's period: from some day around the history, over up to four months (it crosses month ends).
  periodStart: fc.integer({ min: -20, max: 200 }),
  periodDays: fc.integer({ min: 1, max: 120 }),
});

type RequestSpec = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

const dateArb = fc
  .integer({ min: 0, max: 200 })
  .map((d) => new Date(START + d * 24 * HOUR).toISOString().slice(0, 10));
const filterArb = fc.record({
  range: fc.tuple(dateArb, dateArb).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
  kind: fc.option(fc.constantFrom('hire', 'agency_call_off'), { nil: undefined }),
  division: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
  unit: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
});

async function freshDivisions() {
  const suffix = randomUUID().slice(0, 8);
  const divisions: string[] = [];
  const units: { unitId: string; divisionId: string }[] = [];
  for (const d of [0, 1]) {
    const [div] = await ds.query(
      `INSERT INTO org_units (level, code, name) VALUES ('division', $1, $1) RETURNING id`,
      [`D${d}-${suffix}`],
    );
    divisions.push(div.id);
    for (const u of [0, 1]) {
      const [unit] = await ds.query(
        `INSERT INTO org_units (parent_id, level, code, name) VALUES ($1, 'unit', $2, $2) RETURNING id`,
        [div.id, `U${d}${u}-${suffix}`],
      );
      units.push({ unitId: unit.id, divisionId: div.id });
    }
  }
  return { divisions, units };
}

async function writeHistory(requests: RequestSpec[], units: { unitId: string; divisionId: string }[]) {
  const history = historyWriter(ds);
  for (const r of requests) {
    let now = START + r.startHours * HOUR;
    let gap = 0;
    const next = () => {
      now += (r.gaps[gap++ % r.gaps.length] + 1) * HOUR;
      return new Date(now).toISOString();
    };
    const req = await history.submit({
      kind: r.kind,
      ...units[r.unit],
      requesterId,
      category: r.category,
      costSek: r.cost,
      at: new Date(now).toISOString(),
      status: r.status as 'in_review' | 'exempted' | 'not_required',
      ...(r.kind === 'agency_call_off' && {
        period: {
          from: new Date(START + r.periodStart * 24 * HOUR).toISOString().slice(0, 10),
          to: new Date(START + (r.periodStart + r.periodDays - 1) * 24 * HOUR).toISOString().slice(0, 10),
        },
      }),
    });
    if (r.status !== 'in_review') continue;
    const rounds = new Map<StageName, number>();
    let stageIndex = 0;
    for (const [i, step] of r.steps.entries()) {
      const name = STAGE_NAMES[Math.min(stageIndex, STAGE_NAMES.length - 1)];
      const round = (rounds.get(name) ?? 0) + 1;
      rounds.set(name, round);
      const opened = new Date(now).toISOString();
      const stageId = await req.open(name, round, opened, new Date(now + 72 * HOUR).toISOString());
      const last = i === r.steps.length - 1;
      if (step === 'withdraw') {
        await req.withdraw(next(), stageId);
        break;
      }
      if (step === 'escalate_then_approve')
        await req.escalate(stageId, name, 1, next(), new Date(now + 48 * HOUR).toISOString());
      if (step === 'reject') {
        await req.decide(stageId, name, 'reject', next(), { actorId, status: 'rejected', final: true });
        break;
      }
      if (step === 'return') {
        await req.decide(stageId, name, 'return', next(), { actorId, status: 'returned', final: false });
        await req.resubmit(
          next(),
          r.newCategory ? { category: r.newCategory, costSek: r.cost + 1000 } : undefined,
        );
        continue;
      }
      const lower = r.lowerCost && last ? Math.floor(r.cost / 2) : undefined;
      await req.decide(stageId, name, lower ? 'approve_with_conditions' : 'approve', next(), {
        actorId,
        status: last ? (lower ? 'approved_with_conditions' : 'approved') : 'in_review',
        final: last,
        approvedCostSek: lower,
      });
      stageIndex += 1;
    }
  }
}

/** The figures straight from the raw rows, independently of the facts and rollups code. */
async function direct(scope: {
  from: string;
  to: string;
  kind?: string;
  divisionIds: string[];
  unitId?: string;
  category?: string;
}) {
  const params: unknown[] = [
    scope.from,
    scope.to,
    scope.divisionIds,
    scope.kind ?? null,
    scope.unitId ?? null,
    scope.category ?? null,
    [...LEAD_HOUR_BINS],
  ];
  const inRange = (ts: string) =>
    `${ts} >= ($1::date::timestamp AT TIME ZONE 'Europe/Stockholm') AND ${ts} < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`;
  const dims = `r.division_id = ANY($3::uuid[]) AND ($4::text IS NULL OR r.kind = $4) AND ($5::uuid IS NULL OR r.unit_id = $5)
                AND ($6::text IS NULL OR r.occupational_category = $6)`;
  const [row] = await ds.query(
    `SELECT
       (SELECT count(*) FILTER (WHERE status <> 'not_required')::int FROM requests r WHERE ${inRange('submitted_at')} AND ${dims}) AS submitted,
       (SELECT count(*) FILTER (WHERE status = 'exempted')::int FROM requests r WHERE ${inRange('submitted_at')} AND ${dims}) AS exempted,
       (SELECT coalesce(sum(cost_sek) FILTER (WHERE status <> 'not_required'), 0)::float8 FROM requests r WHERE ${inRange('submitted_at')} AND ${dims}) AS requested,
       (SELECT coalesce(sum(cost_sek) FILTER (WHERE status = 'exempted'), 0)::float8 FROM requests r WHERE ${inRange('submitted_at')} AND ${dims}) AS exempted_cost,
       (SELECT count(*) FILTER (WHERE status = 'approved')::int FROM requests r WHERE ${inRange('decided_at')} AND ${dims}) AS approved,
       (SELECT count(*) FILTER (WHERE status = 'approved_with_conditions')::int FROM requests r WHERE ${inRange('decided_at')} AND ${dims}) AS awc,
       (SELECT count(*) FILTER (WHERE status = 'rejected')::int FROM requests r WHERE ${inRange('decided_at')} AND ${dims}) AS rejected,
       (SELECT count(*) FILTER (WHERE status = 'withdrawn')::int FROM requests r WHERE ${inRange('decided_at')} AND ${dims}) AS withdrawn,
       (SELECT coalesce(sum(coalesce(approved_cost_sek, cost_sek)) FILTER (WHERE status IN ('approved', 'approved_with_conditions')), 0)::float8
          FROM requests r WHERE ${inRange('decided_at')} AND ${dims}) AS approved_cost,
       (SELECT coalesce(sum(cost_sek) FILTER (WHERE status = 'rejected'), 0)::float8 FROM requests r WHERE ${inRange('decided_at')} AND ${dims}) AS rejected_cost,
       (SELECT coalesce(sum(cost_sek - approved_cost_sek) FILTER (WHERE status IN ('approved', 'approved_with_conditions')), 0)::float8
          FROM requests r WHERE ${inRange('decided_at')} AND ${dims}) AS reduced_cost,
       (SELECT coalesce(sum(
                 floor(coalesce(approved_cost_sek, cost_sek)::numeric * (day - (payload->>'periodFrom')::date + 1)
                       / ((payload->>'periodTo')::date - (payload->>'periodFrom')::date + 1))
               - floor(coalesce(approved_cost_sek, cost_sek)::numeric * (day - (payload->>'periodFrom')::date)
                       / ((payload->>'periodTo')::date - (payload->>'periodFrom')::date + 1))), 0)::float8
          FROM requests r,
               generate_series((payload->>'periodFrom')::date, (payload->>'periodTo')::date, interval '1 day') AS g(ts),
               LATERAL (SELECT g.ts::date AS day) dd
         WHERE r.kind = 'agency_call_off' AND r.status IN ('approved', 'approved_with_conditions', 'exempted', 'not_required')
           AND dd.day BETWEEN $1::date AND $2::date AND ${dims}) AS accrued,
       (SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY least(lead_business_days, 31)) FROM requests r
         WHERE status IN ('approved', 'approved_with_conditions', 'rejected') AND ${inRange('decided_at')} AND ${dims}) AS bd,
       (SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY (SELECT max(b) FROM unnest($7::int[]) b WHERE b <= lead_hours)) FROM requests r
         WHERE status IN ('approved', 'approved_with_conditions', 'rejected') AND ${inRange('decided_at')} AND ${dims}) AS hours,
       (SELECT count(*)::int FROM stages s JOIN requests r ON r.id = s.request_id
         WHERE s.outcome IN ('approve', 'approve_with_conditions', 'reject', 'return') AND ${inRange('s.closed_at')} AND ${dims}) AS stage_decided,
       (SELECT count(*)::int FROM stages s JOIN requests r ON r.id = s.request_id
         WHERE s.outcome IN ('approve', 'approve_with_conditions', 'reject', 'return') AND s.escalation_level = 0 AND s.closed_at <= s.due_at
           AND ${inRange('s.closed_at')} AND ${dims}) AS stage_within,
       (SELECT count(*)::int FROM audit_events a JOIN requests r ON r.id = a.request_id
         WHERE a.type = 'stage_escalated' AND ${inRange('a.at')} AND ${dims}) AS escalations`,
    params,
  );
  return row;
}

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

it('reports from the rollups exactly what the raw record says, for any history and any filter', async () => {
  const stats = new StatsService(ds);
  await fc.assert(
    fc.asyncProperty(
      fc.array(requestArb, { minLength: 1, maxLength: 12 }),
      fc.array(filterArb, { minLength: 3, maxLength: 3 }),
      async (requests, filters) => {
        const { divisions, units } = await freshDivisions();
        await writeHistory(requests, units);
        const executive: CurrentUser = {
          id: actorId,
          username: 'x',
          displayName: 'x',
          grants: [
            { role: 'director', scopeUnitId: divisions[0] },
            { role: 'director', scopeUnitId: divisions[1] },
          ],
        };
        for (const f of filters) {
          const unitId = f.unit === undefined ? undefined : units[f.unit].unitId;
          const divisionIds = f.division === undefined ? divisions : [divisions[f.division]];
          if (unitId && !divisionIds.includes(units[f.unit!].divisionId)) continue;
          const query = {
            from: f.range[0],
            to: f.range[1],
            ...(f.kind && { kind: f.kind }),
            ...(f.division !== undefined && { divisionId: divisions[f.division] }),
            ...(unitId && { unitId }),
            ...(f.category && { category: f.category }),
          };
          const got = await stats.summary(query, executive);
          const scope = { from: f.range[0], to: f.range[1], divisionIds, unitId, category: f.category };
          const want = await direct({ ...scope, kind: f.kind });
          // The money per kind, each from the raw rows of that kind alone (empty when the filter is the other kind).
          const money = async (kind: 'hire' | 'agency_call_off') => {
            if (f.kind && f.kind !== kind)
              return { requested: 0, exempted: 0, approved: 0, rejected: 0, reduced: 0, accrued: 0 };
            const w = await direct({ ...scope, kind });
            return {
              requested: w.requested,
              exempted: w.exempted_cost,
              approved: w.approved_cost,
              rejected: w.rejected_cost,
              reduced: w.reduced_cost,
              accrued: w.accrued,
            };
          };
          const [hire, callOff] = [await money('hire'), await money('agency_call_off')];
          const h = got.cost.hire;
          const a = got.cost.agencyCallOff;
          expect({
            hire: [
              h.requested,
              h.exempted,
              h.approved,
              h.avoided.rejected,
              h.avoided.reduced,
              h.avoided.total,
            ],
            callOff: [
              a.requested,
              a.exempted,
              a.approved,
              a.avoided.rejected,
              a.avoided.reduced,
              a.avoided.total,
              a.accrued,
            ],
          }).toEqual({
            // A hire's figures are annual: twelve times the monthly cost requested.
            hire: [
              hire.requested,
              hire.exempted,
              hire.approved,
              hire.rejected,
              hire.reduced,
              hire.rejected + hire.reduced,
            ].map((n) => n * 12),
            callOff: [
              callOff.requested,
              callOff.exempted,
              callOff.approved,
              callOff.rejected,
              callOff.reduced,
              callOff.rejected + callOff.reduced,
              callOff.accrued,
            ],
          });
          expect({
            submitted: got.submitted,
            exempted: got.notReviewed.exempted,
            decided: got.decided,
            bd: [got.leadTimeBusinessDays.p50, got.leadTimeBusinessDays.p90],
            hours: [got.leadTimeHours.p50, got.leadTimeHours.p90],
            stageDecided: Object.values(got.stages).reduce((n, s) => n + s.decided, 0),
            stageWithin: Object.values(got.stages).reduce((n, s) => n + s.withinDeadline, 0),
            escalations: got.escalations,
          }).toEqual({
            submitted: want.submitted,
            exempted: want.exempted,
            decided: {
              approved: want.approved,
              approvedWithConditions: want.awc,
              rejected: want.rejected,
              withdrawn: want.withdrawn,
            },
            bd: want.bd ? want.bd.map(round2) : [null, null],
            hours: want.hours ? want.hours.map(round2) : [null, null],
            stageDecided: want.stage_decided,
            stageWithin: want.stage_within,
            escalations: want.escalations,
          });
        }
      },
    ),
    { numRuns: 25 },
  );
});

it('keeps every coarser rollup level equal to the finest summed by its key', async () => {
  const { units } = await freshDivisions();
  await writeHistory(fc.sample(requestArb, { numRuns: 15, seed: 20 }), units);
  for (const level of ROLLUP_LEVELS.filter((l) => l !== FINEST_LEVEL)) {
    for (const [table, finest, counters, stage] of [
      [level.requests, FINEST_LEVEL.requests, COUNTERS, false],
      [level.stages, FINEST_LEVEL.stages, STAGE_COUNTERS, true],
    ] as const) {
      const columns = levelColumns(level, stage).columns.join(', ');
      const summed = `SELECT ${columns}, ${counters.map((c) => `sum(${c})::bigint AS ${c}`).join(', ')}
                        FROM ${finest} GROUP BY ${columns}`;
      const kept = `SELECT ${columns}, ${counters.map((c) => `${c}::bigint`).join(', ')} FROM ${table}`;
      const [{ rows, missing, extraRows }] = await ds.query(
        `SELECT (SELECT count(*)::int FROM ${table}) AS rows,
                (SELECT count(*)::int FROM (${summed} EXCEPT ${kept}) m) AS missing,
                (SELECT count(*)::int FROM (${kept} EXCEPT ${summed}) e) AS "extraRows"`,
      );
      expect({ table, missing, extraRows }).toEqual({ table, missing: 0, extraRows: 0 });
      expect(rows).toBeGreaterThan(0);
    }
  }
});
