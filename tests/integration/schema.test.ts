import { MIGRATIONS } from '@db/migrations';
import { startTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db?.stop());

describe('the database schema', () => {
  it('is exactly what the entities describe once the migrations have run (no synchronize needed)', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps the audit trail append-only: UPDATE and DELETE are refused by the database', async () => {
    await db.dataSource.query(
      `INSERT INTO audit_events (event_key, type, at, data) VALUES ('schema-test', 'test', now(), '{}')`,
    );
    await expect(db.dataSource.query(`UPDATE audit_events SET type = 'changed'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    const [row] = await db.dataSource.query(`SELECT type FROM audit_events WHERE event_key = 'schema-test'`);
    expect(row.type).toBe('test');
  });

  it('can be migrated all the way down and up again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    const [{ count }] = await db.dataSource.query(
      `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_name = 'requests'`,
    );
    expect(count).toBe(0);
    await db.dataSource.runMigrations();
    expect((await db.dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
