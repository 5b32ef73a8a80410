import 'reflect-metadata';
import { join, resolve } from 'node:path';
import type { TLSConfig } from '@temporalio/client';
import { ConfigError, loadConfig, requireClaimKeys, type AppConfig } from '@config/config';
import { createLogger } from '@config/logger';
import { seedDemoOrganisation } from '@local/demo-organisation';
import { startEmbeddedPostgres } from '@local/embedded-postgres';
import { openDatabase } from '@db/open-database';
import { ensureBoardReportSchedule } from '@temporal-lib/board-report-schedule';
import { ensureMailOutboxSchedule } from '@temporal-lib/mail-outbox-schedule';
import { connectTemporalClient } from '@temporal-lib/client';
import { productDataConverter } from '@temporal-lib/data-converter';
import { payloadEncryptionFor } from '@temporal-lib/payload-keys';
import { startDevServer } from '@local/temporal/dev-server';
import { nodePorts, parseTemporalDbUrl, startTemporalCluster } from '@local/temporal/cluster';
import { startFrontendBalancer } from '@local/temporal/frontend-balancer';
import { ensureTemporalCerts } from '@local/temporal/certs';
import { readTemporalTls } from '@temporal-lib/tls';
import { assertPortFree, PortInUseError } from '@local/ports';
import { installQuietRuntime } from '@temporal-lib/runtime';
import { mailerFromConfig, startReviewWorker } from '../worker/review-worker';
import { createApi } from '../api/src/create-api';

const log = createLogger('start');

/**
 * `npm start`: the whole product on one machine, in order: PostgreSQL, Temporal dev server, migrations,
 * demo organisation, worker, API. Ctrl-C stops it in reverse order.
 * `npm run start:cluster` (TEMPORAL_MODE=cluster): the real Temporal server on PostgreSQL instead, TEMPORAL_NODES
 * nodes behind one local address, as production runs it (README "Scaling out").
 */
