import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@local/ports';
import { connectTemporalClient } from '@temporal-lib/client';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { testDataConverter } from '../support/payload-keys';
import { againstStack, appProcess, unhandledErrors } from './app-processes';
import { check } from './checker';
import {
  connectDriver,
  latencySummary,
  numberArg,
  rng,
  sleep,
  steadyLoad,
  type Answer,
  type Review,
} from './load-driver';
import { listProcesses } from './process-memory';
import { mountSmallFilesystem } from './small-filesystem';
import { startStack } from './stack';

/**
 * `npm run test:full-disk` (root: it mounts filesystems): the Temporal dev server's SQLite store, and in a second
 * case PostgreSQL's data directory, on a small loop-mounted ext4 filesystem of their own, filled to the last byte
 * while reviews keep arriving (`--rate`, 2 a second) and being decided over HTTP. Checked: while full, new work is
 * refused with 503, Retry-After and a problem+json detail that says the disk is full (never a 500 or a hang);
 * after `--full-seconds` (30) the filler is deleted and service resumes by itself (the time to the first 2xx is
 * recorded); then the chaos checker finds every acknowledged submission and decision once, in PostgreSQL and in
 * its workflow alike. `--case temporal|postgres` runs one case (both by default). Writes .data/full-disk/result.json;
 * exits 1 on any failed check. The mounts are removed on exit, also after a failure.
 */
