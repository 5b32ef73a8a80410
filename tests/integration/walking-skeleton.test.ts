import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

let t: TestApp;
let unitId: string;
let otherDivisionUnitId: string;

beforeAll(async () => {
  t = await startTestApp();
  const units = await unitIdsByCode(t);
  unitId = units.get('SOM-AKUT')!;
  otherDivisionUnitId = units.get('PSY-VUX')!;
});
afterAll(() => t?.stop());

describe('the walking skeleton over HTTP, against PostgreSQL and the Temporal dev server', () => {
  it('records a request outside every review period as not_required, with no workflow', async () => {
    const res = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'not_required',
      reviewRequired: false,
      periodId: null,
      currentStage: null,
    });
    await expect(t.client.workflow.getHandle(reviewWorkflowId(res.body.id)).describe()).rejects.toThrow();
  });

  it('starts the review of a hire in a review period and answers with the open hr_review stage', async () => {
    expect((await openReviewPeriod(t, 'hire', '2020-01-01', '2099-12-31')).status).toBe(201);
    const res = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'in_review',
      reviewRequired: true,
      currentStage: { name: 'hr_review' },
    });
    const description = await t.client.workflow.getHandle(reviewWorkflowId(res.body.id)).describe();
    expect(description.status.name).toBe('RUNNING');
    const [stage] = await t.db.dataSource.query(`SELECT name, closed_at FROM stages WHERE request_id = $1`, [
      res.body.id,
    ]);
    expect(stage).toEqual({ name: 'hr_review', closed_at: null });
  });

  it('takes a decision as an Update, completes the review and shows the outcome', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId, { title: 'Sjuksköterska akutmottagning' }))
      .expect(201);
    const id = submitted.body.id;
    const first = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve', comment: 'Underlaget komplett' })
      .expect(201);
    expect(first.body).toMatchObject({ status: 'in_review', nextStage: { name: 'director_decision' } });
    const second = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'div.somatik'))
      .send({ outcome: 'reject', comment: 'Inryms inte i ramen' })
      .expect(201);
    expect(second.body).toMatchObject({ status: 'rejected' });
    const late = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hsdir'))
      .send({ outcome: 'approve' })
      .expect(409);
    expect(late.body.detail).toMatch(/no stage open/);
    expect((await t.client.workflow.getHandle(reviewWorkflowId(id)).describe()).status.name).toBe(
      'COMPLETED',
    );
    const detail = await t.http
      .get(`/api/v1/requests/${id}`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(detail.body).toMatchObject({ status: 'rejected', title: 'Sjuksköterska akutmottagning' });
    expect(detail.body.decisions.map((d: { outcome: string }) => d.outcome)).toEqual(['approve', 'reject']);
    const timeline = await t.http
      .get(`/api/v1/requests/${id}/timeline`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'stage_opened',
      'decision',
      'stage_opened',
      'decision',
    ]);
  });

  it('refuses decisions by the requester, out-of-scope reviewers, the wrong role and a second stage by one person', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    const id = submitted.body.id;
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'chef.akuten'))
      .send({ outcome: 'approve' })
      .expect(403);
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.psykiatri'))
      .send({ outcome: 'approve' })
      .expect(404);
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hrchef'))
      .send({ outcome: 'approve' })
      .expect(403);
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    const dup = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve' });
    expect(dup.status).toBe(403); // segregation of duties: the same person may not decide the director stage
    const wrongRole = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hsdir'))
      .send({ outcome: 'approve' });
    expect(wrongRole.status).toBe(403);
  });

  it('returns the first answer for a repeated Idempotency-Key and 422 for the same key with another body', async () => {
    const headers = { ...(await bearer(t, 'chef.akuten')), 'Idempotency-Key': 'walking-skeleton-1' };
    const a = await t.http.post('/api/v1/requests').set(headers).send(aHireBody(unitId)).expect(201);
    const b = await t.http.post('/api/v1/requests').set(headers).send(aHireBody(unitId)).expect(201);
    expect(b.body.id).toBe(a.body.id);
    const c = await t.http
      .post('/api/v1/requests')
      .set(headers)
      .send(aHireBody(unitId, { fte: 0.5 }))
      .expect(422);
    expect(c.body.errors).toEqual([
      { field: 'Idempotency-Key', message: 'was already used with a different body' },
    ]);
  });

  it('answers bad input with problem+json naming each field', async () => {
    const res = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId, { fte: 3, endDate: undefined, surprise: 1 }))
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['fte', 'surprise']));
    const cross = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId, { startDate: '2031-02-01', endDate: '2031-01-01' }))
      .expect(400);
    expect(cross.body.errors).toEqual([{ field: 'endDate', message: 'must be after startDate' }]);
    const malformed = await t.http
      .post('/api/v1/requests')
      .set({ ...(await bearer(t, 'chef.akuten')), 'Content-Type': 'application/json' })
      .send('{"kind":')
      .expect(400);
    expect(malformed.body.errors).toEqual([{ field: '(body)', message: 'is not valid JSON' }]);
    const big = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId, { justification: 'x'.repeat(200_000) }))
      .expect(413);
    expect(big.body.status).toBe(413);
    await t.http
      .get('/api/v1/requests/not-a-uuid')
      .set(await bearer(t, 'chef.akuten'))
      .expect(400);
  });

  it("refuses a submission for a unit outside the requester's scope, and unauthenticated calls", async () => {
    await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(otherDivisionUnitId))
      .expect(403);
    await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'hr.somatik'))
      .send(aHireBody(unitId))
      .expect(403);
    await t.http.post('/api/v1/requests').send(aHireBody(unitId)).expect(401);
    await t.http.get('/api/v1/me').set({ Authorization: 'Bearer not-a-token' }).expect(401);
    await t.http.post('/api/v1/auth/dev-login').send({ username: 'nobody' }).expect(422);
  });

  it('refuses an overlapping review period of the same kind with 409', async () => {
    const res = await openReviewPeriod(t, 'hire', '2030-01-01', '2030-03-31');
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/Overlaps/);
  });

  it('reports database and Temporal health', async () => {
    const res = await t.http.get('/api/v1/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      info: { database: { status: 'up' }, temporal: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' }, temporal: { status: 'up' } },
    });
  });

  it('lets the HR lead reassign an open stage to a reviewer who may take it, and refuses others clearly', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    const id = submitted.body.id;
    const users = await t.db.dataSource.query(`SELECT id, username FROM users`);
    const userId = (name: string) => users.find((u: { username: string }) => u.username === name).id;
    await t.http
      .post(`/api/v1/requests/${id}/reassign`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ userId: userId('hr.somatik') })
      .expect(403);
    const wrong = await t.http
      .post(`/api/v1/requests/${id}/reassign`)
      .set(await bearer(t, 'hrchef'))
      .send({ userId: userId('chef.akuten') })
      .expect(422);
    expect(wrong.body.errors[0].field).toBe('userId');
    await t.http
      .post(`/api/v1/requests/${id}/reassign`)
      .set(await bearer(t, 'hrchef'))
      .send({ userId: 'x' })
      .expect(400);
    const ok = await t.http
      .post(`/api/v1/requests/${id}/reassign`)
      .set(await bearer(t, 'hrchef'))
      .send({ userId: userId('hr.somatik') })
      .expect(201);
    expect(ok.body.currentStage).toMatchObject({ name: 'hr_review', assigneeUserId: userId('hr.somatik') });
  });
});

