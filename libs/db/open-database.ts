import type { DataSource } from 'typeorm';
import type { DatabaseSsl } from '@config/config';
import { createDataSource, runMigrations } from './data-source';

/** Connects and, when asked, brings the schema up to date before anyone reads it. */
export async function openDatabase(opts: {
  url: string;
  poolSize: number;
  applicationName: string;
  ssl?: DatabaseSsl;
  migrate: boolean;
  log: (message: string) => void;
}): Promise<DataSource> {
  const dataSource = createDataSource(opts);
  await dataSource.initialize();
  if (opts.migrate) {
    const applied = await runMigrations(dataSource);
    opts.log(
      applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: schema is up to date',
    );
  }
  return dataSource;
}