const RATE = numberArg('rate', 2);
const FULL_S = numberArg('full-seconds', 30);
const BEFORE_S = numberArg('before-seconds', 15);
const AFTER_S = numberArg('after-seconds', 20);
const SEED = numberArg('seed', 20261202);
const caseArg = process.argv.indexOf('--case');
const CASES = (caseArg > 0 ? [process.argv[caseArg + 1]] : ['temporal', 'postgres']) as (
  'temporal' | 'postgres'
)[];
const DIR = resolve(__dirname, '../../.data/full-disk');
const started = Date.now();
const log = (m: string) =>
  process.stderr.write(`[full-disk ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);

/**
 * What a 503 while the disk is full must say. PostgreSQL tells its client the disk is full (SQLSTATE 53100), so
 * the API can say so; the Temporal dev server answers "shard status unknown" (gRPC UNAVAILABLE) and never tells a
 * client why, so the API can only name the dependency. A call the engine took but whose workflow task cannot
 * complete (its store full, or its local activity refused by PostgreSQL's full disk, which the API never sees)
 * ends at the API's deadline (TEMPORAL_CALL_TIMEOUT_SECONDS) with a 503 that names the engine as what it waits for.
 */
const UNCONFIRMED = /review engine has not confirmed/i;
const SAYS_WHY = {
  postgres: new RegExp(`disk space|${UNCONFIRMED.source}`, 'i'),
  temporal: new RegExp(`review engine is unavailable|${UNCONFIRMED.source}`, 'i'),
};

async function runCase(which: 'temporal' | 'postgres') {
  const base = join(DIR, which);
  // Large enough for a fresh cluster (initdb ~40 MB and a 16 MB WAL segment) or the dev server's store.
  const fs = mountSmallFilesystem(`${base}.img`, `${base}-mnt`, which === 'postgres' ? 160 : 64);
  const stack = await startStack(
    `full-disk/${which}-stack`,
    log,
    which === 'postgres'
      ? { postgresDataDir: join(fs.mountPoint, 'pg') }
      : { temporalDbFile: join(fs.mountPoint, 'temporal.db') },
  );
  const port = await freePort();
  const env = againstStack(stack, {
    PORT: String(port),
    AUTH_DEV_SECRET: 'full-disk-secret-full-disk-secret-full-disk',
  });
  const api = appProcess('api', env);
  const worker = appProcess('worker', env);
  let phase: 'before' | 'full' | 'after' = 'before';
  const during: Record<string, number> = {};
  const afterwards: Record<string, number> = {};
  const details = new Map<string, number>();
  let notProblemJson = 0;
  let freedAt = 0;
  let firstSuccessAfterFree: number | undefined;
  const onAnswer = (status: number, answer: Answer, method: string, path: string) => {
    if (phase === 'full') {
      during[status] = (during[status] ?? 0) + 1;
      if (status === 0) {
        const d = `0 no answer in 30 s: ${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}`;
        details.set(d, (details.get(d) ?? 0) + 1);
      }
      if (status >= 400) {
        const d = `${status} ${String(answer.body?.detail ?? answer.body?.title ?? '(no body)')}`;
        details.set(d, (details.get(d) ?? 0) + 1);
        if (!answer.contentType?.startsWith('application/problem+json')) notProblemJson += 1;
      }
    }
    if (phase === 'after') afterwards[status] = (afterwards[status] ?? 0) + 1;
    if (phase === 'after' && status >= 200 && status < 300 && firstSuccessAfterFree === undefined)
      firstSuccessAfterFree = Date.now();
  };
  const health: Record<string, number> = {};
  try {
    await Promise.all([api.start(), worker.start()]);
    const driver = await connectDriver(`http://127.0.0.1:${port}/api/v1`, { onAnswer, timeoutMs: 30_000 });
    const load = steadyLoad(driver, {
      rate: RATE,
      keyPrefix: `full-disk-${which}-${SEED}`,
      random: rng(SEED),
    });
    const probe = setInterval(() => {
      if (phase !== 'full') return;
      void fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(5000) })
        .then((r) => r.status)
        .catch(() => 0)
        .then((s) => (health[s] = (health[s] ?? 0) + 1));
    }, 2000);
    await sleep(BEFORE_S * 1000);
    const ackedBefore = load.reviews.filter((r) => r.id).length;
    log(`${which}: ${ackedBefore} reviews acknowledged; filling ${fs.mountPoint}`);
    phase = 'full';
    const fullAt = Date.now();
    const filled = fs.fill();
    log(`${which}: filler took ${(filled / 2 ** 20).toFixed(1)} MB; ${fs.freeBytes()} bytes left`);
    // Something may free a little (SQLite's or PostgreSQL's temporary files): keep it full the whole time.
    while (Date.now() - fullAt < FULL_S * 1000) {
      await sleep(2000);
      if (fs.freeBytes() > 0) fs.fill();
    }
    const inFlightWhenFreed = load.inFlight();
    const alive = dependencyAlive(which, stack);
    fs.free();
    freedAt = Date.now();
    phase = 'after';
    log(
      `${which}: filler deleted (${alive ? 'still running' : 'it has EXITED'}); ${inFlightWhenFreed} reviews in flight`,
    );
    let restartedByScript = false;
    if (!alive) {
      // What a supervisor (systemd, Kubernetes) would do; recorded, since it is not "by itself".
      restartedByScript = true;
      if (which === 'postgres') await stack.startPostgres();
      else await stack.startTemporal();
    }
    await sleep(AFTER_S * 1000);
    clearInterval(probe);
    await load.stop();
    log(`${which}: traffic stopped; checking ${load.reviews.length} reviews`);
    const report = await check(load.reviews, stack.databaseUrl, stack.temporalAddress);
    const logErrors = unhandledErrors([api, worker]);
    // The evidence stays: both processes' output, and the history of every review the checker found wrong.
    writeFileSync(`${base}-api.log`, api.output());
    writeFileSync(`${base}-worker.log`, worker.output());
    await saveHistories(
      load.reviews.filter((r) => report.inconsistent.some((m) => m.startsWith(`${r.key} `))),
      stack.temporalAddress,
      base,
    );
    const answersWhileFull = Object.values(during).reduce((a, b) => a + b, 0);
    const fiveHundredsWhileFull = Object.entries(during)
      .filter(([s]) => Number(s) >= 500 && s !== '503')
      .reduce((a, [, n]) => a + n, 0);
    const noAnswerWhileFull = during['0'] ?? 0;
    const refusedWithoutWhy = [...details.entries()]
      .filter(([d]) => d.startsWith('503') && !SAYS_WHY[which].test(d))
      .reduce((a, [, n]) => a + n, 0);
    const result = {
      case: which,
      filesystemMb: which === 'postgres' ? 160 : 64,
      fullSeconds: Math.round((freedAt - fullAt) / 1000),
      reviewsStarted: load.reviews.length,
      acknowledgedBeforeFull: ackedBefore,
      inFlightWhenFreed,
      answersWhileFull: during,
      answersAfterwards: afterwards,
      detailsWhileFull: Object.fromEntries(details),
      healthWhileFull: health,
      notProblemJsonWhileFull: notProblemJson,
      dependencyExited: !alive,
      restartedByScript,
      recoveredAfterSeconds:
        firstSuccessAfterFree === undefined
          ? undefined
          : Math.round((firstSuccessAfterFree - freedAt) / 100) / 10,
      ...driver.counts,
      latencyMs: latencySummary(driver.latencies),
      checker: report,
      unhandledInLogs: logErrors,
      fiveHundreds: driver.fiveHundreds.slice(0, 10),
    };
    const failures = [
      answersWhileFull === 0 && 'no call was answered while the disk was full',
      fiveHundredsWhileFull && `${fiveHundredsWhileFull} answers 5xx other than 503 while full`,
      noAnswerWhileFull && `${noAnswerWhileFull} calls without an answer (hang or reset) while full`,
      driver.counts.status503WithoutRetryAfter && '503 without Retry-After',
      notProblemJson && `${notProblemJson} refusals not problem+json`,
      refusedWithoutWhy && `${refusedWithoutWhy} 503s whose detail does not say why`,
      firstSuccessAfterFree === undefined && 'no 2xx after the space returned',
      restartedByScript && `${which} exited and had to be restarted`,
      report.lost && `${report.lost} lost`,
      report.duplicated && `${report.duplicated} duplicated`,
      report.inconsistent.length && `${report.inconsistent.length} inconsistent`,
      report.aborted.length && `${report.aborted.length} reviews given up by the client`,
      logErrors.length && `${logErrors.length} unhandled errors in the logs`,
    ].filter(Boolean) as string[];
    log(`${which}: ${failures.length ? `FAILED: ${failures.join('; ')}` : 'passed'}`);
    return { ...result, failures };
  } finally {
    phase = 'after';
    await Promise.allSettled([api.stop(), worker.stop()]);
    await stack.stop();
    fs.unmount();
  }
}

