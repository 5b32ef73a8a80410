/**
 * The raw review route on the real Temporal server: `npm run bench:cluster -- [--nodes 1] [--target cluster|dev]
 * [--seconds 20]`. Starts its own PostgreSQL, Temporal (cluster nodes behind one address, or the dev server for the
 * column beside it), worker and API on local ports, then over HTTP:
 *   1. closed loop, 16 callers: hires submitted (201 with the first stage open) per second;
 *   2. a steady 5 submissions per second: POST /requests → 201 (the stage row committed), p50/p95/p99;
 *   3. the first decision on each of those at 5 per second: POST /decisions → 201 (Workflow Update), p50/p95/p99.
 * Prints the machine and the figures; not a test. Runs through scripts/ts-register.cjs (Nest needs the decorator metadata tsx does not emit).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig, requireClaimKeys } from '@config/config';
import { seedDemoOrganisation } from '@local/demo-organisation';
import { startEmbeddedPostgres } from '@local/embedded-postgres';
import { openDatabase } from '@db/open-database';
import { connectTemporalClient } from '@temporal-lib/client';
import { productDataConverter } from '@temporal-lib/data-converter';
import { TEST_PAYLOAD_ENV } from '../support/payload-keys';
import type { TLSConfig } from '@temporalio/client';
import { parseTemporalDbUrl, startTemporalCluster, type RunningCluster } from '@local/temporal/cluster';
import { ensureTemporalCerts } from '@local/temporal/certs';
import { startDevServer } from '@local/temporal/dev-server';
import { startFrontendBalancer } from '@local/temporal/frontend-balancer';
import { freePort } from '@local/ports';
import { installQuietRuntime } from '@temporal-lib/runtime';
import { startReviewWorker } from '../../apps/worker/review-worker';
import { createApi } from '../../apps/api/src/create-api';
import { aHireBody, aReviewPeriodBody } from '../support/http-fixtures';
import { argument } from './bench-database';
import { benchApi } from './bench-api';
import { rssMiB, summary } from './load-tools';

const TARGET = argument('target', 'cluster');
const NODES = Number(argument('nodes', '1'));
const SECONDS = Number(argument('seconds', '20'));
const CALLERS = 16;
const STEADY_RATE = 5;

/** p50 / p95 / p99 of latencies in ms, as a line. */
const latencies = (xs: number[]) => {
  const s = summary(xs);
  return `p50 ${s.p50.toFixed(0)} / p95 ${s.p95.toFixed(0)} / p99 ${s.p99.toFixed(0)} ms (n=${s.n})`;
};

