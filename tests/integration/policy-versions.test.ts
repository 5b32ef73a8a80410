import { stockholmDate } from '@domain/calendar';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

let t: TestApp;
let unitId: string;
beforeAll(async () => {
  t = await startTestApp();
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
});
afterAll(() => t?.stop());

const admin = async () => bearer(t, 'admin');
/** A hire of 100 000 kr a month, 1.2 MSEK a year: above the version 2 executive threshold. */
const anExpensiveHire = () => aHireBody(unitId, { monthlyCostSek: 100_000 });

async function newDraft() {
  const res = await t.http
    .post('/api/v1/policy-versions')
    .set(await admin())
    .send({ copyOf: 1 })
    .expect(201);
  return res.body as { version: number; policy: { routes: { hire: Record<string, unknown>[] } } };
}

async function publishProblems(policy: object) {
  const { version } = await newDraft();
  await t.http
    .put(`/api/v1/policy-versions/${version}`)
    .set(await admin())
    .send(policy)
    .expect(200);
  const res = await t.http
    .post(`/api/v1/policy-versions/${version}/publish`)
    .set(await admin())
    .send({ validFrom: '2099-01-01', decisionRef: 'RS 1/2099', decidedOn: '2020-01-01' })
    .expect(422);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  return res.body.errors as { field: string; message: string }[];
}

async function submit(body: object) {
  const res = await t.http
    .post('/api/v1/requests')
    .set(await bearer(t, 'chef.akuten'))
    .send(body)
    .expect(201);
  return res.body as { id: string; currentStage: { name: string } };
}

async function decide(id: string, username: string) {
  return t.http
    .post(`/api/v1/requests/${id}/decisions`)
    .set(await bearer(t, username))
    .send({ outcome: 'approve' });
}

