import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { connectTemporalClient } from '@temporal-lib/client';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { postgresUser, reachableDataDir } from '@local/postgres-as-root';
import { freePort } from '@local/ports';
import { aHireBody, aReviewPeriodBody } from '../support/http-fixtures';
import { testDataConverter } from '../support/payload-keys';
import { againstStack, appProcess, type AppProcess } from '../chaos/app-processes';
import {
  clusterDataDir,
  dataDirectoryOf,
  startClusterStack,
  type ClusterStack,
} from '../chaos/cluster-stack';

/**
 * `npm run test:backup-restore`: the backup and restore drill of deploy/README.md "Backup and restore", on the
 * cluster path. Reviews run through the HTTP API against the two-node Temporal cluster on PostgreSQL; while they
 * run, one online physical backup of that PostgreSQL (the app's database and Temporal's two together) is taken
 * with the low-level API (pg_backup_start, a file copy, pg_backup_stop, the WAL): the embedded PostgreSQL ships no
 * pg_basebackup, and the system's is older than the server. Traffic goes on after the backup (that is what the
 * backup loses). The backup is restored into a new data directory (a new machine), the product started on it,
 * one review's workflow deleted on purpose (a known break), and `npm run reconcile` run before and after
 * `--repair`. Prints the figures (restore time, RPO) and writes .data/backup-restore/result.json; exits 1 when an
 * acknowledged action from before the backup is missing, the known break is not found and repaired, or the
 * reconciler leaves a restartable review behind.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BEFORE = arg('before', 30);
const DURING_AFTER_S = arg('after-seconds', 20);
const started = Date.now();
const log = (m: string) =>
  process.stderr.write(`[backup ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An acknowledged action: what the client was told happened, and when. */
interface Ack {
  kind: 'submit' | 'decision';
  id: string;
  requestId: string;
  at: number;
}

async function startApp(stack: ClusterStack) {
  const port = await freePort();
  const env = againstStack(stack, {
    ...stack.tlsEnv,
    PORT: String(port),
    AUTH_DEV_SECRET: 'backup-drill-secret-backup-drill-secret-x',
  });
  const api = appProcess('api', env);
  const worker = appProcess('worker', env);
  await Promise.all([api.start(), worker.start()]);
  return { api, worker, env, base: `http://127.0.0.1:${port}/api/v1` };
}

function client(base: string) {
  const tokens = new Map<string, string>();
  const call = async (method: string, path: string, user: string, body?: unknown, key?: string) => {
    if (!tokens.has(user)) {
      const res = await fetch(`${base}/auth/dev-login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: user }),
      });
      tokens.set(user, ((await res.json()) as { token: string }).token);
    }
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${tokens.get(user)}`,
          'Content-Type': 'application/json',
          ...(key ? { 'Idempotency-Key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      }).catch(() => undefined);
      if (res && res.status < 500) {
        const text = await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
      }
      if (attempt > 30) throw new Error(`${method} ${path}: ${res?.status ?? 'no answer'}`);
      await sleep(1000);
    }
  };
  return call;
}

/** One online physical backup of the whole server: the copy plus the WAL from its start to its end. */
async function physicalBackup(adminUrl: string, target: string) {
  const dataDir = await dataDirectoryOf(adminUrl);
  const c = new PgClient({ connectionString: adminUrl });
  await c.connect();
  const t0 = Date.now();
  // The session that starts the backup must stay open until it stops it (a non-exclusive backup).
  await c.query(`SELECT pg_backup_start('provning-drill', true)`);
  rmSync(target, { recursive: true, force: true });
  // What the documentation says to leave out: the server's own runtime files, and the WAL (copied after the stop).
  const skip = new Set([
    'postmaster.pid',
    'postmaster.opts',
    'pg_wal',
    'pg_replslot',
    'pg_stat_tmp',
    'pg_dynshmem',
  ]);
  cpSync(dataDir, target, {
    recursive: true,
    preserveTimestamps: true,
    filter: (src) => {
      const rel = src.slice(dataDir.length + 1);
      return !skip.has(rel) || rel === '';
    },
  });
  for (const d of ['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem'])
    mkdirSync(join(target, d), { recursive: true });
  const { rows } = await c.query<{ labelfile: string; spcmapfile: string }>(
    `SELECT labelfile, spcmapfile FROM pg_backup_stop(false)`,
  );
  await c.end();
  writeFileSync(join(target, 'backup_label'), rows[0].labelfile);
  if (rows[0].spcmapfile) writeFileSync(join(target, 'tablespace_map'), rows[0].spcmapfile);
  // Every WAL segment written up to the stop (and a little after): what recovery replays to reach consistency.
  cpSync(join(dataDir, 'pg_wal'), join(target, 'pg_wal'), { recursive: true });
  const bytes = du(target);
  return { ms: Date.now() - t0, bytes, finishedAt: Date.now(), startedAt: t0 };
}

function du(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? du(p) : statSync(p).size;
  }
  return n;
}

function chownTree(dir: string, uid: number, gid: number) {
  chownSync(dir, uid, gid);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) chownTree(p, uid, gid);
    else chownSync(p, uid, gid);
  }
}

