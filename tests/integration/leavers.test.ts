import { workbookOf } from '@org-import/template';
import { resubmitUpdate, stateQuery } from '@workflows/messages';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { LeaversService } from '../../apps/api/src/leavers/leavers.service';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(240_000);

/**
 * Issue 18, item 4: whoever leaves or loses a role leaves nothing stuck. The leaver test: a reviewer with a stage
 * reassigned to them and a delegation is deactivated by re-importing the organisation; a requester who left has
 * their request moved by the HR lead; a role that ended by date is settled by the reconciler's run.
 */
let t: TestApp;
let units: Map<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
  units = await unitIdsByCode(t);
});
afterAll(() => t?.stop());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MISSING = '00000000-0000-4000-8000-000000000000';
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

const REVIEWER = ['SE-R1', 'Rut Granskare', 'rut@region.example', 'hr_reviewer', 'SOM', '', ''];
const REQUESTER = ['SE-Q1', 'Quinn Beställare', 'quinn@region.example', 'requester', 'SOM-AKUT', '', ''];
const SECOND = ['SE-Q2', 'Sam Beställare', 'sam@region.example', 'requester', 'SOM-AKUT', '', ''];

async function importPeople(people: string[][]) {
  const rows: Record<'code' | 'parent' | 'name' | 'level' | 'budget' | 'staff', string | null>[] =
    await t.db.dataSource.query(
      `SELECT o.code, p.code AS parent, o.name, o.level, o.budget_sek AS budget, o.staff_cost_sek AS staff
         FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id`,
    );
  const file = await workbookOf({
    units: rows.map((u) => [u.code, u.parent ?? '', u.name, u.level, u.budget ?? '', u.staff ?? '', '', '']),
    people,
  });
  const res = await t.http
    .post('/api/v1/org-import?apply=true&fileName=org.xlsx')
    .set({ ...(await bearer(t, 'admin')), 'Content-Type': XLSX })
    .send(file)
    .expect(200);
  expect(res.body).toMatchObject({ applied: true, problems: [] });
}

