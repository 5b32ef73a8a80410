import type { DataSource } from 'typeorm';
import { StatsService } from '../../apps/api/src/stats/stats.service';
import type { CurrentUser } from '../../apps/api/src/auth/current-user';
import { FINEST_LEVEL, ROLLUP_LEVELS } from '@db/statistics/levels';
import { undoThrough } from '../support/migrations';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { demoFixture } from '../support/fixtures';
import { historyWriter } from '../support/history';

jest.setTimeout(120_000);

/**
 * Migration 1764370000000 adds the coarser rollup levels and fills them from the finest. The levels the
 * migration fills from history equal, row for row, those kept event by event since; down removes them and leaves
 * the finest level as it was.
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
  const requesterId = demo.userId('chef.akuten');
  const actorId = demo.userId('div.somatik');
  const units = ['SOM-AKUT', 'SOM-KIR'].map((code) => ({
    unitId: demo.unitIds.get(code)!,
    divisionId: demo.unitIds.get('SOM')!,
  }));
  for (const [i, unit] of units.entries()) {
    const hire = await history.submit({
      kind: 'hire',
      ...unit,
      requesterId,
      category: i === 0 ? 'nurse' : 'physician',
      costSek: 48_000 + i * 1000,
      at: `2032-0${i + 1}-10T09:00:00+01:00`,
    });
    const stage = await hire.open(
      'hr_review',
      1,
      `2032-0${i + 1}-10T09:00:00+01:00`,
      `2032-0${i + 1}-17T16:00:00+01:00`,
    );
    await hire.decide(
      stage,
      'hr_review',
      i === 0 ? 'approve' : 'reject',
      `2032-0${i + 1}-12T10:00:00+01:00`,
      {
        actorId,
        status: i === 0 ? 'approved' : 'rejected',
        final: true,
      },
    );
    await history.submit({
      kind: 'agency_call_off',
      ...unit,
      requesterId,
      category: 'nurse',
      costSek: 120_000,
      at: `2032-0${i + 1}-20T09:00:00+01:00`,
      status: 'exempted',
      period: { from: `2032-0${i + 1}-25`, to: `2032-0${i + 2}-10` },
    });
  }
});
afterAll(() => db?.stop());

const coarser = ROLLUP_LEVELS.filter((l) => l !== FINEST_LEVEL).flatMap((l) => [l.requests, l.stages]);
const contents = async () =>
  Object.fromEntries(
    await Promise.all(
      coarser.map(async (t) => [t, await ds.query(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4, 5`)] as const),
    ),
  );
const summary = () => new StatsService(ds).summary({ from: '2032-01-01', to: '2032-03-31' }, executive);

it('fills the coarser levels from the finest exactly as the events kept them, and down removes only them', async () => {
  const kept = await contents();
  const figures = await summary();
  const finest = await ds.query(`SELECT * FROM stats_rollups ORDER BY 1, 2, 3, 4, 5`);
  expect(Object.values(kept).every((rows) => rows.length > 0)).toBe(true);

  await undoThrough(ds, 'RollupLevels1764370000000');
  const [{ left }] = await ds.query(
    `SELECT count(*)::int AS left FROM information_schema.tables WHERE table_name = ANY($1)`,
    [coarser],
  );
  expect(left).toBe(0);
  expect(await ds.query(`SELECT * FROM stats_rollups ORDER BY 1, 2, 3, 4, 5`)).toEqual(finest);

  await ds.runMigrations({ transaction: 'each' });
  expect(await contents()).toEqual(kept);
  expect(await summary()).toEqual(figures);
  expect(figures.submitted).toBe(4);
});
