import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

let t: TestApp;
let units: Map<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  const rows = await t.db.dataSource.query(`SELECT id, code FROM org_units`);
  units = new Map(rows.map((r: { id: string; code: string }) => [r.code, r.id]));
  for (const kind of ['hire', 'agency_call_off']) {
    await t.http
      .post('/api/v1/review-periods')
      .set(await auth('admin'))
      .send({
        kind,
        validFrom: '2020-01-01',
        validTo: '2099-12-31',
        decisionRef: 'HSN/1895/2025',
        decidedBy: 'HSN',
        decidedOn: '2019-12-01',
      })
      .expect(201);
  }
});
afterAll(() => t?.stop());

const auth = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
const aHire = (unit = 'SOM-AKUT', overrides: Record<string, unknown> = {}) => ({
  kind: 'hire',
  unitId: units.get(unit),
  occupationalCategory: 'nurse',
  justification: 'Ersättningsrekrytering',
  title: 'Sjuksköterska',
  employmentForm: 'permanent',
  fte: 1,
  startDate: '2031-03-01',
  replacement: true,
  withinBudget: true,
  monthlyCostSek: 50_000,
  alternativesTried: [],
  consequenceIfRejected: 'Patientsäkerhet',
  savingsNote: 'Inom ram',
  ...overrides,
});
const anUrgentCallOff = () => ({
  kind: 'agency_call_off',
  unitId: units.get('SOM-AKUT'),
  occupationalCategory: 'physician',
  justification: 'Akut läkarbrist helgen',
  supplier: 'Läkarbemanning AB',
  frameworkAgreement: 'RA-2024-17',
  periodFrom: '2031-01-10',
  periodTo: '2031-01-12',
  extentHours: 48,
  estimatedCostSek: 120_000,
  reason: 'sick_leave',
  alternativesTried: ['internal_pool', 'overtime'],
  urgent: true,
});

describe('the inbox', () => {
  it('lists the open stages a reviewer may decide, earliest deadline first, and nothing outside their scope', async () => {
    const hire = await t.http
      .post('/api/v1/requests')
      .set(await auth('chef.akuten'))
      .send(aHire())
      .expect(201);
    const urgent = await t.http
      .post('/api/v1/requests')
      .set(await auth('chef.akuten'))
      .send(anUrgentCallOff())
      .expect(201);
    const psyk = await t.http
      .post('/api/v1/requests')
      .set(await auth('chef.psyk'))
      .send(aHire('PSY-VUX'))
      .expect(201);

    const som = await t.http
      .get('/api/v1/inbox')
      .set(await auth('hr.somatik'))
      .expect(200);
    const ids = som.body.items.map((i: { requestId: string }) => i.requestId);
    expect(ids).toEqual(expect.arrayContaining([hire.body.id, urgent.body.id]));
    expect(ids).not.toContain(psyk.body.id);
    // The urgent call-off is due in hours, the hire in days: it comes first.
    expect(ids.indexOf(urgent.body.id)).toBeLessThan(ids.indexOf(hire.body.id));
    const item = som.body.items.find((i: { requestId: string }) => i.requestId === urgent.body.id);
    expect(item).toMatchObject({
      stage: 'staffing_review',
      overdue: false,
      escalationLevel: 0,
      delegated: false,
      urgent: true,
    });
    const dues = som.body.items.map((i: { dueAt: string }) => Date.parse(i.dueAt));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);

    const psy = await t.http
      .get('/api/v1/inbox')
      .set(await auth('hr.psykiatri'))
      .expect(200);
    expect(psy.body.items.map((i: { requestId: string }) => i.requestId)).toEqual([psyk.body.id]);
    // Not yet escalated: the HR lead and the directors have nothing at HR review.
    const lead = await t.http
      .get('/api/v1/inbox')
      .set(await auth('hrchef'))
      .expect(200);
    expect(lead.body.items).toEqual([]);
    const filtered = await t.http
      .get('/api/v1/inbox?kind=hire')
      .set(await auth('hr.somatik'))
      .expect(200);
    expect(filtered.body.items.every((i: { kind: string }) => i.kind === 'hire')).toBe(true);
    await t.http
      .get('/api/v1/inbox?kind=x')
      .set(await auth('hr.somatik'))
      .expect(400);
    await t.http
      .get('/api/v1/inbox')
      .set(await auth('chef.akuten'))
      .expect(403);

    // Once decided, it moves to the director's inbox.
    await t.http
      .post(`/api/v1/requests/${hire.body.id}/decisions`)
      .set(await auth('hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    const after = await t.http
      .get('/api/v1/inbox')
      .set(await auth('hr.somatik'))
      .expect(200);
    expect(after.body.items.map((i: { requestId: string }) => i.requestId)).not.toContain(hire.body.id);
    const director = await t.http
      .get('/api/v1/inbox')
      .set(await auth('div.somatik'))
      .expect(200);
    expect(
      director.body.items.map((i: { requestId: string; stage: string }) => [i.requestId, i.stage]),
    ).toContainEqual([hire.body.id, 'director_decision']);
  });
});

describe('notifications', () => {
  it('shows the requester the decision on their request and lets them mark it read', async () => {
    const hire = await t.http
      .post('/api/v1/requests')
      .set(await auth('chef.akuten'))
      .send(aHire())
      .expect(201);
    await t.http
      .post(`/api/v1/requests/${hire.body.id}/decisions`)
      .set(await auth('hr.somatik'))
      .send({ outcome: 'return', comment: 'Vilka alternativ har prövats?' })
      .expect(201);
    const list = await t.http
      .get('/api/v1/notifications?unread=true')
      .set(await auth('chef.akuten'))
      .expect(200);
    const mine = list.body.items.find((n: { requestId: string }) => n.requestId === hire.body.id);
    expect(mine).toMatchObject({ type: 'decision_return', readAt: null });
    const read = await t.http
      .post(`/api/v1/notifications/${mine.id}/read`)
      .set(await auth('chef.akuten'))
      .expect(201);
    expect(read.body).toMatchObject({ id: mine.id, type: 'decision_return', readAt: expect.any(String) });
    await t.http
      .post(`/api/v1/notifications/${mine.id}/read`)
      .set(await auth('hr.somatik'))
      .expect(404);
  });
});

describe('concurrency', () => {
  it('makes one request of 20 parallel submissions with one Idempotency-Key', async () => {
    const headers = { ...(await auth('chef.akuten')), 'Idempotency-Key': 'parallel-20' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.http.post('/api/v1/requests').set(headers).send(aHire())),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const [{ count }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS count FROM requests WHERE idempotency_key = 'parallel-20'`,
    );
    expect(count).toBe(1);
  });

  it('lets one of 10 parallel conflicting decisions on one stage through and answers the rest 409', async () => {
    const hire = await t.http
      .post('/api/v1/requests')
      .set(await auth('chef.akuten'))
      .send(aHire())
      .expect(201);
    const outcomes = ['approve', 'reject', 'return', 'approve_with_conditions'];
    const answers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        t.http
          .post(`/api/v1/requests/${hire.body.id}/decisions`)
          .set(await auth('hr.somatik'))
          .send({ stage: 'hr_review', outcome: outcomes[i % 4], comment: 'Beslut', conditions: 'Villkor' }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const [{ count }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS count FROM decisions WHERE request_id = $1`,
      [hire.body.id],
    );
    expect(count).toBe(1);
  });
});
