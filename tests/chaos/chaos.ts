import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '@local/ports';
import { againstStack, appProcess } from './app-processes';
import { check } from './checker';
import { aReview, connectDriver, EXPECTED, numberArg, rng, sleep, type Review } from './load-driver';
import { startStack } from './stack';
import { startClusterStack } from './cluster-stack';

/**
 * `npm run test:chaos -- --reviews 1000 --seed 7`: reviews driven through the HTTP API by seeded random scripts
 * (submit, decide, return, resubmit, withdraw, or leave waiting) while the worker is killed with -9 and restarted,
 * the Temporal dev server is stopped and restarted on its SQLite file, and PostgreSQL is stopped for 30 s. Then
 * every review's database record is compared with its workflow. Prints the counts and writes them to
 * .data/chaos/result.json; exits 1 on any lost or duplicated record, inconsistency, or 500.
 */
const REVIEWS = numberArg('reviews', 1000);
const SEED = numberArg('seed', 20261123);
const CONCURRENCY = numberArg('concurrency', 12);
const OUTAGE_S = numberArg('outage-seconds', 30);
const KILLS = numberArg('worker-kills', 5);
/** `--cluster`: the two-node Temporal cluster on PostgreSQL (cluster-stack.ts); the Temporal fault is a node SIGKILL. */
const CLUSTER = process.argv.includes('--cluster');
const started = Date.now();
const log = (m: string) =>
  process.stderr.write(`[chaos ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);

const counts = {
  workerKills: 0,
  temporalRestarts: 0,
  postgresOutages: 0,
  postgresOutageSeconds: 0,
  inFlightAtFaults: [] as number[],
  /** Status codes of the answers that arrived while PostgreSQL was down (0: no answer). */
  duringPostgresOutage: {} as Record<string, number>,
};
let postgresDown = false;

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

  const driver = await connectDriver(base, {
    onAnswer: (status) => {
      if (postgresDown) counts.duringPostgresOutage[status] = (counts.duringPostgresOutage[status] ?? 0) + 1;
    },
  });
  const random = rng(SEED);
  const reviews: Review[] = Array.from({ length: REVIEWS }, (_, i) => aReview(i, `chaos-${SEED}`, random));
  const { submit, drive } = driver;

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
  log(`traffic done: ${driver.counts.calls} calls; checking`);

  const recovering = Date.now();
  const report = await check(reviews, stack.databaseUrl, stack.temporalAddress, { tls });
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
    ...driver.counts,
    ...counts,
    ...report,
    fiveHundreds: driver.fiveHundreds.slice(0, 20),
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
    driver.counts.status500 +
    driver.counts.status503WithoutRetryAfter;
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