function reconcileRun(env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number; out: { summary: Record<string, unknown>; differences: unknown[] } }>(
    (resolvePromise, reject) => {
      const child = spawn(
        process.execPath,
        [
          '-r',
          join(__dirname, '../../scripts/ts-register.cjs'),
          join(__dirname, '../../scripts/reconcile.ts'),
          '--json',
          ...args,
        ],
        {
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.once('exit', (code) => {
        try {
          resolvePromise({ code: code ?? 1, out: JSON.parse(out) });
        } catch {
          reject(new Error(`reconcile ${args.join(' ')} exited ${code}:\n${out}\n${err}`));
        }
      });
    },
  );
}

async function main() {
  const source = await startClusterStack({ name: 'backup-source', log });
  let app: { api: AppProcess; worker: AppProcess; base: string; env: Record<string, string> } =
    await startApp(source);
  const call = client(app.base);
  for (const kind of ['hire', 'agency_call_off'])
    await call('POST', '/review-periods', 'admin', aReviewPeriodBody(kind));
  const units = (await call('GET', '/org/units', 'admin')).body as unknown as {
    units: { id: string; code: string }[];
  }[];
  const unitId = units.flatMap((d) => d.units).find((u) => u.code === 'SOM-AKUT')!.id;

  const acks: Ack[] = [];
  let n = 0;
  /** One review: submitted, and every other one given its first decision. */
  const oneReview = async () => {
    const i = n++;
    const s = await call('POST', '/requests', 'chef.akuten', aHireBody(unitId), `drill-${i}`);
    if (s.status !== 201) throw new Error(`submit ${i}: ${s.status} ${JSON.stringify(s.body)}`);
    const id = s.body.id as string;
    acks.push({ kind: 'submit', id, requestId: id, at: Date.now() });
    if (i % 2 === 0) {
      const d = await call(
        'POST',
        `/requests/${id}/decisions`,
        'hr.somatik',
        { stage: 'hr_review', outcome: 'approve' },
        `drill-${i}-d1`,
      );
      if (d.status !== 201) throw new Error(`decide ${i}: ${d.status} ${JSON.stringify(d.body)}`);
      acks.push({ kind: 'decision', id: d.body.decisionId as string, requestId: id, at: Date.now() });
    }
  };
  const traffic = (until: () => boolean) =>
    Promise.all(
      Array.from({ length: 3 }, async () => {
        while (!until()) await oneReview();
      }),
    );

  log(`${BEFORE} reviews before the backup`);
  await traffic(() => n >= BEFORE);
  const backupDir = join(clusterDataDir('backup-restore'), 'backup');
  mkdirSync(clusterDataDir('backup-restore'), { recursive: true });
  let stopTraffic = false;
  const running = traffic(() => stopTraffic);
  await sleep(2000);
  log('backup: pg_backup_start, copy, pg_backup_stop, WAL (reviews keep running)');
  const backup = await physicalBackup(source.pg().urlFor('postgres'), backupDir);
  log(
    `backup done in ${backup.ms} ms, ${(backup.bytes / 1e6).toFixed(0)} MB; traffic goes on ${DURING_AFTER_S} s`,
  );
  await sleep(DURING_AFTER_S * 1000);
  stopTraffic = true;
  await running;
  log(`${acks.length} acknowledged actions in all; stopping the source machine`);
  await Promise.allSettled([app.api.stop(), app.worker.stop()]);
  await source.stop();

  // The new machine: the backup copied into a fresh data directory, owned by the server's user.
  const restoreStarted = Date.now();
  const restoredName = 'backup-restored';
  rmSync(clusterDataDir(restoredName), { recursive: true, force: true });
  const user = postgresUser(log);
  const wanted = join(clusterDataDir(restoredName), 'pg');
  const pgDir = user ? reachableDataDir(wanted, user, log) : wanted;
  rmSync(pgDir, { recursive: true, force: true });
  cpSync(backupDir, pgDir, { recursive: true, preserveTimestamps: true });
  chmodSync(pgDir, 0o700);
  if (user) chownTree(pgDir, user.uid, user.gid);
  const restored = await startClusterStack({ name: restoredName, keep: true, log });
  app = await startApp(restored);
  const restoreMs = Date.now() - restoreStarted;
  log(`restored and serving in ${restoreMs} ms`);

  // What the restored record still has of each acknowledged action.
  const pg = new PgClient({ connectionString: restored.databaseUrl });
  await pg.connect();
  const has = async (a: Ack) =>
    (
      await pg.query(
        a.kind === 'submit'
          ? 'SELECT 1 FROM requests WHERE id = $1'
          : 'SELECT 1 FROM decisions WHERE id = $1',
        [a.id],
      )
    ).rowCount! > 0;
  const beforeBackup = acks.filter((a) => a.at < backup.startedAt);
  const afterBackup = acks.filter((a) => a.at > backup.finishedAt);
  const lostBefore: Ack[] = [];
  for (const a of beforeBackup) if (!(await has(a))) lostBefore.push(a);
  const lostAfter: Ack[] = [];
  for (const a of afterBackup) if (!(await has(a))) lostAfter.push(a);
  // One client runs one query at a time: checked in turn.
  let lastKept = 0;
  for (const a of acks) if (a.at > lastKept && (await has(a))) lastKept = a.at;

  // The known break: one review in its first stage loses its workflow.
  const { rows: victims } = await pg.query<{ id: string }>(
    `SELECT r.id FROM requests r WHERE r.status = 'in_review'
      AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.request_id = r.id) ORDER BY r.id LIMIT 1`,
  );
  await pg.end();
  const temporal = await connectTemporalClient(restored.temporalAddress, 'default', {
    dataConverter: testDataConverter(),
    tls: restored.clientTls,
  });
  const victim = victims[0]?.id;
  if (victim)
    await temporal.workflowService.deleteWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId: reviewWorkflowId(victim) },
    });
  log(`deleted the workflow of ${victim}; reconciling`);
  await sleep(3000);
  const dry = await reconcileRun(app.env, []);
  const repairStarted = Date.now();
  const fixed = await reconcileRun(app.env, ['--repair']);
  const repairMs = Date.now() - repairStarted;
  await sleep(3000);
  const after = await reconcileRun(app.env, []);
  const victimFound = (dry.out.differences as { requestId: string; kind: string }[]).some(
    (d) => d.requestId === victim && d.kind === 'workflow_missing',
  );
  const victimBack = await temporal.workflow
    .getHandle(reviewWorkflowId(victim))
    .describe()
    .then((d) => d.status.name)
    .catch(() => 'missing');
  await temporal.connection.close();
  await Promise.allSettled([app.api.stop(), app.worker.stop()]);
  await restored.stop();

  const result = {
    date: new Date().toISOString().slice(0, 10),
    acknowledged: acks.length,
    backup: { ms: backup.ms, megabytes: Math.round(backup.bytes / 1e6) },
    restoreSeconds: Math.round(restoreMs / 1000),
    acknowledgedBeforeBackup: beforeBackup.length,
    lostBeforeBackup: lostBefore.length,
    acknowledgedAfterBackup: afterBackup.length,
    lostAfterBackup: lostAfter.length,
    rpoSeconds: Math.max(0, Math.round((Math.max(...acks.map((a) => a.at)) - lastKept) / 1000)),
    reconcile: {
      before: dry.out.summary,
      repair: fixed.out.summary,
      repairMs,
      after: after.out.summary,
      knownBreak: { requestId: victim, found: victimFound, workflowAfterRepair: victimBack },
    },
    sampleDifferences: dry.out.differences.slice(0, 10),
    seconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(join(clusterDataDir('backup-restore'), 'result.json'), JSON.stringify(result, null, 2));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const failed =
    lostBefore.length > 0 ||
    !victim ||
    !victimFound ||
    victimBack !== 'RUNNING' ||
    Number(after.out.summary.restartable) > 0;
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
