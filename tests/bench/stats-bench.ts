/**
 * Latency of every statistics endpoint over the history `npm run seed:history` wrote, per filter shape:
 * `npm run bench:stats -- [--iterations 40]`. The real API (Nest, auth, validation, SQL) listens on a local
 * port and is called over HTTP one request at a time (run through scripts/ts-register.cjs: Nest needs the
 * decorator metadata that tsx does not emit); each iteration draws fresh filter values, so no two
 * requests hit the same cache entry. Prints p50/p95/p99 in milliseconds. Not a test: figures go to BENCHMARKS.md.
 */
import { Client, Connection } from '@temporalio/client';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@config/config';
import { OCCUPATIONAL_CATEGORIES } from '@domain/enums';
import { createApi } from '../../apps/api/src/create-api';
import { argument, openBenchDatabase } from './bench-database';
import { percentile } from './load-tools';

const ITERATIONS = Number(argument('iterations', '40'));
const WARMUP = 3;
/** Issue 20's target: p95 of every endpoint and filter over a million requests. */
const CEILING_MS = 150;

async function main() {
  const db = await openBenchDatabase(() => undefined);
  const ds = db.dataSource;
  const [{ requests }] = await ds.query(`SELECT count(*)::int AS requests FROM requests`);
  const config = loadConfig({ ...process.env, DATABASE_URL: db.url, AUTH_MODE: 'dev', LOG_LEVEL: 'error' });
  // The statistics never reach Temporal; a lazy connection that is never used keeps the API whole without one.
  const temporalClient = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = await createApi({ config, dataSource: ds, temporalClient }, false);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`;
  const token = async (username: string) =>
    (
      (await (
        await fetch(`${base}/auth/dev-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username }),
        })
      ).json()) as { token: string }
    ).token;
  const tokens = { hsdir: await token('hsdir'), director: await token('div.somatik') };
  const org: { id: string; level: string; parent_id: string | null; code: string }[] = await ds.query(
    `SELECT id, level, parent_id, code FROM org_units`,
  );
  const divisions = org.filter((o) => o.level === 'division');
  const units = org.filter((o) => o.level === 'unit');
  const somatik = divisions.find((d) => d.code === 'SOM')!;
  const [{ first, last }] = await ds.query(
    `SELECT min(submitted_at)::date::text AS first, max(submitted_at)::date::text AS last FROM requests`,
  );

  const any = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];
  const day = (from: string, to: string) => {
    const a = Date.parse(from);
    return new Date(a + Math.random() * (Date.parse(to) - a)).toISOString().slice(0, 10);
  };
  const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
  const range = (): [string, string] => {
    const a = day(first, last);
    const b = day(first, last);
    return a <= b ? [a, b] : [b, a];
  };
  /** Filter shapes: each returns fresh query parameters per call. */
  const shapes: Record<string, () => Record<string, string>> = {
    'default (last 12 months)': () => ({}),
    'all three years': () => ({ from: first, to: last }),
    'whole months, random': () => {
      const [a, b] = range();
      const from = monthStart(a);
      // The day before b's month: the last whole month; at least the month that `from` opens.
      const before = new Date(Date.parse(monthStart(b)) - 86_400_000).toISOString().slice(0, 10);
      const to =
        before >= from
          ? before
          : new Date(Date.UTC(+from.slice(0, 4), +from.slice(5, 7), 0)).toISOString().slice(0, 10);
      return { from, to };
    },
    'any days (raw edges)': () => {
      const [from, to] = range();
      return { from, to };
    },
    kind: () => ({ from: first, to: last, kind: any(['hire', 'agency_call_off']) }),
    division: () => ({ from: first, to: last, divisionId: any(divisions).id }),
    unit: () => ({ from: first, to: last, unitId: any(units).id }),
    category: () => ({ from: first, to: last, category: any(OCCUPATIONAL_CATEGORIES) }),
    'all filters, any days': () => {
      const unit = any(units);
      const [from, to] = range();
      return {
        from,
        to,
        kind: any(['hire', 'agency_call_off']),
        divisionId: unit.parent_id!,
        unitId: unit.id,
        category: any(['nurse', 'physician', 'assistant_nurse']),
      };
    },
  };
  const endpoints: Record<string, string> = {
    summary: 'stats/summary',
    'timeseries month': 'stats/timeseries?interval=month',
    'timeseries week': 'stats/timeseries?interval=week',
    'breakdown division': 'stats/breakdown?by=division',
    'breakdown unit': 'stats/breakdown?by=unit',
    'breakdown category': 'stats/breakdown?by=category',
    'breakdown stage': 'stats/breakdown?by=stage',
    'export.csv': 'stats/export.csv?by=division',
  };

  console.log(
    `statistics benchmark: ${requests} requests (${first} .. ${last}), ${ITERATIONS} calls per row after ${WARMUP} warm-up`,
  );
  console.log('| endpoint | filter | p50 ms | p95 ms | p99 ms | max ms |');
  console.log('|---|---|---:|---:|---:|---:|');
  let worst = { p95: 0, row: '' };
  let over = 0;
  const run = async (endpoint: string, shape: string, params: () => Record<string, string>, as: string) => {
    const times: number[] = [];
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const path = endpoints[endpoint];
      const query = new URLSearchParams(params()).toString();
      const url = `${base}/${path}${query ? (path.includes('?') ? '&' : '?') + query : ''}`;
      const t0 = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${as}` } });
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      if (i >= WARMUP) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => percentile(times, p);
    const row = `| ${endpoint} | ${shape} | ${q(0.5).toFixed(1)} | ${q(0.95).toFixed(1)} | ${q(0.99).toFixed(1)} | ${times[times.length - 1].toFixed(1)} |`;
    console.log(row);
    if (q(0.95) > worst.p95) worst = { p95: q(0.95), row };
    if (q(0.95) > CEILING_MS) over++;
  };
  for (const endpoint of Object.keys(endpoints))
    for (const [shape, params] of Object.entries(shapes)) {
      // A weekly series over three years is 157 points; the UI asks for weeks over a quarter or a year.
      if (endpoint === 'timeseries week' && shape === 'all three years') continue;
      await run(endpoint, shape, params, tokens.hsdir);
    }
  for (const endpoint of ['summary', 'breakdown unit'])
    await run(
      endpoint,
      'director (own division), all years',
      () => ({ from: first, to: last, divisionId: somatik.id }),
      tokens.director,
    );
  console.log(`worst p95: ${worst.p95.toFixed(1)} ms  ${worst.row}`);
  console.log(`ceiling: p95 ≤ ${CEILING_MS} ms on every row; ${over} row(s) above it`);
  await app.close();
  await db.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
