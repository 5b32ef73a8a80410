import 'reflect-metadata';
import {
  ConfigError,
  loadConfig,
  requireClaimKeys,
  requireExternalServers,
  requireSignInChoice,
} from '@config/config';
import { createLogger } from '@config/logger';
import { openDatabase } from '@db/open-database';
import { connectTemporalClient } from '@temporal-lib/client';
import { productDataConverter } from '@temporal-lib/data-converter';
import { payloadEncryptionFor } from '@temporal-lib/payload-keys';
import { readTemporalTls } from '@temporal-lib/tls';
import { createApi } from './src/create-api';

const log = createLogger('api');

/** The API alone, for production: PostgreSQL and Temporal are given by DATABASE_URL and TEMPORAL_ADDRESS. */
async function main() {
  const config = loadConfig();
  requireSignInChoice(config);
  const { databaseUrl, temporalAddress } = requireExternalServers(config, 'the API');
  // Every refusal of the configuration before the database is touched: no migration runs for a process that stops.
  const claimKeys = requireClaimKeys(config);
  const dataConverter = productDataConverter(payloadEncryptionFor(config, { log }));
  const tls = readTemporalTls(config.temporal.tls);
  const dataSource = await openDatabase({
    url: databaseUrl,
    migrationUrl: config.database.migrationUrl,
    runtimeRole: config.database.runtimeRole,
    poolSize: config.database.poolSize,
    ssl: config.database.ssl,
    applicationName: 'provning-api',
    migrate: config.runMigrations,
    log,
  });
  const temporalClient = await connectTemporalClient(temporalAddress, config.temporal.namespace, {
    dataConverter,
    claimKeys,
    tls,
  });
  const app = await createApi({ config, dataSource, temporalClient });
  await app.listen(config.http.port, config.http.host);
  log(`listening on ${config.http.host}:${config.http.port}`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
