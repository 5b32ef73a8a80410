import { startTestApp, type TestApp } from '../support/app';
import { aCallOffBody, aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

let t: TestApp;
let units: Map<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  units = await unitIdsByCode(t);
  for (const kind of ['hire', 'agency_call_off']) {
    expect((await openReviewPeriod(t, kind)).status).toBe(201);
  }
});
afterAll(() => t?.stop());

describe('the inbox', () => {
  it('lists the open stages a reviewer may decide, earliest deadline first, and nothing outside their scope', async () => {
    const hire = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(units.get('SOM-AKUT')!))
      .expect(201);
    const urgent = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aCallOffBody(units.get('SOM-AKUT')!, { urgent: true }))
      .expect(201);
    const psyk = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.psyk'))
      .send(aHireBody(units.get('PSY-VUX')!))
      .expect(201);

    const som = await t.http
      .get('/api/v1/inbox')
      .set(await bearer(t, 'hr.somatik'))
      .expect(200);
    const ids = som.body.items.map((i: { requestId: string }) => i.requestId);
    expect(ids).toEqual(expect.arrayContaining([hire.body.id, urgent.body.id]));
    expect(ids).not.toContain(psyk.body.id);
    // The urgent call-off is due in hours, the hire in days: it comes first.
    expect(ids.indexOf(urgent.body.id)).toBeLessThan(ids.indexOf(hire.body.id));
    const item = som.body.items.find((i: { requestId: string }) => i.requestId === urgent.body.id);
    expect(item).toMatchObject({
      stage: 'staffing_review',
      mode: 'deciding',
      overdue: false,
      escalationLevel: 0,
      delegated: false,
      urgent: true,
    });
    const dues = som.body.items.map((i: { dueAt: string }) => Date.parse(i.dueAt));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);

    const psy = await t.http
      .get('/api/v1/inbox')
      .set(await bearer(t, 'hr.psykiatri'))
      .expect(200);
    expect(psy.body.items.map((i: { requestId: string }) => i.requestId)).toEqual([psyk.body.id]);
    // Not yet escalated: the HR lead and the directors have nothing at HR review.
    const lead = await t.http
      .get('/api/v1/inbox')
      .set(await bearer(t, 'hrchef'))
      .expect(200);
    expect(lead.body.items).toEqual([]);
    const filtered = await t.http
      .get('/api/v1/inbox?kind=hire')
      .set(await bearer(t, 'hr.somatik'))
      .expect(200);
    expect(filtered.body.items.every((i: { kind: string }) => i.kind === 'hire')).toBe(true);
    await t.http
      .get('/api/v1/inbox?kind=x')
      .set(await bearer(t, 'hr.somatik'))
      .expect(400);
    await t.http
      .get('/api/v1/inbox')
      .set(await bearer(t, 'chef.akuten'))
      .expect(403);

    // Once decided, it moves to the director's inbox.
    await t.http
      .post(`/api/v1/requests/${hire.body.id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    const after = await t.http
      .get('/api/v1/inbox')
      .set(await bearer(t, 'hr.somatik'))
      .expect(200);
    expect(after.body.items.map((i: { requestId: string }) => i.requestId)).not.toContain(hire.body.id);
    const director = await t.http
      .get('/api/v1/inbox')
      .set(await bearer(t, 'div.somatik'))
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
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(units.get('SOM-AKUT')!))
      .expect(201);
    await t.http
      .post(`/api/v1/requests/${hire.body.id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'return', comment: 'Vilka alternativ har prövats?' })
      .expect(201);
    const list = await t.http
      .get('/api/v1/notifications?unread=true')
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    const mine = list.body.items.find((n: { requestId: string }) => n.requestId === hire.body.id);
    expect(mine).toMatchObject({ type: 'decision_return', readAt: null });
    const read = await t.http
      .post(`/api/v1/notifications/${mine.id}/read`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(201);
    expect(read.body).toMatchObject({ id: mine.id, type: 'decision_return', readAt: expect.any(String) });
    await t.http
      .post(`/api/v1/notifications/${mine.id}/read`)
      .set(await bearer(t, 'hr.somatik'))
      .expect(404);
  });
});

describe('concurrency', () => {
  it('makes one request of 20 parallel submissions with one Idempotency-Key', async () => {
    const headers = { ...(await bearer(t, 'chef.akuten')), 'Idempotency-Key': 'parallel-20' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http
          .post('/api/v1/requests')
          .set(headers)
          .send(aHireBody(units.get('SOM-AKUT')!)),
      ),
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
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(units.get('SOM-AKUT')!))
      .expect(201);
    const outcomes = ['approve', 'reject', 'return', 'approve_with_conditions'];
    const answers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        t.http
          .post(`/api/v1/requests/${hire.body.id}/decisions`)
          .set(await bearer(t, 'hr.somatik'))
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

  it('answers a retried decision with the same Idempotency-Key with the first decision, also after the review ended', async () => {
    const hire = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(units.get('SOM-AKUT')!));
    const id = hire.body.id;
    const headers = { ...(await bearer(t, 'hr.somatik')), 'Idempotency-Key': 'decide-once' };
    const first = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(headers)
      .send({ outcome: 'reject', comment: 'Nej' });
    expect(first.status).toBe(201);
    const retry = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(headers)
      .send({ outcome: 'reject', comment: 'Nej' });
    expect(retry.status).toBe(201);
    expect(retry.body.decisionId).toBe(first.body.decisionId);
    expect(retry.body.status).toBe('rejected');
    const [{ count }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS count FROM decisions WHERE request_id = $1`,
      [id],
    );
    expect(count).toBe(1);
  });
});
