import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '@db/data-source';
import { migrateDatabase } from '@db/open-database';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  /** With `separateRoles`: the schema owner's URL (MIGRATION_DATABASE_URL); `url` is then the runtime role's. */
  ownerUrl?: string;
  stop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * As deploy/postgres/initdb/10-provning-roles.sql sets production up: an owner role that migrates and owns the
   * schema, and a runtime role (`url`, `dataSource`) that only gets its grants. Without it, the run's superuser.
   */
  separateRoles?: boolean;
}

/** A migrated database of its own for one test file, on the run's shared PostgreSQL server (global-setup.ts). */
export async function startTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl)
    throw new Error(
      'TEST_PG_ADMIN_URL is not set: run the tests through jest (tests/support/global-setup.ts)',
    );
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const roles = options.separateRoles ? { owner: `${name}_owner`, runtime: `${name}_app` } : undefined;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  if (roles) {
    // Roles are cluster-wide, so they carry the database's unique name; the password is only for this server.
    await admin.query(`CREATE ROLE "${roles.owner}" LOGIN PASSWORD 'owner'`);
    await admin.query(`CREATE ROLE "${roles.runtime}" LOGIN PASSWORD 'runtime'`);
    await admin.query(`CREATE DATABASE "${name}" OWNER "${roles.owner}"`);
  } else await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const serverUrl = new URL(adminUrl);
  serverUrl.pathname = `/${name}`;
  const urlAs = (user: string, password: string) => {
    const u = new URL(serverUrl);
    u.username = user;
    u.password = password;
    return u.toString();
  };
  const url = roles ? urlAs(roles.runtime, 'runtime') : serverUrl.toString();
  const ownerUrl = roles ? urlAs(roles.owner, 'owner') : undefined;
  if (roles) {
    await prepareAsInitScript(ownerUrl!, roles.runtime);
    await migrateDatabase({ url, migrationUrl: ownerUrl, applicationName: 'provning-test', log: () => {} });
  }
  const dataSource = createDataSource({ url, poolSize: 5, applicationName: 'provning-test' });
  await dataSource.initialize();
  if (!roles) await runMigrations(dataSource);
  return {
    url,
    ownerUrl,
    dataSource,
    async stop() {
      await dataSource.destroy();
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      if (roles) {
        await cleanup.query(`DROP ROLE IF EXISTS "${roles.runtime}"`);
        await cleanup.query(`DROP ROLE IF EXISTS "${roles.owner}"`);
      }
      await cleanup.end();
    },
  };
}

/** The part of deploy/postgres/initdb/10-provning-roles.sql that runs inside the app database, as its owner. */
async function prepareAsInitScript(ownerUrl: string, runtimeRole: string): Promise<void> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const [{ db }] = (await owner.query(`SELECT current_database() AS db`)).rows as { db: string }[];
    await owner.query(`REVOKE ALL ON DATABASE "${db}" FROM PUBLIC`);
    await owner.query(`GRANT CONNECT ON DATABASE "${db}" TO "${runtimeRole}"`);
  } finally {
    await owner.end();
  }
}
