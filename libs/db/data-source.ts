import { DataSource } from 'typeorm';
import type { DatabaseSsl } from '@config/config';
import { pgSslOptions } from './database-tls';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** DATABASE_SSL_MODE / DATABASE_SSL_CA_FILE; unset, plaintext. */
  ssl?: DatabaseSsl;
}

/** Schema changes only through migrations: `synchronize` would let an entity edit silently alter production. */
export function createDataSource(opts: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    ssl: pgSslOptions(opts.ssl),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension has to be installed.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: {
      max: opts.poolSize ?? 10,
      application_name: opts.applicationName ?? 'provning',
      connectionTimeoutMillis: 5000,
    },
  });
}

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
