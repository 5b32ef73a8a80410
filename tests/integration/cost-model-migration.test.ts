import type { DataSource } from 'typeorm';
import { StatsService } from '../../apps/api/src/stats/stats.service';
import type { CurrentUser } from '../../apps/api/src/auth/current-user';
import { ROLLUP_LEVELS } from '@db/statistics/levels';
import { undoThrough } from '../support/migrations';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { demoFixture } from '../support/fixtures';
import { historyWriter } from '../support/history';

jest.setTimeout(120_000);

/**
 * Migration 1764350000000 gives the statistics what conditions cut from an approved cost and a call-off's cost
 * accrued over the days of its period. History recorded before it is backfilled: the figures after the migration
 * equal those of the same history recorded after it.
 */
let db: TestDatabase;
let ds: DataSource;
let executive: CurrentUser;
let akuten: { unitId: string; divisionId: string };
let requesterId: string;
let actorId: string;
beforeAll(async () => {
  db = await startTestDatabase();
  ds = db.dataSource;
  const demo = await demoFixture(ds);
  executive = demo.currentUser('hsdir');
  akuten = { unitId: demo.unitIds.get('SOM-AKUT')!, divisionId: demo.unitIds.get('SOM')! };
  requesterId = demo.userId('chef.akuten');
  actorId = demo.userId('div.somatik');
});
afterAll(() => db?.stop());

/** An approved call-off at a lower cost and an exempted one, both over month ends, in 2031. */
async function writeHistory(old: boolean) {
  const history = historyWriter(ds);
  const approved = await history.submit({
    kind: 'agency_call_off',
    ...akuten,
    requesterId,
    category: 'physician',
    costSek: 310_000,
    at: '2031-01-10T09:00:00+01:00',
    period: { from: '2031-01-20', to: '2031-02-28' },
  });
  const stage = await approved.open(
    'director_decision',
    1,
    '2031-01-10T09:00:00+01:00',
    '2031-01-15T16:00:00+01:00',
  );
  await approved.decide(stage, 'director_decision', 'approve_with_conditions', '2031-01-12T09:00:00+01:00', {
    actorId,
    status: 'approved_with_conditions',
    final: true,
    approvedCostSek: 200_000,
  });
  await history.submit({
    kind: 'agency_call_off',
    ...akuten,
    requesterId,
    category: 'nurse',
    costSek: 77_777,
    at: '2031-01-25T09:00:00+01:00',
    status: 'exempted',
    period: { from: '2031-01-30', to: '2031-03-02' },
  });
  if (old)
    // Recorded by the code before the migration: no accrual and no reduction in the rollups (of every level: the
    // later migration that adds the coarser ones fills them from the finest).
    for (const { requests } of ROLLUP_LEVELS)
      await ds.query(
        `UPDATE ${requests} SET accrued_cost = 0, reduced_cost = 0 WHERE bucket >= '2031-01-01'`,
      );
}

const figures = async () => {
  const stats = new StatsService(ds);
  const [q1, february] = [
    await stats.summary({ from: '2031-01-01', to: '2031-03-31' }, executive),
    await stats.summary({ from: '2031-02-01', to: '2031-02-28' }, executive),
  ];
  return { q1: q1.cost.agencyCallOff, february: february.cost.agencyCallOff.accrued };
};

it('backfills the reductions and the accrual of the history recorded before it', async () => {
  await writeHistory(true);
  const before = await figures();
  expect(before.q1.accrued).toBe(0);
  await undoThrough(ds, 'CostModel1764350000000');
  await ds.runMigrations({ transaction: 'each' });
  const after = await figures();
  // The approved call-off's 200 000 kr over its 40 days and the exempted one's 77 777 kr over 32, all in Q1.
  expect(after.q1).toMatchObject({
    approved: 200_000,
    avoided: { rejected: 0, reduced: 110_000, total: 110_000 },
    accrued: 200_000 + 77_777,
  });
  // February: days 13–40 of the approved one (28 days), days 3–30 of the exempted one (28 days).
  expect(after.february).toBe(
    Math.floor((200_000 * 40) / 40) -
      Math.floor((200_000 * 12) / 40) +
      Math.floor((77_777 * 30) / 32) -
      Math.floor((77_777 * 2) / 32),
  );
});
