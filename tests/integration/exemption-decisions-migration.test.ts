import type { DataSource } from 'typeorm';
import { StatsService } from '../../apps/api/src/stats/stats.service';
import type { CurrentUser } from '../../apps/api/src/auth/current-user';
import { ExemptionsRepository } from '@db/repositories/exemptions.repository';
import { exemptionCovers, exemptionStatus } from '@domain/exemptions';
import { undoThrough } from '../support/migrations';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { demoFixture } from '../support/fixtures';
import { historyWriter } from '../support/history';

jest.setTimeout(120_000);

/**
 * Migration 1764140000000 gives exemptions the decision behind them and a dated revocation, and the statistics
 * the cost of exempted requests. Rows recorded before it keep their reference, are marked as of unknown body,
 * lose any end beyond the review regime, cover nothing without a ceiling, and the exempted cost is backfilled.
 */
let db: TestDatabase;
let ds: DataSource;
let executive: CurrentUser;
let akuten: { unitId: string; divisionId: string };
let recorder: string;
beforeAll(async () => {
  db = await startTestDatabase();
  ds = db.dataSource;
  const demo = await demoFixture(ds);
  executive = demo.currentUser('hsdir');
  akuten = { unitId: demo.unitIds.get('SOM-AKUT')!, divisionId: demo.unitIds.get('SOM')! };
  recorder = demo.userId('div.somatik');
  await historyWriter(ds).submit({
    kind: 'agency_call_off',
    ...akuten,
    requesterId: demo.userId('chef.akuten'),
    category: 'physician',
    costSek: 120_000,
    at: '2030-03-02T10:00:00+01:00',
    status: 'exempted',
  });
});
afterAll(() => db?.stop());

const march2030 = () => new StatsService(ds).summary({ from: '2030-03-01', to: '2030-03-31' }, executive);

it('migrates the exemptions recorded before it and backfills the cost of exempted requests', async () => {
  await undoThrough(ds, 'ExemptionDecisions1764140000000');
  // A call-off period for 2030 extended to mid-2031, recorded in the old schema.
  const [period] = await ds.query(
    `INSERT INTO review_periods (kind, valid_from, valid_to, decision_ref, decided_by, decided_on)
     VALUES ('agency_call_off', '2030-01-01', '2030-12-31', 'HSN/1/2029', 'HSN', '2029-12-01') RETURNING id`,
  );
  await ds.query(
    `INSERT INTO review_periods (kind, valid_from, valid_to, decision_ref, decided_by, decided_on, extends_id)
     VALUES ('agency_call_off', '2031-01-01', '2031-06-30', 'HSN/2/2030', 'HSN', '2030-11-01', $1)`,
    [period.id],
  );
  const insert = (validTo: string, ceiling: number | null, revokedAt: string | null) =>
    ds.query(
      `INSERT INTO exemptions (scope_unit_id, kind, occupational_categories, valid_from, valid_to, cost_ceiling_sek,
                               reason, decision_ref, granted_by, created_at, revoked_at, revoked_by)
       VALUES ($1, 'agency_call_off', '{}', '2030-02-01', $2, $3, 'Gammal dispens', 'DIR/1/2030', $4,
               '2030-01-20T23:30:00Z', $5, $6) RETURNING id`,
      [akuten.divisionId, validTo, ceiling, recorder, revokedAt, revokedAt ? recorder : null],
    );
  const [open] = await insert('2032-12-31', null, null);
  const [revoked] = await insert('2030-06-30', 200_000, '2030-04-30T22:30:00Z');

  await ds.runMigrations({ transaction: 'each' });
  const repo = new ExemptionsRepository(ds);
  const migratedOpen = (await repo.byId(open.id))!;
  expect(migratedOpen).toMatchObject({
    decisionBody: 'okänt – registrerat före beslutsfält',
    decisionRef: 'DIR/1/2030',
    // 23:30 UTC on 20 January is the 21st in Stockholm.
    decidedOn: '2030-01-21',
    recordedBy: recorder,
    // Brought back from 2032 to the end of the extended regime.
    validTo: '2031-06-30',
    costCeilingSek: null,
    revokedOn: null,
  });
  expect(exemptionStatus(migratedOpen, '2030-03-01')).toBe('incomplete');
  const subject = { kind: 'agency_call_off' as const, ...akuten, occupationalCategory: 'nurse' as const };
  expect(exemptionCovers(migratedOpen, { ...subject, costSek: 1, date: '2030-03-01' })).toBe(false);

  const migratedRevoked = (await repo.byId(revoked.id))!;
  expect(migratedRevoked).toMatchObject({ validTo: '2030-06-30', revokedOn: '2030-05-01' });
  expect(migratedRevoked.revokeReason).toMatch(/^okänt/);
  expect(exemptionCovers(migratedRevoked, { ...subject, costSek: 1, date: '2030-04-30' })).toBe(true);
  expect(exemptionCovers(migratedRevoked, { ...subject, costSek: 1, date: '2030-05-01' })).toBe(false);

  expect(await march2030()).toMatchObject({
    submitted: 1,
    notReviewed: { exempted: 1 },
    cost: { agencyCallOff: { requested: 120_000, exempted: 120_000 } },
  });
});
