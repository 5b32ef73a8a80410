import { ConfigError, loadConfig } from '@config/config';
import { createLogger } from '@config/logger';
import { createSmtpMailer } from '@activities/mailer';
import { openDatabase } from '@db/open-database';
import { installQuietRuntime } from '@temporal-lib/runtime';
import { startReviewWorker } from './review-worker';

const log = createLogger('worker');

/** The worker alone, for production; SIGTERM drains it (the SDK's default shutdown signals). */
async function main() {
  installQuietRuntime();
  const config = loadConfig();
  if (!config.database.url || !config.temporal.address) {
    throw new ConfigError([
      ...(!config.database.url
        ? [{ variable: 'DATABASE_URL', message: 'is required to run the worker on its own' }]
        : []),
      ...(!config.temporal.address
        ? [{ variable: 'TEMPORAL_ADDRESS', message: 'is required to run the worker on its own' }]
        : []),
    ]);
  }
  const dataSource = await openDatabase({
    url: config.database.url,
    poolSize: config.database.poolSize,
    applicationName: 'provning-worker',
    migrate: config.runMigrations,
    log,
  });
  const worker = await startReviewWorker({
    address: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataSource,
    mailer: config.mail && createSmtpMailer(config.mail),
  });
  log(
    config.mail
      ? `mail: notifications also go out by e-mail through ${new URL(config.mail.url).host}`
      : 'mail: SMTP_URL unset, notifications stay in the inbox',
  );
  log(`polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
  await worker.done;
  await dataSource.destroy();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
