import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

let t: TestApp;
let ids: Map<string, string>;
let unitId: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  const [som] = await t.db.dataSource.query(`SELECT id FROM org_units WHERE code = 'SOM'`);
  // A second HR reviewer in Somatik: the only kind of colleague hr.somatik may hand stages to.
  const [u] = await t.db.dataSource.query(
    `INSERT INTO users (username, display_name) VALUES ('hr.somatik2', 'Mia Ström (HR-partner Somatik)') RETURNING id`,
  );
  await t.db.dataSource.query(
    `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'hr_reviewer', $2)`,
    [u.id, som.id],
  );
  ids = new Map(
    (await t.db.dataSource.query(`SELECT id, username FROM users`)).map(
      (r: { id: string; username: string }) => [r.username, r.id],
    ),
  );
  [{ id: unitId }] = await t.db.dataSource.query(`SELECT id FROM org_units WHERE code = 'SOM-AKUT'`);
  await t.http
    .post('/api/v1/review-periods')
    .set(await auth('admin'))
    .send({
      kind: 'hire',
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
      decisionRef: 'HSN/1895/2025',
      decidedBy: 'HSN',
      decidedOn: '2019-12-01',
    })
    .expect(201);
});
afterAll(() => t?.stop());

const auth = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
const aHire = () => ({
  kind: 'hire',
  unitId,
  occupationalCategory: 'assistant_nurse',
  justification: 'Ersättare för undersköterska',
  title: 'Undersköterska',
  employmentForm: 'substitute',
  fte: 0.75,
  startDate: '2031-06-01',
  endDate: '2031-08-31',
  replacement: true,
  withinBudget: true,
  monthlyCostSek: 31_000,
  alternativesTried: ['redistribution'],
  consequenceIfRejected: 'Arbetsmiljön',
  savingsNote: 'Vakans',
});

describe('out-of-office delegation over HTTP', () => {
  it('lets the delegate decide a stage reassigned to the absent reviewer, recording on whose behalf', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await auth('chef.akuten'))
      .send(aHire())
      .expect(201);
    const id = submitted.body.id;
    await t.http
      .post(`/api/v1/requests/${id}/reassign`)
      .set(await auth('hrchef'))
      .send({ userId: ids.get('hr.somatik') })
      .expect(201);
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await auth('hr.somatik2'))
      .send({ outcome: 'approve' })
      .expect(403);

    const created = await t.http
      .post('/api/v1/delegations')
      .set(await auth('hr.somatik'))
      .send({ delegateId: ids.get('hr.somatik2'), validFrom: today, validTo: '2099-12-31' })
      .expect(201);
    expect(created.body).toMatchObject({
      delegatorId: ids.get('hr.somatik'),
      delegateId: ids.get('hr.somatik2'),
      kind: null,
    });

    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await auth('hr.somatik2'))
      .send({ outcome: 'approve' })
      .expect(201);
    const detail = await t.http
      .get(`/api/v1/requests/${id}`)
      .set(await auth('chef.akuten'))
      .expect(200);
    expect(detail.body.decisions[0]).toMatchObject({
      actorId: ids.get('hr.somatik2'),
      onBehalfOfId: ids.get('hr.somatik'),
    });

    const mine = await t.http
      .get('/api/v1/delegations')
      .set(await auth('hr.somatik2'))
      .expect(200);
    expect(mine.body.map((d: { id: string }) => d.id)).toContain(created.body.id);
    await t.http
      .delete(`/api/v1/delegations/${created.body.id}`)
      .set(await auth('hr.somatik'))
      .expect(204);
    await t.http
      .delete(`/api/v1/delegations/${created.body.id}`)
      .set(await auth('hr.somatik'))
      .expect(404);
  });

  it('refuses a delegate without the role and scope (422), someone else’s staff (403), and bad fields (400)', async () => {
    const noRole = await t.http
      .post('/api/v1/delegations')
      .set(await auth('hr.somatik'))
      .send({ delegateId: ids.get('chef.akuten'), validFrom: today, validTo: today })
      .expect(422);
    expect(noRole.body.errors[0].field).toBe('delegateId');
    await t.http
      .post('/api/v1/delegations')
      .set(await auth('hr.psykiatri'))
      .send({
        delegatorId: ids.get('hr.somatik'),
        delegateId: ids.get('hr.somatik2'),
        validFrom: today,
        validTo: today,
      })
      .expect(403);
    const bad = await t.http
      .post('/api/v1/delegations')
      .set(await auth('hr.somatik'))
      .send({ delegateId: 'nope', validFrom: '2026-13-01' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['delegateId', 'validFrom', 'validTo']),
    );
    await t.http
      .get('/api/v1/delegations')
      .set(await auth('chef.akuten'))
      .expect(403);
    // The HR lead records one for an HR reviewer.
    await t.http
      .post('/api/v1/delegations')
      .set(await auth('hrchef'))
      .send({
        delegatorId: ids.get('hr.somatik'),
        delegateId: ids.get('hr.somatik2'),
        validFrom: today,
        validTo: today,
        kind: 'hire',
      })
      .expect(201);
  });

  it('never chains: the delegate’s own delegate cannot decide for the absent reviewer', async () => {
    const [som] = await t.db.dataSource.query(`SELECT id FROM org_units WHERE code = 'SOM'`);
    const [third] = await t.db.dataSource.query(
      `INSERT INTO users (username, display_name) VALUES ('hr.somatik3', 'Tredje HR-partner') RETURNING id`,
    );
    await t.db.dataSource.query(
      `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'hr_reviewer', $2)`,
      [third.id, som.id],
    );
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await auth('chef.akuten'))
      .send(aHire())
      .expect(201);
    const id = submitted.body.id;
    await t.http
      .post(`/api/v1/requests/${id}/reassign`)
      .set(await auth('hrchef'))
      .send({ userId: ids.get('hr.somatik') })
      .expect(201);
    await t.http
      .post('/api/v1/delegations')
      .set(await auth('hr.somatik'))
      .send({ delegateId: ids.get('hr.somatik2'), validFrom: today, validTo: '2099-12-31' })
      .expect(201);
    await t.http
      .post('/api/v1/delegations')
      .set(await auth('hr.somatik2'))
      .send({ delegateId: third.id, validFrom: today, validTo: '2099-12-31' })
      .expect(201);
    const refused = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await auth('hr.somatik3'))
      .send({ outcome: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/reassigned/);
  });
});
