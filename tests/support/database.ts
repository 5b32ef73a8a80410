import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '@db/data-source';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  stop(): Promise<void>;
}

/** A migrated database of its own for one test file, on the run's shared PostgreSQL server (global-setup.ts). */
export async function startTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl)
    throw new Error(
      'TEST_PG_ADMIN_URL is not set: run the tests through jest (tests/support/global-setup.ts)',
    );
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const dataSource = createDataSource({ url, poolSize: 5, applicationName: 'provning-test' });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return {
    url,
    dataSource,
    async stop() {
      await dataSource.destroy();
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