async function main(config: AppConfig): Promise<void> {
  installQuietRuntime();
  const stops: { name: string; stop: () => Promise<unknown> }[] = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    for (const { name, stop } of stops.reverse()) {
      try {
        await stop();
        log(`stopped ${name}`);
      } catch (e) {
        log(`stopping ${name} failed: ${(e as Error).message}`);
      }
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await assertPortFree(config.http.port, 'the API, PORT', config.http.host);
  if (!config.database.url)
    await assertPortFree(config.database.embeddedPort, 'embedded PostgreSQL, EMBEDDED_PG_PORT');
  const cluster = config.temporal.cluster;
  if (!config.temporal.address && cluster) {
    await assertPortFree(config.temporal.devServer.port, 'Temporal frontends, TEMPORAL_DEV_PORT');
    for (let i = 0; i < cluster.nodes; i++)
      for (const p of Object.values(nodePorts(cluster.basePort, i)))
        await assertPortFree(p, `Temporal node ${i}, TEMPORAL_CLUSTER_PORT=${cluster.basePort}`);
  } else if (!config.temporal.address) {
    await assertPortFree(config.temporal.devServer.port, 'Temporal dev server, TEMPORAL_DEV_PORT');
    await assertPortFree(config.temporal.devServer.uiPort, 'Temporal UI, TEMPORAL_UI_PORT');
  }

  const started = Date.now();
  let databaseUrl = config.database.url;
  let embeddedPgUrlFor: ((database: string) => string) | undefined;
  if (!databaseUrl) {
    log(`PostgreSQL: starting embedded server (data in ${resolve(config.database.embeddedDataDir)})`);
    const pg = await startEmbeddedPostgres({
      dataDir: config.database.embeddedDataDir,
      port: config.database.embeddedPort,
      database: 'provning',
      persistent: true,
      ownProcessGroup: true,
      log,
    });
    stops.push({ name: 'PostgreSQL', stop: () => pg.stop() });
    databaseUrl = pg.url;
    embeddedPgUrlFor = pg.urlFor;
    log(`PostgreSQL: ready on 127.0.0.1:${config.database.embeddedPort}`);
  } else log('PostgreSQL: using DATABASE_URL');

  let temporalAddress = config.temporal.address;
  // The dev server listens on loopback in plaintext; the cluster runs mutual TLS as production does.
  let temporalTls: TLSConfig | undefined = config.temporal.address
    ? readTemporalTls(config.temporal.tls)
    : undefined;
  if (!temporalAddress && cluster) {
    const dbUrl = cluster.dbUrl ?? embeddedPgUrlFor?.('temporal');
    if (!dbUrl)
      throw new ConfigError([{ variable: 'TEMPORAL_DB_URL', message: 'is required with DATABASE_URL' }]);
    log(
      `Temporal: starting a ${cluster.nodes}-node cluster on PostgreSQL (config in ${resolve(cluster.rootDir)})`,
    );
    const temporal = await startTemporalCluster({
      nodes: cluster.nodes,
      basePort: cluster.basePort,
      db: parseTemporalDbUrl(dbUrl),
      namespace: config.temporal.namespace,
      numHistoryShards: cluster.numHistoryShards,
      rootDir: cluster.rootDir,
      serverPath: cluster.serverPath,
      sqlToolPath: cluster.sqlToolPath,
      cacheDir: config.temporal.cacheDir,
      tls: ensureTemporalCerts(join(config.dataDir, 'temporal-tls'), log),
      log,
    });
    temporalTls = temporal.clientTls;
    stops.push({ name: 'Temporal cluster', stop: () => temporal.stop() });
    const balancer = await startFrontendBalancer(temporal.frontends, config.temporal.devServer.port);
    stops.push({ name: 'Temporal frontend balancer', stop: () => balancer.stop() });
    temporalAddress = balancer.address;
    log(`Temporal: ${temporal.frontends.join(', ')} reached through ${temporalAddress} (mutual TLS)`);
  } else if (!temporalAddress) {
    log(`Temporal: starting dev server (history in ${resolve(config.temporal.devServer.dbFile)})`);
    const temporal = await startDevServer({
      port: config.temporal.devServer.port,
      uiPort: config.temporal.devServer.uiPort,
      dbFile: config.temporal.devServer.dbFile,
      namespace: config.temporal.namespace,
      cliPath: config.temporal.cliPath,
      cacheDir: config.temporal.cacheDir,
      log,
    });
    stops.push({ name: 'Temporal dev server', stop: () => temporal.stop() });
    temporalAddress = temporal.address;
    log(`Temporal: ready on ${temporalAddress}, UI on http://localhost:${config.temporal.devServer.uiPort}`);
  } else log(`Temporal: using TEMPORAL_ADDRESS=${temporalAddress}`);

  const dataSource = await openDatabase({
    url: databaseUrl,
    migrationUrl: config.database.migrationUrl,
    runtimeRole: config.database.runtimeRole,
    poolSize: config.database.poolSize,
    // The embedded server is on loopback and plaintext; a given DATABASE_URL gets DATABASE_SSL_MODE.
    ssl: config.database.url ? config.database.ssl : undefined,
    applicationName: 'provning',
    migrate: config.runMigrations,
    log,
  });
  stops.push({ name: 'database pool', stop: () => dataSource.destroy() });

  if (config.seedDemo) {
    const seeded = await seedDemoOrganisation(dataSource);
    log(
      seeded
        ? 'demo organisation and users seeded'
        : 'demo organisation: database already has an organisation, left as is',
    );
  }

  // One process holds both ends, so a key generated in the data dir serves both (README "Configuration").
  const dataConverter = productDataConverter(
    payloadEncryptionFor(config, { generateIn: config.dataDir, log }),
  );
  const claimKeys = requireClaimKeys(config);
  const worker = await startReviewWorker({
    address: temporalAddress,
    tls: temporalTls,
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
  stops.push({ name: 'worker', stop: () => worker.shutdown() });
  worker.done.catch((e) => {
    log(`worker failed: ${(e as Error).message}`);
    void shutdown('worker failure');
  });
  log(`worker: polling task queue "${config.temporal.taskQueue}"`);

  const temporalClient = await connectTemporalClient(temporalAddress, config.temporal.namespace, {
    dataConverter,
    claimKeys,
    tls: temporalTls,
  });
  stops.push({ name: 'Temporal client', stop: () => temporalClient.connection.close() });
  log(`board report schedule: ${await ensureBoardReportSchedule(temporalClient, config.temporal.taskQueue)}`);
  log(
    `mail outbox resend schedule: ${await ensureMailOutboxSchedule(temporalClient, config.temporal.taskQueue)}`,
  );
  const app = await createApi({ config, dataSource, temporalClient }, ['error', 'warn']);
  await app.listen(config.http.port, config.http.host);
  stops.push({ name: 'API', stop: () => app.close() });
  log(
    `API: http://localhost:${config.http.port}/api/v1 (OpenAPI at http://localhost:${config.http.port}/api/docs)`,
  );
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.`);
}

function fail(error: unknown): never {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else if (error instanceof PortInUseError) process.stderr.write(`Cannot start: ${error.message}\n`);
  else process.stderr.write(`Start-up failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}

try {
  // npm start is the demo on this machine and the LAN: dev sign-in is its choice, made explicitly (README).
  const config = loadConfig({ ...process.env, AUTH_MODE: process.env.AUTH_MODE || 'dev' });
  main(config).catch(fail);
} catch (error) {
  fail(error);
}
