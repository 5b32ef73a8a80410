/**
 * PostgreSQL round trips per operation: `npm run bench:round-trips -- [--requests 20]`.
 *
 * The CPU profile of the load benchmark put the PostgreSQL driver's socket writes first among the API and worker's
 * busy time, so the number of statements a submission and a decision cost is a figure worth watching. This starts
 * PostgreSQL, the Temporal dev server, the worker and the API in one process, counts every statement the pg driver
 * sends (BEGIN and COMMIT included), and calls the API one request at a time: `--requests` hire submissions, then
 * the first decision on each. Prints statements per call and the latency of the calls, one at a time.
 * Runs through scripts/ts-register.cjs (Nest needs the decorator metadata tsx does not emit).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Client as PgClient } from 'pg';
import { loadConfig, requireClaimKeys } from '@config/config';
import { openDatabase } from '@db/open-database';
import { connectTemporalClient } from '@temporal-lib/client';
import { productDataConverter } from '@temporal-lib/data-converter';
import { TEST_PAYLOAD_ENV } from '../support/payload-keys';
import { installQuietRuntime } from '@temporal-lib/runtime';
import { startReviewWorker } from '../../apps/worker/review-worker';
import { createApi } from '../../apps/api/src/create-api';
import { startStack } from '../chaos/stack';
import { aHireBody, aReviewPeriodBody } from '../support/http-fixtures';
import { argument } from './bench-database';
import { benchApi } from './bench-api';
import { ms, summary } from './load-tools';

const REQUESTS = Number(argument('requests', '20'));

let statements = 0;
/** Milliseconds spent waiting on statements, apart for those inside the Temporal call (the worker's). */
const waited = { api: 0, worker: 0, temporal: 0 };
let inTemporal = false;
const query = PgClient.prototype.query;
PgClient.prototype.query = function (this: PgClient, ...args: unknown[]) {
  statements += 1;
  const started = performance.now();
  const bucket = inTemporal ? 'worker' : 'api';
  const result = (query as (...a: unknown[]) => unknown).apply(this, args);
  if (result instanceof Promise)
    void result.finally(() => (waited[bucket] += performance.now() - started)).catch(() => {});
  return result;
} as typeof query;

/** Times the client's Temporal calls (Update-with-start, Update) the API makes. */
function timeTemporalCalls(client: Awaited<ReturnType<typeof connectTemporalClient>>) {
  const timed =
    <A extends unknown[], R>(call: (...a: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      inTemporal = true;
      try {
        return await call(...args);
      } finally {
        inTemporal = false;
        waited.temporal += performance.now() - started;
      }
    };
  const withStart = client.workflow.executeUpdateWithStart.bind(client.workflow);
  client.workflow.executeUpdateWithStart = timed(withStart) as typeof withStart;
  const getHandle = client.workflow.getHandle.bind(client.workflow);
  client.workflow.getHandle = ((...args: Parameters<typeof getHandle>) => {
    const handle = getHandle(...args);
    handle.executeUpdate = timed(handle.executeUpdate.bind(handle)) as typeof handle.executeUpdate;
    return handle;
  }) as typeof getHandle;
}

async function main() {
  installQuietRuntime();
  console.log(`# bench:round-trips ${new Date().toISOString()}`);
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
  );
  const stack = await startStack('bench-round-trips', () => {});
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'error',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    RATE_LIMIT_SUBMIT_PER_MINUTE: '0',
    RATE_LIMIT_LOGIN_PER_MINUTE: '0',
    ...TEST_PAYLOAD_ENV,
  });
  const dataConverter = productDataConverter(config.temporal.payloadEncryption);
  const ds = await openDatabase({
    url: stack.databaseUrl,
    poolSize: 10,
    applicationName: 'bench',
    migrate: false,
    log: () => {},
  });
  const worker = await startReviewWorker({
    address: stack.temporalAddress,
    namespace: 'default',
    taskQueue: 'review',
    dataSource: ds,
    dataConverter,
    claimKeys: requireClaimKeys(config),
  });
  const client = await connectTemporalClient(stack.temporalAddress, 'default', {
    dataConverter,
    claimKeys: requireClaimKeys(config),
  });
  timeTemporalCalls(client);
  const app = await createApi({ config, dataSource: ds, temporalClient: client }, false);
  await app.listen(0, '127.0.0.1');
  const { post, token } = benchApi(
    `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`,
  );
  const [admin, chef, hr] = [await token('admin'), await token('chef.akuten'), await token('hr.somatik')];
  const today = new Date().toISOString().slice(0, 10);
  await post('/review-periods', admin, aReviewPeriodBody('hire', today, '2099-12-31', { decidedOn: today }));
  const [{ id: unitId }] = await ds.query(`SELECT id FROM org_units WHERE code = 'SOM-AKUT'`);
  const hire = aHireBody(unitId);

  /** Statements and wall time of `call`, with nothing else running (the worker is idle between calls). */
  const measure = async (call: () => Promise<void>) => {
    const before = { statements, ...waited };
    const started = performance.now();
    await call();
    const elapsed = performance.now() - started;
    await new Promise((r) => setTimeout(r, 50)); // let the activity's COMMIT land in the count
    return {
      statements: statements - before.statements,
      elapsed,
      api: waited.api - before.api,
      temporal: waited.temporal - before.temporal,
      worker: waited.worker - before.worker,
    };
  };
  const ids: string[] = [];
  const submissions = [];
  for (let i = 0; i < REQUESTS; i++) {
    submissions.push(
      await measure(async () => {
        const answer = await post('/requests', chef, hire, { 'Idempotency-Key': randomUUID() });
        ids.push(answer.id as string);
      }),
    );
  }
  const decisions = [];
  for (const id of ids) {
    decisions.push(
      await measure(
        async () =>
          void (await post(`/requests/${id}/decisions`, hr, { outcome: 'approve', comment: 'Inom ram.' })),
      ),
    );
  }
  type Run = Awaited<ReturnType<typeof measure>>;
  const report = (what: string, runs: Run[]) => {
    const counts = [...new Set(runs.map((r) => r.statements))].sort((a, b) => a - b).join(', ');
    const p50 = (f: (r: Run) => number) => ms(summary(runs.map(f)).p50);
    const s = summary(runs.map((r) => r.elapsed));
    console.log(
      `${what}: ${counts} statements each; one at a time p50 ${ms(s.p50)} / p95 ${ms(s.p95)} ms (n=${s.n})`,
    );
    console.log(
      `  p50 of its parts: API statements ${p50((r) => r.api)} ms; Temporal call ${p50((r) => r.temporal)} ms, of which the worker's statements ${p50((r) => r.worker)} ms; the rest (HTTP, Nest, auth, validation, JSON) ${p50((r) => r.elapsed - r.api - r.temporal)} ms`,
    );
  };
  report('submission (POST /requests, hire → hr_review open)', submissions);
  report('decision (POST /decisions, approve → director_decision open)', decisions);

  await app.close();
  await worker.shutdown();
  await client.connection.close();
  await ds.destroy();
  await stack.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
