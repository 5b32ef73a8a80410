import { startTestApp, type TestApp } from '../support/app';
import { aReviewPeriodBody, bearer, openReviewPeriod } from '../support/http-fixtures';

jest.setTimeout(120_000);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

/** The board's decision every period here records; the listing below names its reference. */
const DECISION = { decisionRef: 'HSN/1895/2025 §42', decidedOn: '2026-03-19' };

describe('review periods over HTTP', () => {
  it('records a period, starts its watch, and an extension stops the watch and starts its own', async () => {
    // A period still ahead: the watch of one already over has nothing to wait for and ends before any extension.
    const created = await openReviewPeriod(t, 'agency_call_off', '2030-04-01', '2030-06-30', DECISION);
    expect(created.status).toBe(201);
    const watch = t.client.workflow.getHandle(`period-watch-${created.body.id}`);
    expect((await watch.describe()).status.name).toBe('RUNNING');

    const extension = await t.http
      .post(`/api/v1/review-periods/${created.body.id}/extensions`)
      .set(await bearer(t, 'admin'))
      .send({ validTo: '2030-09-30', decisionRef: 'HSN/2110/2026', decidedOn: '2026-06-10' })
      .expect(201);
    expect(extension.body).toMatchObject({
      kind: 'agency_call_off',
      validFrom: '2030-07-01',
      validTo: '2030-09-30',
      extendsId: created.body.id,
    });
    expect(await watch.result()).toMatchObject({ extendedBy: extension.body.id });
    const next = await t.client.workflow.getHandle(`period-watch-${extension.body.id}`).describe();
    expect(next.status.name).not.toBe('FAILED');

    const list = await t.http
      .get('/api/v1/review-periods?kind=agency_call_off')
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(list.body.items.map((p: { decisionRef: string }) => p.decisionRef)).toEqual([
      'HSN/1895/2025 §42',
      'HSN/2110/2026',
    ]);
  });

  it('answers a repeated identical creation with the same period, not a conflict', async () => {
    const a = await openReviewPeriod(t, 'hire', '2027-01-01', '2027-03-31', DECISION);
    expect(a.status).toBe(201);
    const b = await openReviewPeriod(t, 'hire', '2027-01-01', '2027-03-31', DECISION);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
  });

  it('refuses a second extension of one period, an extension ending too early, and non-admins', async () => {
    const base = await openReviewPeriod(t, 'hire', '2028-01-01', '2028-03-31', DECISION);
    expect(base.status).toBe(201);
    const early = await t.http
      .post(`/api/v1/review-periods/${base.body.id}/extensions`)
      .set(await bearer(t, 'admin'))
      .send({ validTo: '2028-03-15', decisionRef: 'X', decidedOn: '2028-03-01' })
      .expect(400);
    expect(early.body.errors[0].field).toBe('validTo');
    await t.http
      .post(`/api/v1/review-periods/${base.body.id}/extensions`)
      .set(await bearer(t, 'admin'))
      .send({ validTo: '2028-06-30', decisionRef: 'HSN/1/2028', decidedOn: '2028-03-01' })
      .expect(201);
    await t.http
      .post(`/api/v1/review-periods/${base.body.id}/extensions`)
      .set(await bearer(t, 'admin'))
      .send({ validTo: '2028-12-31', decisionRef: 'HSN/2/2028', decidedOn: '2028-03-02' })
      .expect(409);
    await t.http
      .post('/api/v1/review-periods')
      .set(await bearer(t, 'hsdir'))
      .send(aReviewPeriodBody('agency_call_off', '2029-01-01', '2029-02-01', DECISION))
      .expect(403);
    await t.http
      .post('/api/v1/review-periods/00000000-0000-0000-0000-000000000000/extensions')
      .set(await bearer(t, 'admin'))
      .send({ validTo: '2028-06-30', decisionRef: 'X', decidedOn: '2028-03-01' })
      .expect(404);
    const bad = await t.http
      .post('/api/v1/review-periods')
      .set(await bearer(t, 'admin'))
      .send({ kind: 'holiday' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['kind', 'validFrom', 'validTo', 'decisionRef', 'decidedBy', 'decidedOn']),
    );
  });

  it('pages the register in the envelope every list has: the total on each page, the page size capped at 100', async () => {
    const first = await t.http
      .get('/api/v1/review-periods?pageSize=1')
      .set(await bearer(t, 'admin'))
      .expect(200);
    const total = first.body.total;
    expect(first.body.items).toHaveLength(1);
    expect(total).toBeGreaterThanOrEqual(2);
    const second = await t.http
      .get('/api/v1/review-periods?pageSize=1&page=2')
      .set(await bearer(t, 'admin'))
      .expect(200);
    expect(second.body).toMatchObject({ page: 2, pageSize: 1, total });
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    await t.http
      .get('/api/v1/review-periods?pageSize=101')
      .set(await bearer(t, 'admin'))
      .expect(400);
    await t.http
      .get('/api/v1/delegations?page=0')
      .set(await bearer(t, 'admin'))
      .expect(400);
    const inbox = await t.http
      .get('/api/v1/inbox?pageSize=5')
      .set(await bearer(t, 'hr.somatik'))
      .expect(200);
    expect(inbox.body).toMatchObject({ page: 1, pageSize: 5 });
  });
});
