import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

let t: TestApp;
let ids: Map<string, string>;
let units: Map<string, string>;
let unitId: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  units = await unitIdsByCode(t);
  unitId = units.get('SOM-AKUT')!;
  // A second HR reviewer in Somatik: the only kind of colleague hr.somatik may hand stages to.
  const [u] = await t.db.dataSource.query(
    `INSERT INTO users (username, display_name) VALUES ('hr.somatik2', 'Mia Ström (HR-partner Somatik)') RETURNING id`,
  );
  await t.db.dataSource.query(
    `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'hr_reviewer', $2)`,
    [u.id, units.get('SOM')],
  );
  ids = new Map(
    (await t.db.dataSource.query(`SELECT id, username FROM users`)).map(
      (r: { id: string; username: string }) => [r.username, r.id],
    ),
  );
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
});
afterAll(() => t?.stop());

describe('out-of-office delegation over HTTP', () => {
  it('lets the delegate decide a stage reassigned to the absent reviewer, recording on whose behalf', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    const id = submitted.body.id;
    await t.http
      .post(`/api/v1/requests/${id}/reassign`)
      .set(await bearer(t, 'hrchef'))
      .send({ userId: ids.get('hr.somatik') })
      .expect(201);
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik2'))
      .send({ outcome: 'approve' })
      .expect(403);

    const created = await t.http
      .post('/api/v1/delegations')
      .set(await bearer(t, 'hr.somatik'))
      .send({ delegateId: ids.get('hr.somatik2'), validFrom: today, validTo: '2099-12-31' })
      .expect(201);
    expect(created.body).toMatchObject({
      delegatorId: ids.get('hr.somatik'),
      delegateId: ids.get('hr.somatik2'),
      kind: null,
    });

    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik2'))
      .send({ outcome: 'approve' })
      .expect(201);
    const detail = await t.http
      .get(`/api/v1/requests/${id}`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(detail.body.decisions[0]).toMatchObject({
      actorId: ids.get('hr.somatik2'),
      onBehalfOfId: ids.get('hr.somatik'),
    });

    const mine = await t.http
      .get('/api/v1/delegations')
      .set(await bearer(t, 'hr.somatik2'))
      .expect(200);
    expect(mine.body.items.map((d: { id: string }) => d.id)).toContain(created.body.id);
    await t.http
      .delete(`/api/v1/delegations/${created.body.id}`)
      .set(await bearer(t, 'hr.somatik'))
      .expect(204);
    await t.http
      .delete(`/api/v1/delegations/${created.body.id}`)
      .set(await bearer(t, 'hr.somatik'))
      .expect(404);
  });

  it('refuses a delegate without the role and scope (422), someone else’s staff (403), and bad fields (400)', async () => {
    const noRole = await t.http
      .post('/api/v1/delegations')
      .set(await bearer(t, 'hr.somatik'))
      .send({ delegateId: ids.get('chef.akuten'), validFrom: today, validTo: today })
      .expect(422);
    expect(noRole.body.errors[0].field).toBe('delegateId');
    await t.http
      .post('/api/v1/delegations')
      .set(await bearer(t, 'hr.psykiatri'))
      .send({
        delegatorId: ids.get('hr.somatik'),
        delegateId: ids.get('hr.somatik2'),
        validFrom: today,
        validTo: today,
      })
      .expect(403);
    const bad = await t.http
      .post('/api/v1/delegations')
      .set(await bearer(t, 'hr.somatik'))
      .send({ delegateId: 'nope', validFrom: '2026-13-01' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['delegateId', 'validFrom', 'validTo']),
    );
    await t.http
      .get('/api/v1/delegations')
      .set(await bearer(t, 'chef.akuten'))
      .expect(403);
    // The HR lead records one for an HR reviewer.
    await t.http
      .post('/api/v1/delegations')
      .set(await bearer(t, 'hrchef'))
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
    const [third] = await t.db.dataSource.query(
      `INSERT INTO users (username, display_name) VALUES ('hr.somatik3', 'Tredje HR-partner') RETURNING id`,
    );
    await t.db.dataSource.query(
      `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'hr_reviewer', $2)`,
      [third.id, units.get('SOM')],
    );
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    const id = submitted.body.id;
    await t.http
      .post(`/api/v1/requests/${id}/reassign`)
      .set(await bearer(t, 'hrchef'))
      .send({ userId: ids.get('hr.somatik') })
      .expect(201);
    await t.http
      .post('/api/v1/delegations')
      .set(await bearer(t, 'hr.somatik'))
      .send({ delegateId: ids.get('hr.somatik2'), validFrom: today, validTo: '2099-12-31' })
      .expect(201);
    await t.http
      .post('/api/v1/delegations')
      .set(await bearer(t, 'hr.somatik2'))
      .send({ delegateId: third.id, validFrom: today, validTo: '2099-12-31' })
      .expect(201);
    const refused = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik3'))
      .send({ outcome: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/reassigned/);
  });
});