async function main() {
  installQuietRuntime();
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'provning-cluster-bench-'));
  const pg = await startEmbeddedPostgres({
    dataDir: mkdtempSync(join(tmpdir(), 'provning-cluster-bench-pg-')), // its own: embedded-postgres chowns it
    port: await freePort(),
    database: 'provning',
    persistent: false,
  });
  let address: string;
  let tls: TLSConfig | undefined;
  let cluster: RunningCluster | undefined;
  const stops: (() => Promise<unknown>)[] = [() => pg.stop()];
  if (TARGET === 'dev') {
    const dev = await startDevServer({
      port: await freePort(),
      headless: true,
      dbFile: join(dir, 'temporal.db'),
      log,
    });
    stops.unshift(() => dev.stop());
    address = dev.address;
  } else {
    cluster = await startTemporalCluster({
      nodes: NODES,
      basePort: 21_000 + Math.floor(Math.random() * 100) * 100,
      db: parseTemporalDbUrl(pg.urlFor('temporal')),
      namespace: 'default',
      numHistoryShards: 4,
      rootDir: join(dir, 'temporal'),
      tls: ensureTemporalCerts(join(dir, 'temporal-tls')),
      log,
    });
    tls = cluster.clientTls;
    const balancer = await startFrontendBalancer(cluster.frontends, await freePort());
    stops.unshift(
      () => cluster!.stop(),
      () => balancer.stop(),
    );
    address = balancer.address;
  }
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'error',
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: address,
    RATE_LIMIT_SUBMIT_PER_MINUTE: '0',
    RATE_LIMIT_LOGIN_PER_MINUTE: '0',
    ...TEST_PAYLOAD_ENV,
  });
  const dataConverter = productDataConverter(config.temporal.payloadEncryption);
  const ds = await openDatabase({
    url: pg.url,
    poolSize: 20,
    applicationName: 'bench',
    migrate: true,
    log: () => {},
  });
  await seedDemoOrganisation(ds);
  const worker = await startReviewWorker({
    address,
    tls,
    namespace: 'default',
    taskQueue: 'review',
    dataSource: ds,
    dataConverter,
    claimKeys: requireClaimKeys(config),
  });
  const client = await connectTemporalClient(address, 'default', {
    dataConverter,
    claimKeys: requireClaimKeys(config),
    tls,
  });
  const app = await createApi({ config, dataSource: ds, temporalClient: client }, false);
  await app.listen(0, '127.0.0.1');
  stops.unshift(
    () => app.close(),
    () => worker.shutdown(),
    () => client.connection.close(),
    () => ds.destroy(),
  );
  const { post, token } = benchApi(
    `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`,
  );
  const [admin, chef, hr] = [await token('admin'), await token('chef.akuten'), await token('hr.somatik')];
  const [{ id: unitId }] = await ds.query(`SELECT id FROM org_units WHERE code = 'SOM-AKUT'`);
  await post(
    '/review-periods',
    admin,
    aReviewPeriodBody('hire', '2020-01-01', '2099-12-31', { decisionRef: 'BENCH/1' }),
  );
  let n = 0;
  const submit = async () => {
    const started = performance.now();
    const res = await post('/requests', chef, aHireBody(unitId, { title: `Sjuksköterska ${n++}` }));
    return { id: res.id as string, ms: performance.now() - started };
  };

  log('warm-up');
  for (let i = 0; i < 20; i++) await submit();

  log(`closed loop: ${CALLERS} callers for ${SECONDS} s`);
  let done = 0;
  const loopEnd = Date.now() + SECONDS * 1000;
  const loopStart = Date.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (Date.now() < loopEnd) {
        await submit();
        done++;
      }
    }),
  );
  const rate = done / ((Date.now() - loopStart) / 1000);
  const rss = cluster ? cluster.nodes.map((node) => rssMiB([node.pid()].filter((p) => p !== undefined))) : [];
  await new Promise((r) => setTimeout(r, 3000)); // let the loop's backlog of timers and tasks drain

  log(`steady: ${STEADY_RATE}/s for ${SECONDS} s`);
  const steady: { id: string; ms: number }[] = [];
  const paced = async <T>(count: number, fn: (i: number) => Promise<T>): Promise<T[]> => {
    const started = Date.now();
    return Promise.all(
      Array.from({ length: count }, async (_, i) => {
        await new Promise((r) => setTimeout(r, started + (i * 1000) / STEADY_RATE - Date.now()));
        return fn(i);
      }),
    );
  };
  steady.push(...(await paced(SECONDS * STEADY_RATE, () => submit())));
  const decisions = await paced(steady.length, async (i) => {
    const started = performance.now();
    await post(`/requests/${steady[i].id}/decisions`, hr, { stage: 'hr_review', outcome: 'approve' });
    return performance.now() - started;
  });

  const cpu = cpus();
  const lines = [
    `machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
    `temporal: ${TARGET === 'dev' ? 'dev server 1.29.1 (SQLite file, WAL, synchronous=full)' : `server 1.29.1, ${NODES} node(s), 4 history shards, PostgreSQL`}`,
    `closed loop (${CALLERS} callers, ${SECONDS} s): ${rate.toFixed(1)} reviews opened per second (${done} reviews)`,
    `steady ${STEADY_RATE}/s, submit → 201 with the stage row: ${latencies(steady.map((s) => s.ms))}`,
    `steady ${STEADY_RATE}/s, decision Update → 201: ${latencies(decisions)}`,
    ...(rss.length
      ? [`server RSS after the closed loop: ${rss.map((r) => `${r.toFixed(0)} MiB`).join(', ')}`]
      : []),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  for (const stop of stops) await stop().catch((e) => log(`stop: ${(e as Error).message}`));
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
