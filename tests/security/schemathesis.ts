import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@local/ports';
import { againstStack, appProcess } from '../chaos/app-processes';
import { startStack } from '../chaos/stack';
import { aCallOffBody, aHireBody, aReviewPeriodBody } from '../support/http-fixtures';

/**
 * `npm run test:schemathesis [-- --max-examples N]`: schemathesis generates hostile and valid calls to every
 * operation of /api/docs-json, once signed in as each role, against the real API and worker on a fresh database.
 * Fails on any 5xx, any response that does not match its documented schema, status or content type.
 */
const ROOT = resolve(__dirname, '../..');
const BIN = process.env.SCHEMATHESIS_BIN ?? join(ROOT, '.data/schemathesis-venv/bin/schemathesis');
const ROLES = ['chef.akuten', 'hr.somatik', 'hrchef', 'div.somatik', 'hsdir', 'admin'];
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const log = (m: string) => process.stderr.write(`[schemathesis] ${m}\n`);

async function main() {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run scripts/install-schemathesis.sh`);
  const maxExamples = arg('max-examples', '25');
  const stack = await startStack('schemathesis', log);
  const port = await freePort();
  const env = againstStack(stack, { PORT: String(port) });
  const api = appProcess('api', env);
  const worker = appProcess('worker', env);
  const results: { role: string; status: number | null }[] = [];
  try {
    await Promise.all([api.start(), worker.start()]);
    const base = `http://127.0.0.1:${port}`;
    const post = async (path: string, token: string, body: unknown) =>
      fetch(`${base}/api/v1${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const tokens = new Map<string, string>();
    for (const user of ROLES) {
      const res = await fetch(`${base}/api/v1/auth/dev-login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: user }),
      });
      tokens.set(user, ((await res.json()) as { token: string }).token);
    }
    // Some state to find: periods for both kinds and requests in review, so not every call is a 404.
    for (const kind of ['hire', 'agency_call_off'])
      await post('/review-periods', tokens.get('admin')!, aReviewPeriodBody(kind));
    const units = (await (
      await fetch(`${base}/api/v1/org/units`, { headers: { Authorization: `Bearer ${tokens.get('admin')}` } })
    ).json()) as { units: { id: string; code: string }[] }[];
    const unitId = units.flatMap((d) => d.units).find((u) => u.code === 'SOM-AKUT')!.id;
    for (const body of [aHireBody(unitId), aCallOffBody(unitId)])
      await post('/requests', tokens.get('chef.akuten')!, body);

    const reports = join(ROOT, '.data/schemathesis/reports');
    mkdirSync(reports, { recursive: true });
    for (const role of ROLES) {
      log(`run as ${role}, ${maxExamples} examples an operation`);
      const run = spawnSync(
        BIN,
        [
          'run',
          `${base}/api/docs-json`,
          '--url',
          base,
          '-H',
          `Authorization: Bearer ${tokens.get(role)}`,
          '--checks',
          'not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance',
          '--max-examples',
          maxExamples,
          '--seed',
          arg('seed', '20261123'),
          // One worker thread: with two, hypothesis parses lambda sources in both threads at once, and the machine's
          // CPython 3.11.7 can fail that with "AST constructor recursion depth mismatch" (a race in its AST constructor), a
          // crash of the tool reported as a failed run.
          '--workers',
          '1',
          '--report',
          'junit',
          '--report-junit-path',
          join(reports, `${role}.xml`),
        ],
        // Its cache (.schemathesis/) goes where it runs: under .data, not into the checkout.
        { stdio: 'inherit', cwd: join(ROOT, '.data/schemathesis'), env: { ...process.env, NO_COLOR: '1' } },
      );
      results.push({ role, status: run.status });
    }
  } finally {
    await Promise.allSettled([api.stop(), worker.stop()]);
    await stack.stop();
  }
  for (const r of results) log(`${r.role}: ${r.status === 0 ? 'passed' : `FAILED (exit ${r.status})`}`);
  if (results.some((r) => r.status !== 0)) process.exit(1);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
