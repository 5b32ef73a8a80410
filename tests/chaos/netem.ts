import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@local/ports';
import { againstStack, appProcess, unhandledErrors } from './app-processes';
import { check } from './checker';
import { startDelayProxy } from './delay-proxy';
import {
  connectDriver,
  latencySummary,
  numberArg,
  percentile,
  rng,
  steadyLoad,
  type CallKind,
  type Review,
} from './load-driver';
import { createNetemLink } from './netem-link';
import { startStack } from './stack';

/**
 * `npm run test:netem` (root): the worker and Temporal, and in a second case the API and PostgreSQL, on either
 * side of a slow and lossy link: after a baseline without either, 100 ms and then 250 ms delay in each direction
 * with 1 % loss, `--seconds` (60) of
 * reviews at `--rate` (1 a second) for each, then the chaos checker over all of them (every review once, database
 * and workflow alike). The link is a network namespace joined by veth pairs with a netem qdisc on both ends, the
 * client side run in the namespace with `ip netns exec` and the server side listening on its veth address. Where
 * the kernel has no netem (`tc qdisc add … netem` answers "Specified qdisc kind is unknown"), the script says so and
 * puts a delaying TCP forwarder (delay-proxy.ts; loss emulated as a retransmission delay) between the two instead.
 * `--pair worker-temporal|api-postgres` runs one case. Writes .data/netem/result.json; exits 1 on any failure.
 */
