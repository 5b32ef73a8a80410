/**
 * Latency and throughput of the product as `npm start` runs it, beside its ceilings measured in the same run:
 * `npm run bench:load -- [--duration 60]`. Figures only; see BENCHMARKS.md for what they mean.
 *
 * 1. start-up: cold (fresh data directory) and warm, from the launcher's own log lines;
 * 2. ceilings: pgbench single-row inserts on the same PostgreSQL, and the raw Temporal route
 *    (tests/bench/raw-route.workflow.ts) closed loop with 16 callers and open loop at 5/s;
 * 3. submissions through the HTTP API (POST /api/v1/requests answers once the first stage row is committed, i.e.
 *    the request is in the reviewer's inbox) open loop at 1, 5 and 20/s, then the highest steady rate whose p99
 *    stays under 250 ms;
 * 4. decisions through the HTTP API (POST /requests/{id}/decisions answers once the next stage is open) at 5/s;
 * 5. resident memory of the API+worker process, the dev server and PostgreSQL.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { Client as PgClient, Pool } from 'pg';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { installQuietRuntime } from '@temporal-lib/runtime';
import { argument } from './bench-database';
import { aHireBody, aReviewPeriodBody } from '../support/http-fixtures';
import { benchApi } from './bench-api';
import { childPids, closedLoop, commandOf, ms, openLoop, rssMiB } from './load-tools';
import { decideUpdate, openUpdate } from './raw-route.messages';
import type { rawRoute } from './raw-route.workflow';

const DURATION = Number(argument('duration', '60'));
/** `--profile`: the launcher (API and worker) runs with --cpu-prof; the profile lands in .data/profiles. */
const PROFILE = process.argv.includes('--profile');
const DATA_DIR = '.data/bench-app';
const BASE = 'http://127.0.0.1:3000/api/v1';
const PG_URL = 'postgres://postgres:postgres@127.0.0.1:54329/provning';
const ENV = {
  ...process.env,
  DATA_DIR,
  LOG_LEVEL: 'warn',
  // The benchmark is one caller at high rates; the production limits are per caller and would throttle it.
  RATE_LIMIT_LOGIN_PER_MINUTE: '0',
  RATE_LIMIT_SUBMIT_PER_MINUTE: '0',
};

const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};

async function startApp(): Promise<{ app: ChildProcess; seconds: number; steps: string[] }> {
  const started = Date.now();
  const flags = PROFILE ? ['--cpu-prof', '--cpu-prof-dir=.data/profiles'] : [];
  const app = spawn(process.execPath, [...flags, 'dist/apps/launcher/main.js'], {
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const steps: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    let log = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      log += chunk.toString();
      for (const line of buffer.split('\n').slice(0, -1)) {
        const m = /^(\S+Z) \[start\] (.*)$/.exec(line);
        if (m) steps.push(`${((Date.parse(m[1]) - started) / 1000).toFixed(2)} s  ${m[2]}`);
        if (/\[start\] ready\b/.test(line)) resolve();
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    };
    app.stdout!.on('data', onData);
    app.stderr!.on('data', onData);
    app.on('exit', (code) => reject(new Error(`launcher exited with ${code}:\n${log}`)));
  });
  return { app, seconds: (Date.now() - started) / 1000, steps };
}

async function stopApp(app: ChildProcess) {
  const exited = new Promise((r) => app.once('exit', r));
  app.kill('SIGINT');
  await exited;
}

const { post, token } = benchApi(BASE);

