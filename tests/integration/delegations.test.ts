import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';

jest.setTimeout(120_000);

let t: TestApp;
let smtp: TestSmtpServer;
let ids: Map<string, string>;
let units: Map<string, string>;
let unitId: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'provning@rvn.example' });
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
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

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

  it('gives a stand-in who lost the role nothing from the delegation: no inbox items, no decisions, no mails', async () => {
    smtp.clear();
    const [standIn] = await t.db.dataSource.query(
      `INSERT INTO users (username, display_name, email)
       VALUES ('hr.vikarie', 'Vera Vik (vikarierande HR-partner)', 'vera.vik@rvn.example') RETURNING id`,
    );
    await t.db.dataSource.query(
      `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'hr_reviewer', $2)`,
      [standIn.id, units.get('SOM')],
    );
    await t.http
      .post('/api/v1/delegations')
      .set(await bearer(t, 'hr.somatik'))
      .send({ delegateId: standIn.id, validFrom: today, validTo: '2099-12-31' })
      .expect(201);
    // The stand-in becomes a director in Somatik: still sees the division's requests, but no longer reviews them
    // for HR, which is the work the delegation hands over. The delegation stays on record.
    await t.db.dataSource.query(`UPDATE role_assignments SET role = 'director' WHERE user_id = $1`, [
      standIn.id,
    ]);
    const submit = async () =>
      (
        await t.http
          .post('/api/v1/requests')
          .set(await bearer(t, 'chef.akuten'))
          .send(aHireBody(unitId))
          .expect(201)
      ).body.id as string;
    const open = await submit();
    const reassigned = await submit();
    await t.http
      .post(`/api/v1/requests/${reassigned}/reassign`)
      .set(await bearer(t, 'hrchef'))
      .send({ userId: ids.get('hr.somatik') })
      .expect(201);
    // The absent reviewer is notified of both stages and the reassignment, all written before its mails go out.
    const notified = async (userId: string) =>
      (
        await t.db.dataSource.query(
          `SELECT request_id AS "requestId", type FROM notifications
            WHERE recipient_id = $1 AND request_id = ANY($2::uuid[])`,
          [userId, [open, reassigned]],
        )
      ).map(
        (n: { requestId: string; type: string }) =>
          `${n.requestId === open ? 'open' : 'reassigned'}:${n.type}`,
      );
    const deadline = Date.now() + 30_000;
    while ((await notified(ids.get('hr.somatik')!)).length < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await notified(ids.get('hr.somatik')!)).sort()).toEqual([
      'open:stage_opened',
      'reassigned:stage_opened',
      'reassigned:stage_reassigned',
    ]);
    await smtp.waitFor((mails) => mails.filter((m) => m.to.includes('sara.lind@rvn.example')).length >= 3);
    expect(await notified(standIn.id)).toEqual([]);
    expect(smtp.received.filter((m) => m.to.includes('vera.vik@rvn.example'))).toEqual([]);

    const inboxOf = async () =>
      (
        await t.http
          .get('/api/v1/inbox')
          .set(await bearer(t, 'hr.vikarie'))
          .expect(200)
      ).body.items.filter((i: { requestId: string }) => [open, reassigned].includes(i.requestId));
    expect(await inboxOf()).toEqual([]);
    for (const id of [open, reassigned]) {
      const refused = await t.http
        .post(`/api/v1/requests/${id}/decisions`)
        .set(await bearer(t, 'hr.vikarie'))
        .send({ outcome: 'approve' });
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }

    // Given the role back, the same delegation counts again: checked at each use, not once.
    await t.db.dataSource.query(`UPDATE role_assignments SET role = 'hr_reviewer' WHERE user_id = $1`, [
      standIn.id,
    ]);
    expect(
      (await inboxOf()).map((i: { requestId: string; onBehalfOfId: string | null }) => [
        i.requestId === open ? 'open' : 'reassigned',
        i.onBehalfOfId,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['open', null],
        ['reassigned', ids.get('hr.somatik')],
      ]),
    );
    await t.http
      .post(`/api/v1/requests/${reassigned}/decisions`)
      .set(await bearer(t, 'hr.vikarie'))
      .send({ outcome: 'approve' })
      .expect(201);
  });
});
