/**
 * Held load: `npm run bench:held -- [--reviews 20000] [--callers 16] [--due-in 25] [--cache N]`.
 *
 * 1. Starts PostgreSQL and the Temporal dev server as `npm start` does (tests/chaos/stack.ts), then the production
 *    worker and API from `dist/` as separate processes (tests/chaos/app-processes.ts), so each one's memory is its own.
 * 2. Submits `--reviews` agency call-offs through the HTTP API (`--callers` at a time) and says how long it took.
 * 3. Holds them open and samples the resident memory of the API, the worker, the dev server and PostgreSQL.
 * 4. All their first deadlines fall due inside one minute, `--due-in` minutes after the start; measures how late
 *    the review workflows' timers fire (the escalation's workflow time minus the deadline) and when the last
 *    escalation is committed.
 *
 * Business-day deadlines end at 16:00 days away, so the worker runs the product's workflow code with one module
 * changed: `@domain/deadlines` is replaced (at bundle time only, in .data/bench-held) by one that puts every
 * deadline computed before the window inside it, spread by the submission's millisecond of the minute. Everything
 * else (route, timers, escalation activity, records) is the product's. Figures only; see BENCHMARKS.md.
 * Runs through scripts/ts-register.cjs (the database layer needs decorator metadata).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '@db/open-database';
import { freePort } from '@local/ports';
import { writeWorkflowBundle } from '@temporal-lib/workflow-bundle';
import { argument } from './bench-database';
import { againstStack, appProcess } from '../chaos/app-processes';
import { startStack } from '../chaos/stack';
import { aCallOffBody, aReviewPeriodBody } from '../support/http-fixtures';
import { benchApi } from './bench-api';
import { childPids, commandOf, ms, percentile, pssMiB, rssMiB } from './load-tools';

const REVIEWS = Number(argument('reviews', '20000'));
const CALLERS = Number(argument('callers', '16'));
const DUE_IN_MINUTES = Number(argument('due-in', '25'));
const CACHE = argument('cache', '');
/** WORKER_WORKFLOW_THREADS for the worker, from the environment as the product reads it. */
const THREADS = process.env.WORKER_WORKFLOW_THREADS ?? '';
/** `--profile`: the worker runs with --cpu-prof; its profile lands in .data/profiles when it stops. */
const PROFILE = process.argv.includes('--profile');
const DIR = resolve(__dirname, '../../.data/bench-held');
const ROOT = resolve(__dirname, '../..');

const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Seconds `work` took. */
const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
};

/** The replacement deadline module: the product's calendar after the window, the window before it. */
function deadlineModule(windowStart: number): string {
  return `import { dueAfter as calendarDueAfter } from '${ROOT}/libs/domain/deadlines';
import type { Duration } from '${ROOT}/libs/domain/policy';

const WINDOW_START = ${windowStart};

export function dueAfter(from: Date, duration: Duration): Date {
  return from.getTime() < WINDOW_START
    ? new Date(WINDOW_START + (from.getTime() % 60_000))
    : calendarDueAfter(from, duration);
}
`;
}