async function saveHistories(reviews: Review[], temporalAddress: string, base: string) {
  if (reviews.length === 0) return;
  const client = await connectTemporalClient(temporalAddress, 'default', {
    dataConverter: testDataConverter(),
  });
  try {
    for (const r of reviews) {
      if (!r.id) continue;
      const history = await client.workflow.getHandle(reviewWorkflowId(r.id)).fetchHistory();
      writeFileSync(`${base}-history-${r.key}.json`, historyToJSON(history));
    }
  } finally {
    await client.connection.close();
  }
}

/** Whether the filled dependency's server process is still there (a full disk may make it exit). */
function dependencyAlive(
  which: 'temporal' | 'postgres',
  stack: { databaseUrl: string; temporalAddress: string },
) {
  const procs = listProcesses();
  if (which === 'postgres') {
    const port = new URL(stack.databaseUrl).port;
    return procs.some((p) => /(^|\/)postgres /.test(p.cmdline) && p.cmdline.includes(`-p ${port}`));
  }
  const port = stack.temporalAddress.split(':').pop();
  return procs.some((p) => p.cmdline.includes('start-dev') && p.cmdline.includes(`--port ${port}`));
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  const results = [];
  for (const which of CASES) results.push(await runCase(which));
  const out = { date: new Date().toISOString(), rate: RATE, fullSeconds: FULL_S, seed: SEED, results };
  writeFileSync(join(DIR, 'result.json'), JSON.stringify(out, null, 2));
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  process.exit(results.some((r) => r.failures.length) ? 1 : 0);
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(2)); // runs the unmounts

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
