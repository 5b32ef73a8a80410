import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createSmtpMailer, type Mailer } from '@activities/mailer';
import { loadConfig, requireClaimKeys, type AppConfig } from '@config/config';
import { seedDemoOrganisation } from '@local/demo-organisation';
import { connectTemporalClient } from '@temporal-lib/client';
import { productDataConverter } from '@temporal-lib/data-converter';
import { readTemporalTls } from '@temporal-lib/tls';
import { startReviewWorker, type RunningWorker } from '../../apps/worker/review-worker';
import { createApi } from '../../apps/api/src/create-api';
import { startTestDatabase, type TestDatabase } from './database';
import { TEST_PAYLOAD_ENV } from './payload-keys';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: TestDatabase;
  config: AppConfig;
  client: Client;
  token(username: string): Promise<string>;
  /** Stops the worker (as a dead worker: the API and Temporal stay up), and starts a new one on the same queue. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  /** The worker's mailer; by default one for SMTP_URL when `env` sets it (as the apps do), else none. */
  mailer?: Mailer;
  /** Migrate as a schema owner and run API and worker as a runtime role with only its grants (database.ts). */
  separateDatabaseRoles?: boolean;
  /** False: an empty organisation, as a region's first start with SEED_DEMO=false. */
  seedDemo?: boolean;
}

/**
 * The real API and worker for one test file: its own database, the run's Temporal dev server, and a task queue
 * of its own so files never pick up each other's workflows.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address)
    throw new Error('TEST_TEMPORAL_ADDRESS is not set: run through jest (tests/support/global-setup.ts)');
  const db = await startTestDatabase({ separateRoles: options.separateDatabaseRoles });
  if (options.seedDemo !== false) await seedDemoOrganisation(db.dataSource);
  const config = loadConfig({
    NODE_ENV: 'test',
    AUTH_MODE: 'dev',
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `review-${randomUUID()}`,
    ...TEST_PAYLOAD_ENV,
    ...env,
  });
  const dataConverter = productDataConverter(config.temporal.payloadEncryption);
  // TEMPORAL_TLS_* in `env` (the cluster test's mutual TLS) go through the config, as the apps read them.
  const tls = readTemporalTls(config.temporal.tls);
  const mailer = options.mailer ?? (config.mail && createSmtpMailer(config.mail));
  const newWorker = () =>
    startReviewWorker({
      address,
      tls,
      namespace: 'default',
      taskQueue: config.temporal.taskQueue,
      dataSource: db.dataSource,
      dataConverter,
      mailer,
      claimKeys: requireClaimKeys(config),
    });
  const [firstWorker, client] = await Promise.all([
    newWorker(),
    connectTemporalClient(address, 'default', { dataConverter, claimKeys: requireClaimKeys(config), tls }),
  ]);
  let worker: RunningWorker | undefined = firstWorker;
  const app = await createApi({ config, dataSource: db.dataSource, temporalClient: client }, false);
  await app.init();
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    app,
    http,
    db,
    config,
    client,
    async token(username) {
      if (!tokens.has(username)) {
        const res = await http.post('/api/v1/auth/dev-login').send({ username }).expect(200);
        tokens.set(username, res.body.token);
      }
      return tokens.get(username)!;
    },
    async stopWorker(this: void) {
      await worker?.shutdown();
      worker = undefined;
    },
    async startWorker(this: void) {
      worker ??= await newWorker();
    },
    async stop(this: void) {
      await app.close();
      await worker?.shutdown();
      await client.connection.close();
      await db.stop();
    },
  };
}