describe('route versions', () => {
  it('starts with version 1 in force since 2000, the product’s route, and no published version changes', async () => {
    const v1 = await t.http
      .get('/api/v1/policy-versions/in-force')
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(v1.body).toMatchObject({ version: 1, state: 'in_force', validFrom: '2000-01-01' });
    expect(v1.body.policy.routes.hire.map((s: { name: string }) => s.name)).toEqual([
      'hr_review',
      'director_decision',
      'executive_decision',
    ]);
    await expect(
      t.db.dataSource.query(`UPDATE policy_versions SET decision_ref = 'x' WHERE version = 1`),
    ).rejects.toThrow(/published and never changes/);
    await expect(t.db.dataSource.query(`DELETE FROM policy_versions WHERE version = 1`)).rejects.toThrow(
      /never changes/,
    );
  });

  it('shows drafts only to the admin', async () => {
    const { version } = await newDraft();
    await t.http
      .get(`/api/v1/policy-versions/${version}`)
      .set(await bearer(t, 'hsdir'))
      .expect(404);
    await t.http
      .get(`/api/v1/policy-versions/${version}`)
      .set(await admin())
      .expect(200);
    await t.http
      .get('/api/v1/policy-versions/abc')
      .set(await admin())
      .expect(400);
  });

  it.each([
    [
      'no deciding stage',
      (hire: Record<string, unknown>[]) => hire.forEach((s) => (s.mode = 'recommending')),
      'routes.hire[2].mode',
    ],
    ['an unknown role', (hire: Record<string, unknown>[]) => (hire[1].role = 'mayor'), 'routes.hire[1].role'],
    [
      'a stage no one can reach',
      (hire: Record<string, unknown>[]) => (hire[2].when = [{ type: 'urgent' }]),
      'routes.hire[2].when',
    ],
    [
      'a deadline of 0',
      (hire: Record<string, unknown>[]) => (hire[0].deadline = { businessDays: 0 }),
      'routes.hire[0].deadline',
    ],
  ])('refuses to publish a draft with %s, naming the field', async (_, edit, field) => {
    const { policy } = await newDraft();
    edit(policy.routes.hire);
    const errors = await publishProblems(policy);
    expect(errors.map((e) => e.field)).toContain(field);
  });

  it('starts a draft from the route for new regions: HR recommends, and it passes the route rules', async () => {
    const created = await t.http
      .post('/api/v1/policy-versions')
      .set(await admin())
      .send({ template: 'recommending' })
      .expect(201);
    expect(created.body).toMatchObject({ state: 'draft', copiedFrom: null, problems: [] });
    expect(created.body.policy.routes.hire.map((s: { mode: string }) => s.mode)).toEqual([
      'recommending',
      'deciding',
      'deciding',
    ]);
    const both = await t.http
      .post('/api/v1/policy-versions')
      .set(await admin())
      .send({ template: 'recommending', copyOf: 1 })
      .expect(400);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['template']);
    await t.http
      .post('/api/v1/policy-versions')
      .set(await admin())
      .send({ template: 'deciding' })
      .expect(400);
  });

  it('answers a version number beyond any stored one with 400 naming it, not a database error', async () => {
    // Schemathesis found this one: 1325728524775 is no PostgreSQL integer.
    const read = await t.http
      .get('/api/v1/policy-versions/1325728524775')
      .set(await admin())
      .expect(400);
    expect(read.body.errors.map((e: { field: string }) => e.field)).toEqual(['version']);
    const copy = await t.http
      .post('/api/v1/policy-versions')
      .set(await admin())
      .send({ copyOf: 1325728524775 })
      .expect(400);
    expect(copy.body.errors.map((e: { field: string }) => e.field)).toEqual(['copyOf']);
    await t.http
      .get('/api/v1/policy-versions/2147483647')
      .set(await admin())
      .expect(404);
  });

  it('keeps whether questions pause the deadline in a draft, and refuses anything but yes or no at its field', async () => {
    const { version, policy } = await newDraft();
    const url = `/api/v1/policy-versions/${version}`;
    const saved = await t.http
      .put(url)
      .set(await admin())
      .send({ ...policy, questions: { pauseDeadline: true } })
      .expect(200);
    expect(saved.body.policy.questions).toEqual({ pauseDeadline: true });
    const bad = await t.http
      .put(url)
      .set(await admin())
      .send({ ...policy, questions: { pauseDeadline: 'ja' } })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['questions.pauseDeadline']);
  });

  it('refuses a draft of the wrong shape at its field, and a start before today or not after the latest', async () => {
    const { version, policy } = await newDraft();
    const url = `/api/v1/policy-versions/${version}`;
    const bad = structuredClone(policy);
    bad.routes.hire[0].deadline = { weeks: 2 };
    const shape = await t.http
      .put(url)
      .set(await admin())
      .send(bad)
      .expect(400);
    expect(shape.body.errors.map((e: { field: string }) => e.field)).toEqual(['routes.hire[0].deadline']);
    const publish = (body: object) => t.http.post(`${url}/publish`).set(admin_).send(body);
    const admin_ = await admin();
    const past = await publish({
      validFrom: '2020-01-01',
      decisionRef: 'RS 1',
      decidedOn: '2020-01-01',
    }).expect(422);
    expect(past.body.errors).toEqual([
      { field: 'validFrom', message: expect.stringMatching(/today .* or later/) },
    ]);
    const malformed = await publish({ validFrom: '1 jan', decisionRef: '', decidedOn: '2020-01-01' }).expect(
      400,
    );
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'decisionRef',
      'validFrom',
    ]);
  });

  it('reviews a request under the version in force on its submission date, and one started before keeps its own', async () => {
    const before = await submit(anExpensiveHire());
    expect(before.currentStage.name).toBe('hr_review');

    // Version 2: HR review by the HR lead region-wide, and the executive for hires above 1 MSEK a year.
    const { version, policy } = await newDraft();
    policy.routes.hire[0] = { ...policy.routes.hire[0], role: 'hr_lead', scope: 'region', escalations: [] };
    policy.routes.hire[2].when = [{ type: 'cost_above', sek: 1_000_000 }];
    await t.http
      .put(`/api/v1/policy-versions/${version}`)
      .set(await admin())
      .send(policy)
      .expect(200);
    const preview = await t.http
      .post(`/api/v1/policy-versions/${version}/preview`)
      .set(await admin())
      .send({ kind: 'hire', monthlyCostSek: 100_000 })
      .expect(200);
    expect(preview.body.stages.map((s: { name: string; role: string }) => `${s.name}:${s.role}`)).toEqual([
      'hr_review:hr_lead',
      'director_decision:director',
      'executive_decision:executive',
    ]);
    // An instant no submission has (schemathesis found a 500 for a year-658 time at +21:32) is a 400 at its field.
    for (const submittedAt of [
      '0658-11-27T04:03:00+21:32',
      '2026-05-01T10:00:00+15:00',
      '1899-12-31T10:00:00Z',
    ]) {
      const bad = await t.http
        .post(`/api/v1/policy-versions/${version}/preview`)
        .set(await admin())
        .send({ kind: 'hire', monthlyCostSek: 100_000, submittedAt })
        .expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'submittedAt' })]);
    }
    const today = stockholmDate(new Date());
    const published = await t.http
      .post(`/api/v1/policy-versions/${version}/publish`)
      .set(await admin())
      .send({ validFrom: today, decisionRef: 'RS 2026/117', decidedOn: today })
      .expect(200);
    expect(published.body).toMatchObject({ version, state: 'in_force', validFrom: today, problems: [] });
    await t.http
      .put(`/api/v1/policy-versions/${version}`)
      .set(await admin())
      .send(policy)
      .expect(409);

    const after = await submit(anExpensiveHire());
    const [row] = await t.db.dataSource.query(`SELECT policy_version FROM requests WHERE id = $1`, [
      after.id,
    ]);
    expect(row.policy_version).toBe(version);
    // Version 2's HR stage is the HR lead's: the division's HR reviewer may not decide it.
    expect((await decide(after.id, 'hr.somatik')).status).toBe(403);
    expect((await decide(after.id, 'hrchef')).status).toBe(201);
    const director = await decide(after.id, 'div.somatik');
    expect(director.body).toMatchObject({ status: 'in_review', nextStage: { name: 'executive_decision' } });

    // The request submitted before keeps version 1: its HR reviewer decides, and a replacement ends at the director.
    expect((await decide(before.id, 'hr.somatik')).status).toBe(201);
    expect((await decide(before.id, 'div.somatik')).body).toMatchObject({ status: 'approved' });
    const state = await t.client.workflow.getHandle(reviewWorkflowId(before.id)).query('state');
    expect(state).toMatchObject({ policyVersion: 1, status: 'approved' });
    expect((state as { decisions: { stage: string }[] }).decisions.map((d) => d.stage)).toEqual([
      'hr_review',
      'director_decision',
    ]);
  });
});
