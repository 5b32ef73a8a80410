import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TLSConfig } from '@temporalio/client';
import { connectTemporalClient } from '@temporal-lib/client';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { stateQuery } from '@workflows/messages';
import type { ReviewState } from '@workflows/types';
import { freePort } from '@local/ports';
import { isFinal } from '@domain/review-state';
import { createDataSource } from '@db/data-source';
import { aCallOffBody, aHireBody, aReviewPeriodBody } from '../support/http-fixtures';
import { testDataConverter } from '../support/payload-keys';
import { againstStack, appProcess } from './app-processes';
import { startStack } from './stack';
import { startClusterStack } from './cluster-stack';

/**
 * `npm run test:chaos -- --reviews 1000 --seed 7`: reviews driven through the HTTP API by seeded random scripts
 * (submit, decide, return, resubmit, withdraw, or leave waiting) while the worker is killed with -9 and restarted,
 * the Temporal dev server is stopped and restarted on its SQLite file, and PostgreSQL is stopped for 30 s. Then
 * every review's database record is compared with its workflow. Prints the counts and writes them to
 * .data/chaos/result.json; exits 1 on any lost or duplicated record, inconsistency, or 500.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REVIEWS = arg('reviews', 1000);
const SEED = arg('seed', 20261123);
const CONCURRENCY = arg('concurrency', 12);
const OUTAGE_S = arg('outage-seconds', 30);
const KILLS = arg('worker-kills', 5);
/** `--cluster`: the two-node Temporal cluster on PostgreSQL (cluster-stack.ts); the Temporal fault is a node SIGKILL. */
const CLUSTER = process.argv.includes('--cluster');
const started = Date.now();
const log = (m: string) =>
  process.stderr.write(`[chaos ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);

/** mulberry32: small, seeded, good enough to pick paths and moments reproducibly. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Path = 'approve' | 'reject' | 'return_resubmit_approve' | 'withdraw' | 'wait_director' | 'wait_first';
const PATHS: [Path, number][] = [
  ['approve', 0.25],
  ['reject', 0.15],
  ['return_resubmit_approve', 0.2],
  ['withdraw', 0.1],
  ['wait_director', 0.1],
  ['wait_first', 0.2],
];
const EXPECTED: Record<Path, string> = {
  approve: 'approved',
  reject: 'rejected',
  return_resubmit_approve: 'approved',
  withdraw: 'withdrawn',
  wait_director: 'in_review',
  wait_first: 'in_review',
};

interface Review {
  i: number;
  key: string;
  kind: 'hire' | 'agency_call_off';
  path: Path;
  id?: string;
  /** Decision ids the API acknowledged with 2xx. */
  acked: string[];
  done: boolean;
  aborted?: string;
}

const counts = {
  calls: 0,
  status500: 0,
  status503: 0,
  status503WithoutRetryAfter: 0,
  networkErrors: 0,
  retried: 0,
  workerKills: 0,
  temporalRestarts: 0,
  postgresOutages: 0,
  postgresOutageSeconds: 0,
  inFlightAtFaults: [] as number[],
  /** Status codes of the answers that arrived while PostgreSQL was down (0: no answer). */
  duringPostgresOutage: {} as Record<string, number>,
};
let postgresDown = false;
const fiveHundreds: string[] = [];

async function main() {
  log(`${REVIEWS} reviews, seed ${SEED}, ${CONCURRENCY} at a time, PostgreSQL outage ${OUTAGE_S} s`);
  const clusterStack = CLUSTER ? await startClusterStack({ name: 'chaos-cluster', log }) : undefined;
  const stack = clusterStack ?? (await startStack('chaos', log));
  const tls = clusterStack?.clientTls;
  const port = await freePort();
  const env = againstStack(stack, {
    ...clusterStack?.tlsEnv,
    PORT: String(port),
    AUTH_DEV_SECRET: 'chaos-run-secret-chaos-run-secret-chaos',
  });
  const api = appProcess('api', env);
  const worker = appProcess('worker', env);
  await Promise.all([api.start(), worker.start()]);
  const base = `http://127.0.0.1:${port}/api/v1`;

  /** One call, retried with the same key after 503/429/network errors, as a well-behaved client does. */
  async function call(method: string, path: string, token: string, body?: unknown, key?: string) {
    for (let attempt = 0; ; attempt++) {
      counts.calls += 1;
      let status: number;
      let json: unknown;
      let retryAfter: string | null = null;
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
            ...(key ? { 'Idempotency-Key': key } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        const text = await res.text();
        json = text ? JSON.parse(text) : undefined;
      } catch {
        counts.networkErrors += 1;
        status = 0;
      }
      if (postgresDown) counts.duringPostgresOutage[status] = (counts.duringPostgresOutage[status] ?? 0) + 1;
      if (status >= 500 && status !== 503) {
        counts.status500 += 1;
        fiveHundreds.push(`${method} ${path} ${status} ${JSON.stringify(json)}`);
      }
      if (status === 503) {
        counts.status503 += 1;
        if (!retryAfter) counts.status503WithoutRetryAfter += 1;
      }
      const retry = status === 0 || status === 503 || status === 429 || status >= 500;
      if (!retry || attempt > 200)
        return { status, body: json as Record<string, unknown>, retried: attempt > 0 };
      counts.retried += 1;
      await sleep(Math.min(Number(retryAfter ?? 1), 3) * 1000);
    }
  }

  const tokens = new Map<string, string>();
  for (const user of ['admin', 'chef.akuten', 'hr.somatik', 'div.somatik']) {
    const res = await fetch(`${base}/auth/dev-login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user }),
    });
    tokens.set(user, ((await res.json()) as { token: string }).token);
  }
  for (const kind of ['hire', 'agency_call_off'])
    await call('POST', '/review-periods', tokens.get('admin')!, aReviewPeriodBody(kind));
  const units = (await call('GET', '/org/units', tokens.get('admin')!)).body as unknown as {
    units: { id: string; code: string }[];
  }[];
  const unitId = units.flatMap((d) => d.units).find((u) => u.code === 'SOM-AKUT')!.id;

  const random = rng(SEED);
  const reviews: Review[] = Array.from({ length: REVIEWS }, (_, i) => {
    let r = random();
    const path = PATHS.find(([, p]) => (r -= p) < 0)?.[0] ?? 'wait_first';
    return {
      i,
      key: `chaos-${SEED}-${i}`,
      kind: random() < 0.7 ? 'hire' : 'agency_call_off',
      path,
      acked: [],
      done: false,
    };
  });

  async function decide(r: Review, stage: string, outcome: string, step: number) {
    const user = stage === 'director_decision' ? 'div.somatik' : 'hr.somatik';
    const res = await call(
      'POST',
      `/requests/${r.id}/decisions`,
      tokens.get(user)!,
      { stage, outcome, ...(outcome === 'approve' ? {} : { comment: 'Kaos' }) },
      `${r.key}-d${step}`,
    );
    if (res.status === 201) r.acked.push(res.body.decisionId as string);
    else r.aborted = `decision ${stage} ${outcome}: ${res.status} ${JSON.stringify(res.body)}`;
    return res.status === 201;
  }

  async function submit(r: Review) {
    const body = r.kind === 'hire' ? aHireBody(unitId) : aCallOffBody(unitId);
    const submitted = await call('POST', '/requests', tokens.get('chef.akuten')!, body, r.key);
    if (submitted.status === 201) r.id = submitted.body.id as string;
    else r.aborted = `submit: ${submitted.status} ${JSON.stringify(submitted.body)}`;
  }

  async function drive(r: Review) {
    const chef = tokens.get('chef.akuten')!;
    const first = r.kind === 'hire' ? 'hr_review' : 'staffing_review';
    if (!r.id) return;
    switch (r.path) {
      case 'approve':
        if (await decide(r, first, 'approve', 1)) await decide(r, 'director_decision', 'approve', 2);
        break;
      case 'reject':
        await decide(r, first, 'reject', 1);
        break;
      case 'return_resubmit_approve': {
        if (!(await decide(r, first, 'return', 1))) break;
        const again = await call('POST', `/requests/${r.id}/resubmit`, chef, { comment: 'Kompletterat' });
        // A resubmission has no key: a retry after an answer that got lost is refused 409, but it did happen.
        if (again.status !== 201 && !(again.status === 409 && again.retried)) {
          r.aborted = `resubmit: ${again.status} ${JSON.stringify(again.body)}`;
          break;
        }
        if (await decide(r, first, 'approve', 2)) await decide(r, 'director_decision', 'approve', 3);
        break;
      }
      case 'withdraw': {
        const res = await call('POST', `/requests/${r.id}/withdraw`, chef, { comment: 'Behövs inte' });
        if (res.status !== 201 && !(res.status === 409 && res.retried))
          r.aborted = `withdraw: ${res.status} ${JSON.stringify(res.body)}`;
        break;
      }
      case 'wait_director':
        await decide(r, first, 'approve', 1);
        break;
      case 'wait_first':
        break;
    }
    r.done = true;
  }

  // First every review is submitted, so all of them are in flight together; then each is driven along its path
  // (in a shuffled order). Progress counts both steps; the faults fall across both.
  let finished = 0;
  const inFlight = () => reviews.filter((r) => r.id && (!r.done || EXPECTED[r.path] === 'in_review')).length;
  const inParallel = async (items: Review[], step: (r: Review) => Promise<void>, what: string) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < items.length) {
          await step(items[next++]);
          finished += 1;
          if (finished % 100 === 0)
            log(`${finished}/${2 * REVIEWS} steps (${what}), ${inFlight()} reviews open`);
        }
      }),
    );
  };
  const order = [...reviews].sort(() => random() - 0.5);
  const traffic = (async () => {
    await inParallel(reviews, submit, 'submitting');
    await inParallel(order, drive, 'deciding');
  })();
  let trafficDone = false;
  void traffic.finally(() => (trafficDone = true));

  // Faults at points of progress, so a shorter run gets them all too; the moments within are random (seeded).
  const faultRandom = rng(SEED ^ 0x5eed);
  const at = async (share: number) => {
    while (!trafficDone && finished < share * 2 * REVIEWS) await sleep(200);
    await sleep(faultRandom() * 2000);
  };
  const faults = (async () => {
    const plan: [number, string][] = [
      ...Array.from({ length: KILLS }, (_, k): [number, string] => [(k + 0.5) / (KILLS + 1), 'kill']),
      [0.45, 'temporal'],
      // On the cluster the other node too, later: each of the two dies once.
      ...(CLUSTER ? ([[0.75, 'temporal']] as [number, string][]) : []),
      [0.55, 'postgres'],
    ];
    plan.sort((a, b) => a[0] - b[0]);
    for (const [share, fault] of plan) {
      await at(share);
      counts.inFlightAtFaults.push(inFlight());
      if (fault === 'kill') {
        log(`kill -9 worker (pid ${worker.pid()}), ${inFlight()} reviews open`);
        await worker.kill9();
        counts.workerKills += 1;
        await sleep(faultRandom() * 3000);
        await worker.start();
        log('worker restarted');
      } else if (fault === 'temporal') {
        log(
          `stopping ${CLUSTER ? 'a Temporal node' : 'the Temporal dev server'}, ${inFlight()} reviews open`,
        );
        await stack.stopTemporal();
        counts.temporalRestarts += 1;
        await sleep(5000);
        await stack.startTemporal();
        log(CLUSTER ? 'Temporal node restarted' : 'Temporal dev server restarted on its SQLite file');
      } else {
        log(`stopping PostgreSQL for ${OUTAGE_S} s, ${inFlight()} reviews open`);
        const down = Date.now();
        await stack.stopPostgres();
        postgresDown = true;
        counts.postgresOutages += 1;
        await sleep(OUTAGE_S * 1000);
        postgresDown = false;
        await stack.startPostgres();
        counts.postgresOutageSeconds = Math.round((Date.now() - down) / 1000);
        log('PostgreSQL is back');
      }
    }
  })();
  await Promise.all([traffic, faults]);
  log(`traffic done: ${counts.calls} calls; checking`);

  const recovering = Date.now();
  const report = await check(reviews, stack.databaseUrl, stack.temporalAddress, tls);
  await Promise.allSettled([api.stop(), worker.stop()]);
  await stack.stop();
  const result = {
    date: new Date().toISOString().slice(0, 10),
    reviews: REVIEWS,
    seed: SEED,
    cluster: CLUSTER,
    checkSeconds: Math.round((Date.now() - recovering) / 1000),
    concurrency: CONCURRENCY,
    seconds: Math.round((Date.now() - started) / 1000),
    ...counts,
    ...report,
    fiveHundreds: fiveHundreds.slice(0, 20),
  };
  writeFileSync(
    resolve(__dirname, `../../.data/${CLUSTER ? 'chaos-cluster' : 'chaos'}/result.json`),
    JSON.stringify(result, null, 2),
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const failed =
    report.lost +
    report.duplicated +
    report.inconsistent.length +
    counts.status500 +
    counts.status503WithoutRetryAfter;
  process.exit(failed ? 1 : 0);
}

/** The checker: PostgreSQL against each workflow (its state as replayed from history), review by review. */
async function check(reviews: Review[], databaseUrl: string, temporalAddress: string, tls?: TLSConfig) {
  const ds = createDataSource({ url: databaseUrl, poolSize: 4 });
  await ds.initialize();
  const client = await connectTemporalClient(temporalAddress, 'default', {
    dataConverter: testDataConverter(),
    tls,
  });
  let lost = 0;
  let duplicated = 0;
  let completed = 0;
  let waiting = 0;
  let decisionsChecked = 0;
  const inconsistent: string[] = [];
  const aborted = reviews.filter((r) => r.aborted).map((r) => `${r.key} ${r.path}: ${r.aborted}`);
  const q = async <T>(sql: string, params: unknown[]) => (await ds.query(sql, params)) as T[];
  let index = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (index < reviews.length) {
        const r = reviews[index++];
        const bad = (m: string) => inconsistent.push(`${r.key} (${r.path}): ${m}`);
        const rows = await q<{ id: string; status: string }>(
          `SELECT id, status FROM requests WHERE idempotency_key = $1`,
          [r.key],
        );
        if (rows.length === 0) {
          if (r.id) lost += 1;
          else if (!r.aborted) bad('never submitted');
          continue;
        }
        if (rows.length > 1) duplicated += rows.length - 1;
        const request = rows[0];
        if (r.id && r.id !== request.id) bad(`answered ${r.id}, recorded ${request.id}`);
        for (const decisionId of r.acked) {
          const [{ n }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM decisions WHERE id = $1`, [
            decisionId,
          ]);
          if (n === 0) lost += 1;
          if (n > 1) duplicated += n - 1;
        }
        const handle = client.workflow.getHandle(reviewWorkflowId(request.id));
        const description = await handle.describe();
        const running = description.status.name === 'RUNNING';
        const state: ReviewState = running ? await handle.query(stateQuery) : await handle.result();
        if (running) waiting += 1;
        else completed += 1;
        const decisions = await q<{ stage_name: string; outcome: string }>(
          `SELECT stage_name, outcome FROM decisions WHERE request_id = $1 ORDER BY decided_at, id`,
          [request.id],
        );
        decisionsChecked += decisions.length;
        const inDb = decisions.map((d) => `${d.stage_name}:${d.outcome}`).join(',');
        const inWf = state.decisions.map((d) => `${d.stage}:${d.outcome}`).join(',');
        if (inDb !== inWf) bad(`decisions: database ${inDb} / workflow ${inWf}`);
        const [{ n: auditDecisions }] = await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1 AND type = 'decision'`,
          [request.id],
        );
        if (auditDecisions !== decisions.length)
          bad(`${auditDecisions} decision audit events for ${decisions.length} decisions`);
        if (request.status !== state.status)
          bad(`status: database ${request.status} / workflow ${state.status}`);
        if (r.done && !r.aborted && state.status !== EXPECTED[r.path])
          bad(`status ${state.status}, the script expected ${EXPECTED[r.path]}`);
        const open = await q<{ name: string }>(
          `SELECT name FROM stages WHERE request_id = $1 AND closed_at IS NULL`,
          [request.id],
        );
        const expectedOpen = running && state.currentStage ? [state.currentStage.name] : [];
        if (open.map((s) => s.name).join() !== expectedOpen.join())
          bad(
            `open stages: database ${open.map((s) => s.name).join() || '-'} / workflow ${expectedOpen.join() || '-'}`,
          );
        if (running === isFinal(state.status))
          bad(`workflow ${description.status.name} with status ${state.status}`);
        const [{ n: dupNotifications }] = await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications WHERE request_id = $1
             GROUP BY event_key, recipient_id HAVING count(*) > 1) d`,
          [request.id],
        );
        if (dupNotifications) {
          duplicated += dupNotifications;
          bad(`${dupNotifications} notifications sent twice`);
        }
        const [{ n: submittedEvents }] = await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1 AND type = 'submitted'`,
          [request.id],
        );
        if (submittedEvents !== 1) bad(`${submittedEvents} submitted events`);
      }
    }),
  );
  await client.connection.close();
  await ds.destroy();
  return { lost, duplicated, completed, waiting, decisionsChecked, inconsistent, aborted };
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
