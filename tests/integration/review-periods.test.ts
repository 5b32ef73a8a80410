import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

const auth = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
const aPeriod = (overrides: Record<string, unknown> = {}) => ({
  kind: 'agency_call_off',
  validFrom: '2026-04-01',
  validTo: '2026-06-30',
  decisionRef: 'HSN/1895/2025 §42',
  decidedBy: 'Hälso- och sjukvårdsnämnden',
  decidedOn: '2026-03-19',
  ...overrides,
});

describe('review periods over HTTP', () => {
  it('records a period, starts its watch, and an extension stops the watch and starts its own', async () => {
    const created = await t.http
      .post('/api/v1/review-periods')
      .set(await auth('admin'))
      .send(aPeriod())
      .expect(201);
    const watch = t.client.workflow.getHandle(`period-watch-${created.body.id}`);
    expect((await watch.describe()).status.name).toBe('RUNNING');

    const extension = await t.http
      .post(`/api/v1/review-periods/${created.body.id}/extensions`)
      .set(await auth('admin'))
      .send({ validTo: '2026-09-30', decisionRef: 'HSN/2110/2026', decidedOn: '2026-06-10' })
      .expect(201);
    expect(extension.body).toMatchObject({
      kind: 'agency_call_off',
      validFrom: '2026-07-01',
      validTo: '2026-09-30',
      extendsId: created.body.id,
    });
    expect(await watch.result()).toMatchObject({ extendedBy: extension.body.id });
    const next = await t.client.workflow.getHandle(`period-watch-${extension.body.id}`).describe();
    expect(next.status.name).not.toBe('FAILED');

    const list = await t.http
      .get('/api/v1/review-periods?kind=agency_call_off')
      .set(await auth('chef.akuten'))
      .expect(200);
    expect(list.body.map((p: { decisionRef: string }) => p.decisionRef)).toEqual([
      'HSN/1895/2025 §42',
      'HSN/2110/2026',
    ]);
  });

  it('answers a repeated identical creation with the same period, not a conflict', async () => {
    const body = aPeriod({ kind: 'hire', validFrom: '2027-01-01', validTo: '2027-03-31' });
    const a = await t.http
      .post('/api/v1/review-periods')
      .set(await auth('admin'))
      .send(body)
      .expect(201);
    const b = await t.http
      .post('/api/v1/review-periods')
      .set(await auth('admin'))
      .send(body)
      .expect(201);
    expect(b.body.id).toBe(a.body.id);
  });

  it('refuses a second extension of one period, an extension ending too early, and non-admins', async () => {
    const base = await t.http
      .post('/api/v1/review-periods')
      .set(await auth('admin'))
      .send(aPeriod({ kind: 'hire', validFrom: '2028-01-01', validTo: '2028-03-31' }))
      .expect(201);
    const early = await t.http
      .post(`/api/v1/review-periods/${base.body.id}/extensions`)
      .set(await auth('admin'))
      .send({ validTo: '2028-03-15', decisionRef: 'X', decidedOn: '2028-03-01' })
      .expect(400);
    expect(early.body.errors[0].field).toBe('validTo');
    await t.http
      .post(`/api/v1/review-periods/${base.body.id}/extensions`)
      .set(await auth('admin'))
      .send({ validTo: '2028-06-30', decisionRef: 'HSN/1/2028', decidedOn: '2028-03-01' })
      .expect(201);
    await t.http
      .post(`/api/v1/review-periods/${base.body.id}/extensions`)
      .set(await auth('admin'))
      .send({ validTo: '2028-12-31', decisionRef: 'HSN/2/2028', decidedOn: '2028-03-02' })
      .expect(409);
    await t.http
      .post('/api/v1/review-periods')
      .set(await auth('hsdir'))
      .send(aPeriod({ validFrom: '2029-01-01', validTo: '2029-02-01' }))
      .expect(403);
    await t.http
      .post('/api/v1/review-periods/00000000-0000-0000-0000-000000000000/extensions')
      .set(await auth('admin'))
      .send({ validTo: '2028-06-30', decisionRef: 'X', decidedOn: '2028-03-01' })
      .expect(404);
    const bad = await t.http
      .post('/api/v1/review-periods')
      .set(await auth('admin'))
      .send({ kind: 'holiday' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['kind', 'validFrom', 'validTo', 'decisionRef', 'decidedBy', 'decidedOn']),
    );
  });
});
