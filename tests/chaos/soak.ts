import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '@local/ports';
import { againstStack, appProcess, unhandledErrors } from './app-processes';
import { check } from './checker';
import { connectDriver, latencySummary, numberArg, percentile, rng, sleep, steadyLoad } from './load-driver';
import { growthPerHour, stackSample, type Sample } from './process-memory';
import { startStack } from './stack';

/**
 * `npm run test:soak -- --minutes 60`: a steady load for a bounded time, to see what only time shows (memory that
 * grows, a latency that creeps, a restart that does not recover). `--rate` reviews a second (2) are submitted over
 * HTTP and driven along the chaos run's seeded paths; every `--kill-every-minutes` (5) the worker is `kill -9`ed
 * and restarted; the resident memory of the API, the worker, each PostgreSQL process and the Temporal dev server
 * is read from /proc every second (.data/soak/memory.csv). At the end: growth per hour per process (a least-squares
 * line over the samples after `--warmup-minutes`), every 5xx, lost or duplicated record (the chaos checker),
 * unhandled rejection in the logs, and p50/p95 of the calls, in .data/soak/result.json (the API's and worker's
 * output beside it, api.log and worker.log), which is also written
 * every minute while it runs, so a run cut short still leaves its numbers. Exits 1 on any error.
 */
const MINUTES = numberArg('minutes', 60);
const RATE = numberArg('rate', 2);
const KILL_EVERY_MIN = numberArg('kill-every-minutes', 5);
const SEED = numberArg('seed', 20261202);
const WARMUP_MIN = numberArg('warmup-minutes', Math.min(5, MINUTES / 3));
/** A restarted worker loads its code and workflow bundle first; its first seconds are not growth. */
const LIFE_WARMUP_S = 30;
/** More reviews than this still on their way means the system is not keeping up: new ones wait (counted). */
const MAX_IN_FLIGHT = 400;

const DIR = resolve(__dirname, '../../.data/soak');
/** The run's clock: from the first arrival on (the stack's start before it is not part of the minutes). */
let started = Date.now();
const elapsedS = () => (Date.now() - started) / 1000;
const log = (m: string) => process.stderr.write(`[soak ${elapsedS().toFixed(0).padStart(5)} s] ${m}\n`);

interface Kill {
  atS: number;
  inFlight: number;
  /** Seconds from the kill until the new worker polls, and until the next decision was acknowledged. */
  workerBackS?: number;
  decisionsResumedS?: number;
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  log(`${MINUTES} min, ${RATE} reviews/s, worker kill -9 every ${KILL_EVERY_MIN} min, seed ${SEED}`);
  const stack = await startStack('soak/stack', log);
  const port = await freePort();
  const env = againstStack(stack, {
    PORT: String(port),
    AUTH_DEV_SECRET: 'soak-run-secret-soak-run-secret-soak-run',
  });
  const api = appProcess('api', env);
  const worker = appProcess('worker', env);
  await Promise.all([api.start(), worker.start()]);
  const driver = await connectDriver(`http://127.0.0.1:${port}/api/v1`);
  log('stack, API and worker up; the load starts now');
  started = Date.now();

  const samples: Sample[] = [];
  const csv = resolve(DIR, 'memory.csv');
  writeFileSync(csv, 't_s,label,pid,rss_kb,anon_kb\n');
  const ports = {
    postgres: Number(new URL(stack.databaseUrl).port),
    temporal: Number(stack.temporalAddress.split(':').pop()),
  };
  const sampler = setInterval(() => {
    const now = Math.round(elapsedS());
    const taken = stackSample(
      now,
      [
        { label: 'api', pid: api.pid() },
        { label: 'worker', pid: worker.pid() },
      ],
      ports,
    );
    samples.push(...taken);
    appendFileSync(csv, taken.map((s) => `${s.t},${s.label},${s.life},${s.rssKb},${s.anonKb}\n`).join(''));
  }, 1000);

  const load = steadyLoad(driver, {
    rate: RATE,
    keyPrefix: `soak-${SEED}`,
    random: rng(SEED),
    maxInFlight: MAX_IN_FLIGHT,
  });
  const { reviews, inFlight } = load;
  const kills: Kill[] = [];
  let stopping = false;
  let status: 'running' | 'finished' | 'interrupted' = 'running';

