import 'reflect-metadata';
import { ConfigError, loadConfig } from '@config/config';
import { createLogger } from '@config/logger';
import { migrateDatabase } from './open-database';

const log = createLogger('migrate');

/**
 * `npm run migrate`: the migrations and the runtime role's grants, without starting the API (for a release step
 * that runs before the new API, with RUN_MIGRATIONS=false on the API).
 */
async function main() {
  const config = loadConfig();
  if (!config.database.url) {
    throw new ConfigError([
      { variable: 'DATABASE_URL', message: 'is required: the runtime role that is granted its rows' },
    ]);
  }
  await migrateDatabase({
    url: config.database.url,
    migrationUrl: config.database.migrationUrl,
    runtimeRole: config.database.runtimeRole,
    applicationName: 'provning',
    log,
  });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