const RATE = numberArg('rate', 1);
const SECONDS = numberArg('seconds', 60);
const LOSS = numberArg('loss', 1);
const SEED = numberArg('seed', 20261202);
const pairArg = process.argv.indexOf('--pair');
type Pair = 'worker-temporal' | 'api-postgres';
const PAIRS = (pairArg > 0 ? [process.argv[pairArg + 1]] : ['worker-temporal', 'api-postgres']) as Pair[];
/** 0: the same pair without delay or loss first, the baseline the two others are read against. */
const DELAYS = [0, 100, 250];
const DIR = resolve(__dirname, '../../.data/netem');
const started = Date.now();
const log = (m: string) =>
  process.stderr.write(`[netem ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);

/** Whether netem works here: a throwaway link shaped once; the error when not. */
function netemAvailable(): string | undefined {
  try {
    const probe = createNetemLink(250);
    try {
      probe.shape(1, 0);
    } finally {
      probe.remove();
    }
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

async function runPair(pair: Pair, id: number, netemError: string | undefined) {
  const mode = netemError ? 'delay-proxy' : 'netns-netem';
  const link = netemError ? undefined : createNetemLink(id);
  const stack = await startStack(
    `netem/${pair}-stack`,
    log,
    link
      ? pair === 'worker-temporal'
        ? { temporalIp: link.slow.host, postgresAlsoListenOn: [link.plain.host] }
        : { temporalIp: link.plain.host, postgresAlsoListenOn: [link.slow.host] }
      : {},
  );
  const dbPort = Number(new URL(stack.databaseUrl).port);
  const temporalPort = Number(stack.temporalAddress.split(':').pop());
  const proxy = link
    ? undefined
    : await startDelayProxy(
        pair === 'worker-temporal'
          ? { host: '127.0.0.1', port: temporalPort }
          : { host: '127.0.0.1', port: dbPort },
        rng(SEED ^ 0x1055),
      );
  const dbUrl = (host: string, port = dbPort) => {
    const u = new URL(stack.databaseUrl);
    u.hostname = host;
    u.port = String(port);
    return u.toString();
  };
  const port = await freePort();
  const secret = 'netem-run-secret-netem-run-secret-netem-run';
  const base = againstStack(stack, { PORT: String(port), AUTH_DEV_SECRET: secret });
  let apiEnv = base;
  let workerEnv = base;
  let apiHost = '127.0.0.1';
  let via: { api?: string[]; worker?: string[] } = {};
  if (link && pair === 'worker-temporal') {
    // The worker inside: Temporal over the slow link, PostgreSQL over the plain one.
    workerEnv = { ...base, DATABASE_URL: dbUrl(link.plain.host) };
    via = { worker: link.exec };
  } else if (link) {
    // The API inside: PostgreSQL over the slow link, Temporal over the plain one; it listens on its plain end.
    apiHost = link.plain.inside;
    apiEnv = { ...base, DATABASE_URL: dbUrl(link.slow.host), HOST: apiHost };
    via = { api: link.exec };
  } else if (pair === 'worker-temporal') {
    workerEnv = { ...base, TEMPORAL_ADDRESS: `127.0.0.1:${proxy!.port}` };
  } else {
    apiEnv = { ...base, DATABASE_URL: dbUrl('127.0.0.1', proxy!.port) };
  }
  const api = appProcess('api', apiEnv, { via: via.api });
  const worker = appProcess('worker', workerEnv, { via: via.worker });
  const shape = (d: number, l: number) => (link ? link.shape(d, l) : proxy!.shape(d, l));
  try {
    await Promise.all([api.start(), worker.start()]);
    const driver = await connectDriver(`http://${apiHost}:${port}/api/v1`);
    const all: Review[] = [];
    const phases = [];
    for (const delay of DELAYS) {
      const loss = delay === 0 ? 0 : LOSS;
      shape(delay, loss);
      log(`${pair} (${mode}): ${delay} ms each way, ${loss} % loss, ${SECONDS} s at ${RATE}/s`);
      for (const k of Object.keys(driver.latencies) as CallKind[]) driver.latencies[k].length = 0;
      const calls0 = driver.counts.calls;
      const load = steadyLoad(driver, {
        rate: RATE,
        keyPrefix: `netem-${pair}-${delay}-${SEED}`,
        random: rng(SEED),
      });
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      await load.stop(240_000);
      all.push(...load.reviews);
      const settled = load.reviews.filter((r) => r.settledAt && r.startedAt);
      const completion = settled.map((r) => r.settledAt! - r.startedAt!);
      phases.push({
        delayMsEachWay: delay,
        lossPercent: loss,
        reviews: load.reviews.length,
        settled: settled.length,
        stillInFlight: load.inFlight(),
        calls: driver.counts.calls - calls0,
        latencyMs: latencySummary(driver.latencies),
        reviewCompletionMs: { p50: percentile(completion, 50), p95: percentile(completion, 95) },
      });
      log(`${pair} ${delay} ms: ${JSON.stringify(phases[phases.length - 1])}`);
    }
    log(`${pair}: checking ${all.length} reviews`);
    const report = await check(all, stack.databaseUrl, stack.temporalAddress);
    const logErrors = unhandledErrors([api, worker]);
    writeFileSync(join(DIR, `${pair}-api.log`), api.output());
    writeFileSync(join(DIR, `${pair}-worker.log`), worker.output());
    const failures = [
      driver.counts.status500 && `${driver.counts.status500} × 5xx other than 503`,
      report.lost && `${report.lost} lost`,
      report.duplicated && `${report.duplicated} duplicated`,
      report.inconsistent.length && `${report.inconsistent.length} inconsistent`,
      report.aborted.length && `${report.aborted.length} given up`,
      phases.some((p) => p.stillInFlight) && 'reviews still in flight after the wait',
      logErrors.length && `${logErrors.length} unhandled errors in the logs`,
    ].filter(Boolean) as string[];
    log(`${pair}: ${failures.length ? `FAILED: ${failures.join('; ')}` : 'passed'}`);
    return {
      pair,
      mode,
      phases,
      ...driver.counts,
      proxy: proxy?.stats(),
      checker: report,
      unhandledInLogs: logErrors,
      fiveHundreds: driver.fiveHundreds.slice(0, 10),
      failures,
    };
  } finally {
    await Promise.allSettled([api.stop(), worker.stop()]);
    await proxy?.close();
    await stack.stop();
    link?.remove();
  }
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  const netemError = netemAvailable();
  if (netemError) log(`netem is not available, using the delaying forwarder instead: ${netemError}`);
  const results = [];
  for (const [i, pair] of PAIRS.entries()) results.push(await runPair(pair, 11 + i, netemError));
  const out = {
    date: new Date().toISOString(),
    rate: RATE,
    seconds: SECONDS,
    seed: SEED,
    netemError,
    results,
  };
  writeFileSync(join(DIR, 'result.json'), JSON.stringify(out, null, 2));
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  process.exit(results.some((r) => r.failures.length) ? 1 : 0);
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(2)); // runs the removals

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