async function userId(username: string): Promise<string> {
  return (await t.db.dataSource.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;
}

async function submit(username: string): Promise<string> {
  const res = await t.http
    .post('/api/v1/requests')
    .set(await bearer(t, username))
    .send(aHireBody(units.get('SOM-AKUT')!))
    .expect(201);
  return res.body.id;
}

async function reassign(requestId: string, to: string) {
  await t.http
    .post(`/api/v1/requests/${requestId}/reassign`)
    .set(await bearer(t, 'hrchef'))
    .send({ userId: await userId(to) })
    .expect(201);
}

const assigneeInDb = async (requestId: string) =>
  (
    await t.db.dataSource.query(
      `SELECT assignee_user_id AS id FROM stages WHERE request_id = $1 AND closed_at IS NULL`,
      [requestId],
    )
  )[0].id;
const liveState = (requestId: string) =>
  t.client.workflow.getHandle(reviewWorkflowId(requestId)).query(stateQuery);
const timeline = async (requestId: string) =>
  (
    await t.http
      .get(`/api/v1/requests/${requestId}/timeline`)
      .set(await bearer(t, 'hrchef'))
      .expect(200)
  ).body as { type: string; data: Record<string, unknown> }[];
const notified = async (username: string, requestId: string) =>
  (
    await t.db.dataSource.query(
      `SELECT n.type FROM notifications n JOIN users u ON u.id = n.recipient_id
        WHERE u.username = $1 AND n.request_id = $2 ORDER BY n.created_at`,
      [username, requestId],
    )
  ).map((n: { type: string }) => n.type);
const withoutRequester = async () =>
  (
    await t.http
      .get('/api/v1/requests-without-requester')
      .set(await bearer(t, 'hrchef'))
      .expect(200)
  ).body as {
    items: { id: string; reason: string; candidates: { id: string }[] }[];
    total: number;
  };

describe('a reviewer deactivated by re-import', () => {
  it('has their reassigned stage returned to the pool and their delegation ended, the HR lead told, on the timeline', async () => {
    await importPeople([REVIEWER, REQUESTER, SECOND]);
    const requestId = await submit('chef.akuten');
    await reassign(requestId, 'SE-R1');
    const rut = await userId('SE-R1');
    expect(await assigneeInDb(requestId)).toBe(rut);
    expect((await liveState(requestId)).currentStage?.assigneeUserId).toBe(rut);
    const delegation = await t.http
      .post('/api/v1/delegations')
      .set(await bearer(t, 'SE-R1'))
      .send({ delegateId: await userId('hr.somatik'), validFrom: today, validTo: '2099-12-31' })
      .expect(201);
    // While the stage is Rut's, another reviewer of the division cannot take it.
    await t.http
      .post(`/api/v1/requests/${requestId}/decisions`)
      .set(await bearer(t, 'hr2.somatik'))
      .send({ outcome: 'approve' })
      .expect(403);

    await importPeople([REQUESTER, SECOND]);

    expect(await assigneeInDb(requestId)).toBeNull();
    expect((await liveState(requestId)).currentStage).toMatchObject({ name: 'hr_review' });
    expect((await liveState(requestId)).currentStage?.assigneeUserId).toBeUndefined();
    const [ended] = await t.db.dataSource.query(`SELECT revoked_at FROM delegations WHERE id = $1`, [
      delegation.body.id,
    ]);
    expect(ended.revoked_at).not.toBeNull();
    expect(await notified('hrchef', requestId)).toContain('stage_released');
    const released = (await timeline(requestId)).find((e) => e.type === 'stage_released');
    expect(released?.data).toMatchObject({ stage: 'hr_review', fromUserId: rut, reason: 'inactive' });
    // Back in the pool: any HR reviewer of the division decides it now.
    await t.http
      .post(`/api/v1/requests/${requestId}/decisions`)
      .set(await bearer(t, 'hr2.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    // Settling again changes nothing: the stage is no one's, the event is recorded once.
    await t.app.get(LeaversService).settle(null);
    expect((await timeline(requestId)).filter((e) => e.type === 'stage_released')).toHaveLength(1);
  });
});

describe('a reviewer deactivated on the admin’s people page', () => {
  it('has their reassigned stage returned to the pool at once, not at the next hourly run', async () => {
    const requestId = await submit('chef.akuten');
    await reassign(requestId, 'hr2.somatik');
    expect(await assigneeInDb(requestId)).toBe(await userId('hr2.somatik'));
    await t.http
      .patch(`/api/v1/admin/people/${await userId('hr2.somatik')}`)
      .set(await bearer(t, 'admin'))
      .send({ active: false })
      .expect(200);
    expect(await assigneeInDb(requestId)).toBeNull();
    expect((await liveState(requestId)).currentStage?.assigneeUserId).toBeUndefined();
    expect(await notified('hrchef', requestId)).toContain('stage_released');
    await t.http
      .patch(`/api/v1/admin/people/${await userId('hr2.somatik')}`)
      .set(await bearer(t, 'admin'))
      .send({ active: true })
      .expect(200);
  });
});

describe('a requester deactivated by re-import', () => {
  it('has the request listed for the HR lead, who moves it to another requester of the unit', async () => {
    const requestId = await submit('SE-Q1');
    await importPeople([SECOND]);

    const list = await withoutRequester();
    const item = list.items.find((i) => i.id === requestId);
    expect(item).toMatchObject({ reason: 'inactive' });
    const candidates = item!.candidates.map((c) => c.id);
    expect(candidates).toEqual(expect.arrayContaining([await userId('SE-Q2'), await userId('chef.akuten')]));
    expect(candidates).not.toContain(await userId('hr.somatik'));
    expect(await notified('hrchef', requestId)).toContain('requester_needed');
    expect((await timeline(requestId)).map((e) => e.type)).toContain('requester_needed');

    const move = async (username: string, id: string, body: object, status: number) => {
      const res = await t.http
        .post(`/api/v1/requests/${id}/requester`)
        .set(await bearer(t, username))
        .send(body);
      expect(res.status).toBe(status);
      return res;
    };
    const fieldOf = (res: { body: { errors?: { field: string }[] } }) => res.body.errors?.[0]?.field;
    expect(fieldOf(await move('hrchef', requestId, { userId: MISSING }, 422))).toBe('userId');
    const noGrant = await move('hrchef', requestId, { userId: await userId('hr.somatik') }, 422);
    expect(fieldOf(noGrant)).toBe('userId');
    expect(noGrant.headers['content-type']).toMatch(/problem\+json/);
    expect(fieldOf(await move('hrchef', requestId, {}, 400))).toBe('userId');
    await move('hrchef', 'not-a-uuid', { userId: MISSING }, 400);
    await move('hrchef', MISSING, { userId: await userId('SE-Q2') }, 404);
    await move('hr.somatik', requestId, { userId: await userId('SE-Q2') }, 403);
    await move('div.somatik', requestId, { userId: await userId('SE-Q2') }, 403);

    const moved = await move('hrchef', requestId, { userId: await userId('SE-Q2') }, 201);
    expect(moved.body).toMatchObject({
      id: requestId,
      requesterId: await userId('SE-Q2'),
      status: 'in_review',
    });
    expect(await notified('SE-Q2', requestId)).toContain('requester_assigned');
    expect((await timeline(requestId)).find((e) => e.type === 'requester_changed')?.data).toMatchObject({
      toUserId: await userId('SE-Q2'),
    });
    expect((await withoutRequester()).items.map((i) => i.id)).not.toContain(requestId);
    // It needs no new requester any more.
    await move('hrchef', requestId, { userId: await userId('chef.akuten') }, 409);

    await t.http
      .post(`/api/v1/requests/${requestId}/withdraw`)
      .set(await bearer(t, 'SE-Q2'))
      .send({})
      .expect(201);
  });
});

describe('roles that end by date', () => {
  const endRole = (username: string, role: string) =>
    t.db.dataSource.query(
      `UPDATE role_assignments SET valid_to = '2020-12-31'
        WHERE role = $2 AND user_id = (SELECT id FROM users WHERE username = $1)`,
      [username, role],
    );

  it('are settled by the reconciler: the stage released, the request moved, the old requester refused', async () => {
    const requestId = await submit('chef.akuten');
    await reassign(requestId, 'hr.somatik');
    // Returned for completion by the assignee, then their role and the requester's end by date.
    await t.http
      .post(`/api/v1/requests/${requestId}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'return', comment: 'Komplettera med schemat' })
      .expect(201);
    const second = await submit('chef.akuten');
    await reassign(second, 'hr.somatik');
    const delegation = await t.http
      .post('/api/v1/delegations')
      .set(await bearer(t, 'hr.somatik'))
      .send({ delegateId: await userId('hr2.somatik'), validFrom: today, validTo: '2099-12-31' })
      .expect(201);
    await endRole('hr.somatik', 'hr_reviewer');
    await endRole('chef.akuten', 'requester');

    const outcome = await t.app.get(LeaversService).settle(null);
    expect(outcome).toMatchObject({ stagesReleased: 1, delegationsEnded: 1 });
    const [ended] = await t.db.dataSource.query(
      `SELECT d.revoked_at, (SELECT count(*)::int FROM admin_audit_log a WHERE a.entity_id = d.id AND a.action = 'end') AS audited
         FROM delegations d WHERE d.id = $1`,
      [delegation.body.id],
    );
    expect(ended.revoked_at).not.toBeNull();
    expect(ended.audited).toBe(1);
    expect(await assigneeInDb(second)).toBeNull();
    expect((await timeline(second)).find((e) => e.type === 'stage_released')?.data).toMatchObject({
      reason: 'role_ended',
    });
    const listed = (await withoutRequester()).items.filter((i) => [requestId, second].includes(i.id));
    expect(listed.map((i) => i.reason)).toEqual(['role_ended', 'role_ended']);

    await t.http
      .post(`/api/v1/requests/${requestId}/requester`)
      .set(await bearer(t, 'hrchef'))
      .send({ userId: await userId('SE-Q2') })
      .expect(201);
    // The workflow itself no longer takes the old requester's word, even vouched by the API.
    const refused = await t.client.workflow
      .getHandle(reviewWorkflowId(requestId))
      .executeUpdate(resubmitUpdate, {
        args: [{ actorId: await userId('chef.akuten'), resubmissionId: MISSING }],
      })
      .then(
        () => undefined,
        (e: { cause?: { type?: string } }) => e.cause?.type,
      );
    expect(refused).toBe('NotAllowed');
    await t.http
      .post(`/api/v1/requests/${requestId}/resubmit`)
      .set(await bearer(t, 'chef.akuten'))
      .send({ comment: 'Schemat bifogat' })
      .expect(403);
    const resubmitted = await t.http
      .post(`/api/v1/requests/${requestId}/resubmit`)
      .set(await bearer(t, 'SE-Q2'))
      .send({ comment: 'Schemat bifogat' })
      .expect(201);
    expect(resubmitted.body.status).toBe('in_review');
  });
});