describe('a review that started in a period', () => {
  it('finishes under that period even after the period has ended', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    // The board's period lapses while the request is in review.
    await t.db.dataSource.query(`UPDATE review_periods SET valid_to = '2020-12-31' WHERE id = $1`, [
      submitted.body.periodId,
    ]);
    await t.http
      .post(`/api/v1/requests/${submitted.body.id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    const final = await t.http
      .post(`/api/v1/requests/${submitted.body.id}/decisions`)
      .set(await bearer(t, 'div.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    expect(final.body.status).toBe('approved');
    const later = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    expect(later.body.status).toBe('not_required');
  });
});

describe('a resubmission that changes the facts the route was planned from (issue 17, finding 1)', () => {
  beforeAll(async () => {
    // Runs after the period above was ended in 2020: the board's next period covers today.
    expect((await openReviewPeriod(t, 'hire', '2021-01-01', '2099-12-31')).status).toBe(201);
  });

  it('sends a replacement hire that became a new permanent position, returned by HR, on to the executive', async () => {
    const chef = await bearer(t, 'chef.akuten');
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(chef)
      .send(aHireBody(unitId, { employmentForm: 'permanent', endDate: undefined, replacement: true }))
      .expect(201);
    const id = submitted.body.id;
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'return', comment: 'Är det verkligen en ersättningsrekrytering?' })
      .expect(201);
    const resubmitted = await t.http
      .post(`/api/v1/requests/${id}/resubmit`)
      .set(chef)
      .send({ changes: { replacement: false } })
      .expect(201);
    expect(resubmitted.body.currentStage).toMatchObject({ name: 'hr_review' });
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    const director = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'div.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    expect(director.body).toMatchObject({ status: 'in_review', nextStage: { name: 'executive_decision' } });
    const executive = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hsdir'))
      .send({ outcome: 'approve' })
      .expect(201);
    expect(executive.body.status).toBe('approved');
    const detail = await t.http.get(`/api/v1/requests/${id}`).set(chef).expect(200);
    expect(detail.body).toMatchObject({ status: 'approved', replacement: false });
    expect(detail.body.decisions.map((d: { stage: string }) => d.stage)).toEqual([
      'hr_review',
      'hr_review',
      'director_decision',
      'executive_decision',
    ]);
  });

  it('starts again at HR review when a request the director returned comes back changed', async () => {
    const chef = await bearer(t, 'chef.akuten');
    const submitted = await t.http.post('/api/v1/requests').set(chef).send(aHireBody(unitId)).expect(201);
    const id = submitted.body.id;
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'div.somatik'))
      .send({ outcome: 'return', comment: 'Räcker 80 %?' })
      .expect(201);
    const resubmitted = await t.http
      .post(`/api/v1/requests/${id}/resubmit`)
      .set(chef)
      .send({ comment: 'Ja', changes: { fte: 0.8 } })
      .expect(201);
    expect(resubmitted.body.currentStage).toMatchObject({ name: 'hr_review', round: 2 });
  });

  it('re-enters the director stage for a resubmission that only answers, or repeats what the request says', async () => {
    const chef = await bearer(t, 'chef.akuten');
    const submitted = await t.http.post('/api/v1/requests').set(chef).send(aHireBody(unitId)).expect(201);
    const id = submitted.body.id;
    const decide = async (username: string, body: object) =>
      t.http
        .post(`/api/v1/requests/${id}/decisions`)
        .set(await bearer(t, username))
        .send(body)
        .expect(201);
    await decide('hr.somatik', { outcome: 'approve' });
    await decide('div.somatik', { outcome: 'return', comment: 'Varför heltid?' });
    const answered = await t.http
      .post(`/api/v1/requests/${id}/resubmit`)
      .set(chef)
      .send({ comment: 'Nattbemanningen kräver det' })
      .expect(201);
    expect(answered.body.currentStage).toMatchObject({ name: 'director_decision', round: 2 });
    await decide('div.somatik', { outcome: 'return', comment: 'Och budgeten?' });
    const repeated = await t.http
      .post(`/api/v1/requests/${id}/resubmit`)
      .set(chef)
      .send({ comment: 'Inom budget', changes: { withinBudget: true, fte: 1 } })
      .expect(201);
    expect(repeated.body.currentStage).toMatchObject({ name: 'director_decision', round: 3 });
  });
});