  const result = (report?: Awaited<ReturnType<typeof check>>) => {
    const settled = reviews.filter((r) => r.settledAt && r.startedAt && !r.aborted);
    const logErrors = unhandledErrors([api, worker]);
    return {
      status,
      date: new Date().toISOString(),
      command: `npm run test:soak -- --minutes ${MINUTES}`,
      minutesPlanned: MINUTES,
      minutesRun: Math.round((elapsedS() / 60) * 10) / 10,
      ratePerSecond: RATE,
      seed: SEED,
      warmupMinutes: WARMUP_MIN,
      reviewsStarted: reviews.length,
      reviewsSettled: settled.length,
      inFlightNow: inFlight(),
      inFlightMax: load.maxInFlight(),
      deferredForBackpressure: load.deferred(),
      workerKills: kills,
      ...driver.counts,
      latencyMs: latencySummary(driver.latencies),
      reviewCompletionMs: {
        p50: percentile(
          settled.map((r) => r.settledAt! - r.startedAt!),
          50,
        ),
        p95: percentile(
          settled.map((r) => r.settledAt! - r.startedAt!),
          95,
        ),
      },
      unhandledInLogs: logErrors.length,
      unhandledExamples: logErrors.slice(0, 5),
      fiveHundreds: driver.fiveHundreds.slice(0, 20),
      checker: report ?? 'runs at the end',
      memory: growthPerHour(samples, WARMUP_MIN * 60, LIFE_WARMUP_S),
    };
  };
  const writeResult = (report?: Awaited<ReturnType<typeof check>>) => {
    const r = result(report);
    writeFileSync(resolve(DIR, 'result.json'), JSON.stringify(r, null, 2));
    // The processes' own output, so an error the result only counts can be looked up.
    writeFileSync(resolve(DIR, 'api.log'), api.output());
    writeFileSync(resolve(DIR, 'worker.log'), worker.output());
    return r;
  };
  const minutely = setInterval(() => {
    writeResult();
    log(
      `${reviews.length} reviews started, ${inFlight()} in flight, ${driver.counts.calls} calls, ` +
        `${driver.counts.status500} × 5xx, ${kills.length} kills`,
    );
  }, 60_000);

  const shutdown = async (signal: string) => {
    log(`${signal}: writing the partial result and stopping`);
    status = 'interrupted';
    clearInterval(sampler);
    clearInterval(minutely);
    writeResult();
    await Promise.allSettled([api.stop(), worker.stop()]);
    await stack.stop();
    process.exit(2);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  // Arrivals at a steady rate, each review on its own: submitted, then driven along its path at once.
  const end = started + MINUTES * 60_000;
  const arrivals = (async () => {
    await sleep(end - Date.now());
    stopping = true;
    log(
      `arrivals done after ${(elapsedS() / 60).toFixed(1)} min; waiting for ${inFlight()} reviews in flight`,
    );
    await load.stop();
  })();

  const faults = (async () => {
    for (let k = 1; started + k * KILL_EVERY_MIN * 60_000 < end; k++) {
      await sleep(started + k * KILL_EVERY_MIN * 60_000 - Date.now());
      if (stopping) return;
      const kill: Kill = { atS: Math.round(elapsedS()), inFlight: inFlight() };
      kills.push(kill);
      const at = Date.now();
      log(`kill -9 worker (pid ${worker.pid()}), ${inFlight()} reviews in flight`);
      await worker.kill9();
      await sleep(1000);
      await worker.start();
      kill.workerBackS = Math.round((Date.now() - at) / 100) / 10;
      log(`worker restarted after ${kill.workerBackS} s`);
      // Decisions acknowledged after the kill went through the new worker (the old one could not answer).
      const resumed = async () => {
        for (let i = 0; i < 600; i++) {
          const first = driver.decisionAcks.find((t) => t > at + 100);
          if (first) return (kill.decisionsResumedS = Math.round((first - at) / 100) / 10);
          await sleep(500);
        }
      };
      void resumed();
    }
  })();

  await arrivals;
  await faults;
  clearInterval(minutely);
  clearInterval(sampler);
  writeResult();
  log(`checking ${reviews.length} reviews`);
  const checkStarted = Date.now();
  const report = await check(reviews, stack.databaseUrl, stack.temporalAddress);
  log(`checked in ${Math.round((Date.now() - checkStarted) / 1000)} s`);
  status = 'finished';
  const final = writeResult(report);
  await Promise.allSettled([api.stop(), worker.stop()]);
  await stack.stop();
  process.stdout.write(`${JSON.stringify(final, null, 2)}\n`);
  const failed =
    report.lost +
    report.duplicated +
    report.inconsistent.length +
    report.aborted.length +
    driver.counts.status500 +
    driver.counts.status503WithoutRetryAfter +
    final.unhandledInLogs;
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
