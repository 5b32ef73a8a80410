import type { DataSource } from 'typeorm';
import type { DatabaseSsl } from '@config/config';
import { createDataSource, runMigrations } from './data-source';
import { grantRuntimeAccess, runtimeRoleOf } from './runtime-grants';

export interface MigrateOptions {
  /** The runtime role's URL (DATABASE_URL). */
  url: string;
  /** The schema owner's URL (MIGRATION_DATABASE_URL); unset, the runtime URL migrates, as one role for all. */
  migrationUrl?: string;
  /** DATABASE_RUNTIME_ROLE; unset, the user of `url`. */
  runtimeRole?: string;
  applicationName: string;
  log: (message: string) => void;
}

/**
 * Brings the schema up to date as the migration role, then grants the runtime role its rows (runtime-grants.ts).
 * The owner's connection lives only for this: the API and worker never hold a pool that could alter the schema.
 */
export async function migrateDatabase(opts: MigrateOptions): Promise<void> {
  const owner = createDataSource({
    url: opts.migrationUrl ?? opts.url,
    poolSize: 1,
    applicationName: `${opts.applicationName}-migrate`,
  });
  await owner.initialize();
  try {
    const applied = await runMigrations(owner);
    opts.log(
      applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: schema is up to date',
    );
    // One URL for both (the embedded local mode, a single-role install): nothing to grant, nothing changes.
    if (!opts.migrationUrl && !opts.runtimeRole) return;
    const role = runtimeRoleOf(opts.url, opts.runtimeRole);
    if (await grantRuntimeAccess(owner, role))
      opts.log(`migrations: runtime role "${role}" granted its rows`);
  } finally {
    await owner.destroy();
  }
}

/** Connects and, when asked, brings the schema up to date before anyone reads it. */
export async function openDatabase(opts: {
  url: string;
  migrationUrl?: string;
  runtimeRole?: string;
  poolSize: number;
  applicationName: string;
  ssl?: DatabaseSsl;
  migrate: boolean;
  log: (message: string) => void;
}): Promise<DataSource> {
  if (opts.migrate) await migrateDatabase(opts);
  const dataSource = createDataSource(opts);
  await dataSource.initialize();
  return dataSource;
}