async function main() {
  say(`# bench:held ${new Date().toISOString()}`);
  say(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const stack = await startStack('bench-held', log);
  const ds = await openDatabase({
    url: stack.databaseUrl,
    poolSize: 2,
    applicationName: 'bench',
    migrate: false,
    log: () => {},
  });
  const [{ server_version: pgVersion }] = await ds.query('SHOW server_version');
  const devPid = childPids(process.pid).find((p) => / start-dev /.test(commandOf(p)))!;
  const devBinary = commandOf(devPid).split(' ')[0];
  say(
    `PostgreSQL ${pgVersion}; Temporal dev server ${execFileSync(devBinary, ['--version']).toString().trim()}`,
  );

  // Whole minute, so the window reads plainly in the output.
  const windowStart = Math.ceil((Date.now() + DUE_IN_MINUTES * 60_000) / 60_000) * 60_000;
  const windowEnd = windowStart + 60_000;
  writeFileSync(join(DIR, 'deadlines.bench.ts'), deadlineModule(windowStart));
  const bundlePath = join(DIR, 'workflow-bundle.js');
  const bundleBytes = await writeWorkflowBundle(bundlePath, {
    '@domain/deadlines$': join(DIR, 'deadlines.bench.ts'),
  });
  if (!readFileSync(bundlePath, 'utf8').includes(String(windowStart)))
    throw new Error('the bench deadline module did not make it into the bundle');
  say(
    `deadlines: every first deadline in ${new Date(windowStart).toISOString()} – ${new Date(windowEnd).toISOString()} (bundle ${(bundleBytes / 1024).toFixed(0)} KiB)`,
  );

  const env = againstStack(stack, { NODE_ENV: 'development' });
  const worker = appProcess(
    'worker',
    {
      ...env,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      ...(CACHE ? { WORKER_MAX_CACHED_WORKFLOWS: CACHE } : {}),
      ...(THREADS ? { WORKER_WORKFLOW_THREADS: THREADS } : {}),
    },
    { build: 'dist', nodeFlags: PROFILE ? ['--cpu-prof', '--cpu-prof-dir=.data/profiles'] : [] },
  );
  const workerSeconds = await timed(() => worker.start());
  const port = await freePort();
  const api = appProcess('api', { ...env, PORT: String(port) }, { build: 'dist' });
  const apiSeconds = await timed(() => api.start());
  say(
    `worker start (prebuilt bundle) to polling: ${workerSeconds.toFixed(2)} s; API start to listening: ${apiSeconds.toFixed(2)} s; worker cache: ${CACHE || 'product default'}, workflow threads: ${THREADS || 'product default'}`,
  );

  const postmaster = childPids(process.pid).find((p) => /postgres -D/.test(commandOf(p)))!;
  const processes = {
    API: () => [api.pid()!],
    worker: () => [worker.pid()!],
    'Temporal dev server': () => [devPid],
    PostgreSQL: () => [postmaster, ...childPids(postmaster)],
  };
  type Name = keyof typeof processes;
  const names = Object.keys(processes) as Name[];
  type Sample = Record<Name, number> & { total: number; pss: number };
  const peaks: Record<string, Sample> = {};
  let phase = 'creating';
  const sample = setInterval(() => {
    const pids = names.map((n) => processes[n]());
    const now = Object.fromEntries(names.map((n, i) => [n, rssMiB(pids[i])])) as Record<Name, number>;
    const total = names.reduce((sum, n) => sum + now[n], 0);
    const peak = peaks[phase];
    if (!peak || total > peak.total) peaks[phase] = { ...now, total, pss: pssMiB(pids.flat()) };
  }, 1000);

  const { post, token } = benchApi(`http://127.0.0.1:${port}/api/v1`);
  const today = new Date().toISOString().slice(0, 10);
  await post(
    '/review-periods',
    await token('admin'),
    aReviewPeriodBody('agency_call_off', today, '2099-12-31', { decidedOn: today }),
  );
  const chef = await token('chef.akuten');
  const [{ id: unitId }] = await ds.query(`SELECT id FROM org_units WHERE code = 'SOM-AKUT'`);
  const callOff = aCallOffBody(unitId);

  const createdStart = performance.now();
  let next = 0;
  let errors = 0;
  let created = 0;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (next < REVIEWS) {
        next += 1;
        try {
          const answer = await post('/requests', chef, callOff, { 'Idempotency-Key': randomUUID() });
          if (!answer.currentStage) throw new Error('no stage open');
          created += 1;
          if (created % 2000 === 0)
            log(`${created} created, ${((performance.now() - createdStart) / 1000).toFixed(0)} s`);
        } catch (error) {
          errors += 1;
          next -= 1; // try that one again: the figure is for REVIEWS open reviews
          if (errors <= 5) log(`submission failed: ${(error as Error).message}`);
          await sleep(200);
        }
      }
    }),
  );
  const createSeconds = (performance.now() - createdStart) / 1000;
  say(
    `created ${created} open reviews through POST /api/v1/requests (${CALLERS} callers) in ${createSeconds.toFixed(0)} s: ${(created / createSeconds).toFixed(1)} per second, ${errors} failed calls retried`,
  );
  const [{ inWindow }] = await ds.query(
    `SELECT count(*)::int AS "inWindow" FROM stages WHERE closed_at IS NULL AND due_at >= $1 AND due_at < $2`,
    [new Date(windowStart), new Date(windowEnd)],
  );
  say(`open stages with their deadline inside the window: ${inWindow}`);
  if (Date.now() > windowStart - 10_000)
    say('WARNING: creation ran into the window; rerun with a larger --due-in');

  phase = 'holding';
  while (Date.now() < windowStart - 5_000) await sleep(1000);
  phase = 'firing';
  const committed: { t: number; n: number }[] = [];
  const giveUp = windowEnd + 30 * 60_000;
  while (Date.now() < giveUp) {
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE type = 'stage_escalated'`,
    );
    committed.push({ t: Date.now(), n });
    if (n >= inWindow) break;
    await sleep(250);
  }
  clearInterval(sample);
  const lags: number[] = (
    await ds.query(
      `SELECT extract(epoch FROM e.at - (o.data->>'dueAt')::timestamptz) * 1000 AS lag
         FROM audit_events o
         JOIN audit_events e ON e.event_key = 'stage_escalated:' || substr(o.event_key, length('stage_opened:') + 1) || ':1'
        WHERE o.type = 'stage_opened'`,
    )
  )
    .map((r: { lag: string }) => Number(r.lag))
    .sort((a: number, b: number) => a - b);
  const last = committed[committed.length - 1];
  const half = committed.find((c) => c.n >= inWindow / 2);
  say();
  say(
    `timer lag (escalation's workflow time − deadline), ${lags.length} of ${inWindow} fired: p50 ${ms(percentile(lags, 0.5))} / p95 ${ms(percentile(lags, 0.95))} / p99 ${ms(percentile(lags, 0.99))} / max ${ms(lags[lags.length - 1])} ms`,
  );
  say(
    `escalations committed: half by ${half ? ((half.t - windowEnd) / 1000).toFixed(1) : '–'} s after the window's end, ${last.n} by ${((last.t - windowEnd) / 1000).toFixed(1)} s after it (${(last.n / ((last.t - windowStart) / 1000)).toFixed(1)} per second from the window's start)`,
  );
  say();
  say(
    'RSS at the peak of each phase (PostgreSQL: all its processes); "together, PSS" counts shared pages once.',
  );
  say('| phase | API | worker | Temporal dev server | PostgreSQL | together, RSS | together, PSS |');
  say('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, p] of Object.entries(peaks)) {
    say(
      `| ${name} | ${names.map((n) => `${p[n].toFixed(0)} MiB`).join(' | ')} | ${p.total.toFixed(0)} MiB (${(p.total / 1024).toFixed(2)} GiB) | ${p.pss.toFixed(0)} MiB |`,
    );
  }

  await api.stop();
  await worker.stop();
  await ds.destroy();
  await stack.stop();
  writeFileSync('.data/bench-held.md', out.join('\n') + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