async function main() {
  installQuietRuntime();
  say(`# bench:load ${new Date().toISOString()}`);
  say(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
  );

  rmSync(DATA_DIR, { recursive: true, force: true });
  const cold = await startApp();
  await stopApp(cold.app);
  const warm = await startApp();
  const app = warm.app;
  say(
    `start-up to ready: cold ${cold.seconds.toFixed(1)} s (fresh data directory), warm ${warm.seconds.toFixed(1)} s`,
  );
  for (const step of cold.steps) say(`  cold ${step}`);
  say(
    `workflow bundle (dist/workflow-bundle.js, written by npm run build, source map inline): ${(statSync('dist/workflow-bundle.js').size / 1024).toFixed(0)} KiB`,
  );

  const pg = new PgClient({ connectionString: PG_URL });
  await pg.connect();
  const [{ server_version: pgVersion }] = (await pg.query('SHOW server_version')).rows;
  say(
    `PostgreSQL ${pgVersion}; Temporal dev server ${execFileSync(`${os.homedir()}/.cache/provning/temporal/cli-v1.5.1/temporal`, ['--version']).toString().trim()}`,
  );
  const pids = childPids(app.pid!);
  const processes = {
    'API + worker (one process)': [app.pid!],
    'Temporal dev server': pids.filter(
      (p) => /temporal/.test(commandOf(p)) && !/postgres/.test(commandOf(p)),
    ),
    PostgreSQL: pids.filter((p) => /postgres/.test(commandOf(p))),
  };

  // ---- ceilings ----
  await pg.query(
    `CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, request_id uuid, name text, at timestamptz)`,
  );
  writeFileSync(
    '/tmp/provning-pgbench.sql',
    `INSERT INTO bench_rows (request_id, name, at) VALUES (gen_random_uuid(), 'hr_review', now());\n`,
  );
  const pgbench = execFileSync(
    'pgbench',
    ['-n', '-c', '4', '-j', '2', '-T', '10', '-f', '/tmp/provning-pgbench.sql', PG_URL],
    {
      env: { ...process.env, PGPASSWORD: 'postgres' },
    },
  ).toString();
  const tps = Number(/tps = ([\d.]+)/.exec(pgbench)?.[1]);
  say(`ceiling, pgbench single-row INSERT (4 clients, 10 s): ${tps.toFixed(0)} per second`);

  const pool = new Pool({ connectionString: PG_URL, max: 10 });
  const connection = await NativeConnection.connect({ address: '127.0.0.1:7233' });
  const rawWorker = await Worker.create({
    connection,
    taskQueue: 'raw-bench',
    workflowsPath: require.resolve('./raw-route.workflow'),
    activities: {
      async insertStage(requestId: string, name: string) {
        await pool.query(`INSERT INTO bench_rows (request_id, name, at) VALUES ($1, $2, now())`, [
          requestId,
          name,
        ]);
      },
    },
  });
  const workerRun = rawWorker.run();
  const client = new Client({ connection: await Connection.connect({ address: '127.0.0.1:7233' }) });
  const rawOpened: string[] = [];
  const openRaw = async () => {
    const id = randomUUID();
    await client.workflow.executeUpdateWithStart(openUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof rawRoute>('rawRoute', {
        workflowId: `raw-${id}`,
        taskQueue: 'raw-bench',
        args: [id],
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    rawOpened.push(id);
  };
  const rawClosed = await closedLoop(16, 20, openRaw);
  say(
    `ceiling, raw Temporal route, closed loop (16 callers, 20 s): ${rawClosed.perSecond.toFixed(1)} reviews opened per second (${rawClosed.errors} errors)`,
  );
  const rawOpen5 = await openLoop(5, DURATION, openRaw);
  const decideRaw = async (i: number) => {
    await client.workflow.getHandle(`raw-${rawOpened[i]}`).executeUpdate(decideUpdate);
  };
  const rawDecide5 = await openLoop(5, Math.min(DURATION, rawOpened.length / 5), decideRaw);
  say(
    `ceiling, raw Temporal route at 5/s: open → stage row p50 ${ms(rawOpen5.p50)} / p95 ${ms(rawOpen5.p95)} / p99 ${ms(rawOpen5.p99)} ms; decision → next stage row p50 ${ms(rawDecide5.p50)} / p99 ${ms(rawDecide5.p99)} ms`,
  );
  rawWorker.shutdown();
  await workerRun;

  // ---- the product through its HTTP API ----
  const admin = await token('admin');
  const today = new Date().toISOString().slice(0, 10);
  await post(
    '/review-periods',
    admin,
    aReviewPeriodBody('hire', today, '2099-12-31', { decidedOn: today }),
  ).catch(() => undefined); // already recorded by an earlier run on the same data
  const chef = await token('chef.akuten');
  const hr = await token('hr.somatik');
  const [{ id: unitId }] = (await pg.query(`SELECT id FROM org_units WHERE code = 'SOM-AKUT'`)).rows;
  const submitted: string[] = [];
  const submit = async () => {
    const res = await post('/requests', chef, aHireBody(unitId), { 'Idempotency-Key': randomUUID() });
    if (!res.currentStage) throw new Error('no stage open');
    submitted.push(res.id);
  };
  let peakRss = { api: 0, temporal: 0, pg: 0 };
  const sample = setInterval(() => {
    peakRss = {
      api: Math.max(peakRss.api, rssMiB(processes['API + worker (one process)'])),
      temporal: Math.max(peakRss.temporal, rssMiB(processes['Temporal dev server'])),
      pg: Math.max(peakRss.pg, rssMiB(processes.PostgreSQL)),
    };
  }, 500);
  say();
  say('| submissions (POST /requests → stage row committed) | n | errors | p50 ms | p95 ms | p99 ms |');
  say('|---|---:|---:|---:|---:|---:|');
  for (const rate of [1, 5, 20]) {
    const r = await openLoop(rate, DURATION, submit);
    say(
      `| open loop ${rate}/s, ${DURATION} s | ${r.n} | ${r.errors} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`,
    );
  }
  let highest = 0;
  for (const rate of [10, 15, 20, 25, 30, 40, 50, 60]) {
    const r = await openLoop(rate, Math.max(10, DURATION / 3), submit);
    say(
      `| open loop ${rate}/s, ${Math.max(10, DURATION / 3)} s | ${r.n} | ${r.errors} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`,
    );
    if (r.errors > 0 || r.p99 > 250) break;
    highest = rate;
  }
  say(
    `highest steady submission rate with p99 ≤ 250 ms: ${highest ? `${highest}/s` : 'below 10/s'}; raw Temporal closed-loop ceiling ${rawClosed.perSecond.toFixed(1)}/s → ${highest ? ((100 * highest) / rawClosed.perSecond).toFixed(0) : '–'} %`,
  );

  const decide = async (i: number) => {
    const res = await post(`/requests/${submitted[i]}/decisions`, hr, {
      outcome: 'approve',
      comment: 'Inom ram.',
    });
    if (!res) throw new Error('no answer');
  };
  const d = await openLoop(5, Math.min(DURATION, submitted.length / 5), decide);
  say();
  say(
    `decisions (POST /decisions → next stage open) at 5/s: n ${d.n}, errors ${d.errors}, p50 ${ms(d.p50)} / p95 ${ms(d.p95)} / p99 ${ms(d.p99)} ms`,
  );
  clearInterval(sample);
  say();
  say(
    `peak RSS during the runs: API + worker ${peakRss.api.toFixed(0)} MiB, Temporal dev server ${peakRss.temporal.toFixed(0)} MiB, PostgreSQL (all processes) ${peakRss.pg.toFixed(0)} MiB, together ${(peakRss.api + peakRss.temporal + peakRss.pg).toFixed(0)} MiB`,
  );

  await pg.end();
  await pool.end();
  await client.connection.close();
  await connection.close();
  await stopApp(app);
  writeFileSync('.data/bench-load.md', out.join('\n') + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
