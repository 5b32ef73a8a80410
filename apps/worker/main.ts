import { ConfigError, loadConfig, requireClaimKeys, requireExternalServers } from '@config/config';
import { createLogger } from '@config/logger';
import { openDatabase } from '@db/open-database';
import { ensureBoardReportSchedule } from '@temporal-lib/board-report-schedule';
import { connectTemporalClient } from '@temporal-lib/client';
import { ensureMailOutboxSchedule } from '@temporal-lib/mail-outbox-schedule';
import { productDataConverter } from '@temporal-lib/data-converter';
import { payloadEncryptionFor } from '@temporal-lib/payload-keys';
import { readTemporalTls } from '@temporal-lib/tls';
import { installQuietRuntime } from '@temporal-lib/runtime';
import { mailerFromConfig, startReviewWorker } from './review-worker';

const log = createLogger('worker');

/** The worker alone, for production; SIGTERM drains it (the SDK's default shutdown signals). */
async function main() {
  installQuietRuntime();
  const config = loadConfig();
  const { databaseUrl, temporalAddress } = requireExternalServers(config, 'the worker');
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
    applicationName: 'provning-worker',
    migrate: config.runMigrations,
    log,
  });
  const worker = await startReviewWorker({
    address: temporalAddress,
    tls,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataSource,
    dataConverter,
    mailer: mailerFromConfig(config, log),
    workflowBundlePath: config.temporal.worker.workflowBundlePath,
    maxCachedWorkflows: config.temporal.worker.maxCachedWorkflows,
    workflowThreads: config.temporal.worker.workflowThreads,
    claimKeys,
  });
  log(`polling task queue "${config.temporal.taskQueue}" on ${temporalAddress}`);
  // The monthly board report's schedule; every worker ensures it, so a fresh namespace gets it without a step.
  const client = await connectTemporalClient(temporalAddress, config.temporal.namespace, {
    dataConverter,
    tls,
  });
  try {
    log(`board report schedule: ${await ensureBoardReportSchedule(client, config.temporal.taskQueue)}`);
  } catch (error) {
    // Reviews do not depend on it: the worker goes on, and the log says the monthly report will not be sent.
    log(`warning: board report schedule not ensured: ${(error as Error).message}`);
  }
  try {
    log(`mail outbox resend schedule: ${await ensureMailOutboxSchedule(client, config.temporal.taskQueue)}`);
  } catch (error) {
    // Reviews go on; mails whose first send failed wait in the outbox until a worker ensures the schedule.
    log(`warning: mail outbox resend schedule not ensured: ${(error as Error).message}`);
  } finally {
    await client.connection.close();
  }
  await worker.done;
  await dataSource.destroy();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
