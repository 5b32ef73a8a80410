import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { seedDemoOrganisation } from '@local/demo-organisation';
import { freePort } from '@local/ports';
import { appProcess, type AppProcess } from '../chaos/app-processes';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { aHireBody, aReviewPeriodBody } from '../support/http-fixtures';

jest.setTimeout(300_000);

/**
 * The production API and worker as processes at LOG_LEVEL=debug, through a whole review with secrets and personal
 * identity numbers in play; then everything they printed is searched for them. A log line is read by more people
 * than the record it describes, so neither may appear there.
 */
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const DEV_SECRET = `dev-secret-${randomBytes(16).toString('hex')}`;
/** Valid Swedish personal identity numbers (Luhn), in the forms people write them. */
const PERSONAL_NUMBERS = ['19121212-1212', '198112289874', '811228-9874'];

let db: TestDatabase;
let role: string;
let api: AppProcess;
let worker: AppProcess;
let base: string;
const tokens: string[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
  await seedDemoOrganisation(db.dataSource);
  // A role of its own, so the password is one nothing else prints by accident and the scan means something.
  role = `scan_${randomUUID().slice(0, 8)}`;
  await db.dataSource.query(`CREATE ROLE ${role} LOGIN PASSWORD '${PASSWORD}'`);
  for (const grant of [
    `GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `GRANT USAGE ON SCHEMA public TO ${role}`,
  ])
    await db.dataSource.query(grant);
  const url = new URL(db.url);
  url.username = role;
  url.password = PASSWORD;
  const port = await freePort();
  const env = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'debug',
    DATABASE_URL: url.toString(),
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS!,
    TEMPORAL_TASK_QUEUE: `review-logscan-${randomUUID()}`,
    AUTH_DEV_SECRET: DEV_SECRET,
    RUN_MIGRATIONS: 'false',
    SEED_DEMO: 'false',
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  api = appProcess('api', env);
  worker = appProcess('worker', env);
  await Promise.all([api.start(), worker.start()]);
  base = `http://127.0.0.1:${port}/api/v1`;
});
afterAll(async () => {
  await Promise.allSettled([api?.stop(), worker?.stop()]);
  if (db) {
    const admin = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
    await db.stop();
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await admin.end();
  }
});

async function call(method: string, path: string, token?: string, body?: unknown, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function login(username: string) {
  const res = await call('POST', '/auth/dev-login', undefined, { username });
  expect(res.status).toBe(200);
  tokens.push(res.body.token);
  return res.body.token as string;
}

function luhnValid(digits: string): boolean {
  const ten = digits.slice(-10);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

describe('the logs of a whole review', () => {
  it('hold no token, secret, database password or personal identity number', async () => {
    const [admin, chef, hr, director] = await Promise.all(
      ['admin', 'chef.akuten', 'hr.somatik', 'div.somatik'].map(login),
    );
    expect((await call('POST', '/review-periods', admin, aReviewPeriodBody('hire'))).status).toBe(201);
    const units = (await call('GET', '/org/units', chef)).body as {
      code: string;
      units: { id: string; code: string }[];
    }[];
    const unitId = units.flatMap((d) => d.units).find((u) => u.code === 'SOM-AKUT')!.id;
    const [pnr1, pnr2, pnr3] = PERSONAL_NUMBERS;
    const submitted = await call(
      'POST',
      '/requests',
      chef,
      aHireBody(unitId, { justification: `Ersätter ${pnr1} som slutat`, title: `Tjänst efter ${pnr2}` }),
      { 'Idempotency-Key': `logscan-${pnr3}` },
    );
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    expect(
      (await call('POST', `/requests/${id}/decisions`, hr, { outcome: 'return', comment: `Fråga ${pnr1}` }))
        .status,
    ).toBe(201);
    expect(
      (await call('POST', `/requests/${id}/resubmit`, chef, { comment: `Kompletterat för ${pnr2}` })).status,
    ).toBe(201);
    expect((await call('POST', `/requests/${id}/decisions`, hr, { outcome: 'approve' })).status).toBe(201);
    const final = await call('POST', `/requests/${id}/decisions`, director, {
      outcome: 'approve_with_conditions',
      conditions: `Gäller ${pnr3}`,
    });
    expect(final.status).toBe(201);
    expect((await call('GET', `/requests/${id}`, chef)).body.justification).toContain(pnr1);
    expect((await call('GET', `/requests/${id}/timeline`, chef)).status).toBe(200);
    // Refusals are logged at warn: a forged token, a personal number as a user name, a bad body.
    expect((await call('GET', '/me', `${chef.slice(0, -4)}AAAA`)).status).toBe(401);
    expect((await call('POST', '/auth/dev-login', undefined, { username: pnr1 })).status).toBe(422);
    expect((await call('POST', '/requests', chef, { kind: 'hire', justification: pnr2 })).status).toBe(400);

    await Promise.all([api.stop(), worker.stop()]);
    const logs = api.output() + worker.output();
    // The scan only means something if the run was logged: every HTTP call is a JSON line.
    expect(logs.match(/"url":"\/api\/v1\/requests/g)?.length ?? 0).toBeGreaterThanOrEqual(6);
    expect(logs).toMatch(/polling task queue/);

    const secrets: [string, string][] = [
      ['database password', PASSWORD],
      ['AUTH_DEV_SECRET', DEV_SECRET],
      ...tokens.flatMap((token, i): [string, string][] => [
        [`token ${i}`, token],
        [`signature of token ${i}`, token.split('.')[2]],
      ]),
      ...PERSONAL_NUMBERS.map((p): [string, string] => [`personal number ${p}`, p]),
    ];
    expect(secrets.filter(([, s]) => logs.includes(s)).map(([name]) => name)).toEqual([]);
    // Any other number shaped like a personal identity number that passes its check digit.
    const shaped = [...logs.matchAll(/(?<![\d-])(?:19|20)?\d{6}[-+]?\d{4}(?![\d-])/g)]
      .map((m) => m[0])
      .filter((m) => luhnValid(m.replace(/\D/g, '')));
    expect(shaped).toEqual([]);
  });
});
