import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { AuditEventsRepository } from '@db/repositories/audit-events.repository';
import { migrateDatabase } from '@db/open-database';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

/**
 * Issue 17, finding 9: the API's database role owned the schema, so whoever took over the API's connection could
 * disable or drop the audit trail's append-only trigger and rewrite history. Here the schema owner only migrates;
 * API and worker run as a runtime role with the grants of libs/db/runtime-grants.ts.
 */
let t: TestApp;
let runtime: Client;
let owner: Client;

beforeAll(async () => {
  t = await startTestApp({}, { separateDatabaseRoles: true });
  runtime = new Client({ connectionString: t.db.url });
  owner = new Client({ connectionString: t.db.ownerUrl });
  await Promise.all([runtime.connect(), owner.connect()]);
});
afterAll(async () => {
  await Promise.allSettled([runtime?.end(), owner?.end()]);
  await t?.stop();
});

/** The SQLSTATE a statement fails with, or 'succeeded'. */
async function outcomeOf(sql: string): Promise<string> {
  try {
    await runtime.query(sql);
    return 'succeeded';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
const INSUFFICIENT_PRIVILEGE = '42501';
const MUST_BE_OWNER = '42501'; // "must be owner of table": the same SQLSTATE

describe('the runtime database role (issue 17, finding 9)', () => {
  it('runs the API as a role that owns nothing', async () => {
    const [{ current_user: user }] = (await t.db.dataSource.query(`SELECT current_user`)) as {
      current_user: string;
    }[];
    expect(user).toBe(new URL(t.db.url).username);
    const owned = await owner.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = $1`,
      [user],
    );
    expect(owned.rows).toEqual([]);
  });

  it('serves a request flow over HTTP: submit, decide, and the timeline from the audit trail', async () => {
    const unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
    expect((await openReviewPeriod(t, 'hire', '2020-01-01', '2099-12-31')).status).toBe(201);
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    await t.http
      .post(`/api/v1/requests/${submitted.body.id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve', comment: 'Underlaget komplett' })
      .expect(201);
    const timeline = await t.http
      .get(`/api/v1/requests/${submitted.body.id}/timeline`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(JSON.stringify(timeline.body)).toContain('submitted');
    expect(JSON.stringify(timeline.body)).toContain('decision');
  });

  it('appends to the audit trail and reads it back through the repository', async () => {
    const audit = new AuditEventsRepository(t.db.dataSource.manager);
    const eventKey = `roles-test-${randomUUID()}`;
    const requestId = (await t.db.dataSource.query(`SELECT id FROM requests LIMIT 1`))[0].id as string;
    expect(
      await audit.appendOnce({ eventKey, requestId, type: 'roles_test', at: new Date().toISOString() }),
    ).toBe(true);
    expect((await audit.ofRequest(requestId)).map((e) => e.type)).toContain('roles_test');
  });

  it.each([
    ['disable the append-only trigger', `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`],
    ['disable every trigger', `ALTER TABLE audit_events DISABLE TRIGGER ALL`],
    ['drop the append-only trigger', `DROP TRIGGER audit_events_append_only ON audit_events`],
    [
      'replace the trigger function',
      `CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
       LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
    ],
    ['drop the audit table', `DROP TABLE audit_events`],
    ['drop another table', `DROP TABLE requests CASCADE`],
    ['alter another table', `ALTER TABLE requests ADD COLUMN sneaky text`],
    ['create a table', `CREATE TABLE sneaky (id int)`],
    ['forge a migration record', `INSERT INTO migrations (timestamp, name) VALUES (1, 'Sneaky1')`],
    ['erase the migration history', `DELETE FROM migrations`],
  ])('refuses the runtime role to %s', async (_what, sql) => {
    expect(await outcomeOf(sql)).toBe(MUST_BE_OWNER);
  });

  it.each([
    ['UPDATE', `UPDATE audit_events SET type = 'rewritten'`],
    ['DELETE', `DELETE FROM audit_events`],
    ['TRUNCATE', `TRUNCATE audit_events`],
  ])('refuses %s on the audit trail by privilege, before the trigger is reached', async (_what, sql) => {
    expect(await outcomeOf(sql)).toBe(INSUFFICIENT_PRIVILEGE);
    // The privilege check, not the trigger's RAISE (which uses the same SQLSTATE), is what refused it.
    await expect(runtime.query(sql)).rejects.toThrow(/permission denied for table audit_events/);
  });

  it('still updates and deletes ordinary rows', async () => {
    await expect(runtime.query(`UPDATE notifications SET read_at = read_at`)).resolves.toBeDefined();
    await expect(runtime.query(`DELETE FROM notifications WHERE false`)).resolves.toBeDefined();
  });

  it('grants a table a later migration adds on the next migration run, and nothing more on audit_events', async () => {
    // What a later migration does, as the owner; the runtime role has no privilege on it yet.
    await owner.query(`CREATE TABLE later_feature (id bigserial PRIMARY KEY, note text NOT NULL)`);
    expect(await outcomeOf(`INSERT INTO later_feature (note) VALUES ('before')`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    // A privilege given by hand does not survive the re-grant either.
    await owner.query(`GRANT UPDATE ON audit_events TO "${new URL(t.db.url).username}"`);

    await migrateDatabase({
      url: t.db.url,
      migrationUrl: t.db.ownerUrl,
      applicationName: 'test',
      log: () => {},
    });

    expect(await outcomeOf(`INSERT INTO later_feature (note) VALUES ('after')`)).toBe('succeeded');
    expect(await outcomeOf(`UPDATE later_feature SET note = 'edited'`)).toBe('succeeded');
    expect(await outcomeOf(`DROP TABLE later_feature`)).toBe(MUST_BE_OWNER);
    await expect(runtime.query(`UPDATE audit_events SET type = 'rewritten'`)).rejects.toThrow(
      /permission denied for table audit_events/,
    );
  });
});
