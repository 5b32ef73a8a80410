import type { DataSource } from 'typeorm';
import { backfillRollups1763930000000 } from '@db/migrations/1763930000000-rollups-backfill';
import { StatsService } from '../../apps/api/src/stats/stats.service';
import type { CurrentUser } from '../../apps/api/src/auth/current-user';
import { undoThrough } from '../support/migrations';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { demoFixture } from '../support/fixtures';
import { historyWriter } from '../support/history';

jest.setTimeout(120_000);

/**
 * Migration 1763940000000 moves the per-stage figures from columns of `stats_rollups` into rows of
 * `stats_stage_rollups`. Down, the rows fold back into exactly the columns the earlier schema's own backfill
 * computes from the raw record; up again, the statistics report what they reported before.
 */
let db: TestDatabase;
let ds: DataSource;
let executive: CurrentUser;
beforeAll(async () => {
  db = await startTestDatabase();
  ds = db.dataSource;
  const demo = await demoFixture(ds);
  executive = demo.currentUser('hsdir');
  const history = historyWriter(ds);
  const akuten = { unitId: demo.unitIds.get('SOM-AKUT')!, divisionId: demo.unitIds.get('SOM')! };
  const requesterId = demo.userId('chef.akuten');
  const actorId = demo.userId('hr.somatik');
  const hire = await history.submit({
    kind: 'hire',
    ...akuten,
    requesterId,
    category: 'nurse',
    costSek: 48_000,
    at: '2026-01-28T10:00:00+01:00',
  });
  let s = await hire.open('hr_review', 1, '2026-01-28T10:00:00+01:00', '2026-01-30T16:00:00+01:00');
  await hire.escalate(s, 'hr_review', 1, '2026-01-30T16:00:00+01:00', '2026-02-02T16:00:00+01:00');
  // Decided in February, a month in which the request itself has no submission or final decision.
  await hire.decide(s, 'hr_review', 'approve', '2026-02-02T09:00:00+01:00', {
    actorId,
    status: 'in_review',
    final: false,
  });
  s = await hire.open('director_decision', 1, '2026-02-02T09:00:00+01:00', '2026-02-05T16:00:00+01:00');
  await hire.decide(s, 'director_decision', 'reject', '2026-03-03T09:00:00+01:00', {
    actorId,
    status: 'rejected',
    final: true,
  });
  const callOff = await history.submit({
    kind: 'agency_call_off',
    ...akuten,
    requesterId,
    category: 'physician',
    costSek: 300_000,
    at: '2026-02-10T10:00:00+01:00',
  });
  s = await callOff.open('staffing_review', 1, '2026-02-10T10:00:00+01:00', '2026-02-11T16:00:00+01:00');
  await callOff.decide(s, 'staffing_review', 'approve', '2026-02-11T10:00:00+01:00', {
    actorId,
    status: 'approved',
    final: true,
  });
});
afterAll(() => db?.stop());

const STAGE_COLUMNS = ['hr_review', 'staffing_review', 'director_decision', 'executive_decision'].flatMap(
  (s) => ['decided', 'within', 'escalations'].map((c) => `${s}_${c}`),
);

/** Every rollup row with a figure in it (rows of zeros carry nothing), in a stable order. */
async function oldShapeRows() {
  const figures = [...STAGE_COLUMNS, 'submitted', 'approved', 'rejected'];
  return ds.query(
    `SELECT grain, bucket::text, unit_id, kind, category, division_id, ${figures.join(', ')} FROM stats_rollups
      WHERE ${figures.map((c) => `${c} <> 0`).join(' OR ')} ORDER BY 1, 2, 3, 4, 5`,
  );
}

const figures = () =>
  Promise.all([
    new StatsService(ds).summary({ from: '2026-01-01', to: '2026-03-31' }, executive),
    new StatsService(ds).breakdown({ from: '2026-01-01', to: '2026-03-31', by: 'stage' }, executive),
  ]);

/** Undoes the migrations after `name`, then `name` itself (later migrations exist; they must go first). */
it('moves the stage figures to rows and back to columns without changing one figure', async () => {
  const before = await figures();
  expect(before[0].escalations).toBe(1);
  expect(Object.values(before[0].stages).reduce((n, s) => n + s.decided, 0)).toBe(3);
  const stageRows: unknown[] = await ds.query(
    `SELECT * FROM stats_stage_rollups WHERE grain = 'month' ORDER BY bucket, stage`,
  );
  expect(stageRows).toHaveLength(4);

  await undoThrough(ds, 'StageRollups1763940000000');
  const folded = await oldShapeRows();
  const runner = ds.createQueryRunner();
  await backfillRollups1763930000000(runner).finally(() => runner.release());
  expect(folded).toEqual(await oldShapeRows());
  // The hire's February row holds only a stage figure: down must create it, not just update existing rows.
  expect(folded).toContainEqual(
    expect.objectContaining({
      grain: 'month',
      bucket: '2026-02-01',
      category: 'nurse',
      hr_review_decided: 1,
      submitted: 0,
    }),
  );

  await ds.runMigrations({ transaction: 'each' });
  expect(await figures()).toEqual(before);
});
