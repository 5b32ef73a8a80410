import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { stateQuery } from '@workflows/messages';
import { uuidFromKey } from '../../apps/api/src/requests/idempotency';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

/**
 * The workflow records a decision in a local activity, whose transaction commits before Temporal has saved the
 * workflow's step. A Temporal node or its database dying in between loses the update and keeps the rows (the
 * cluster chaos run and the soak found such reviews). The client's retry with the same Idempotency-Key must then
 * reach the workflow, not be answered from the rows alone.
 */
let t: TestApp;
let unitId: string;
beforeAll(async () => {
  t = await startTestApp();
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
});
afterAll(() => t?.stop());

it('sends a retried decision to the workflow when its rows exist but the workflow lost the update', async () => {
  const submitted = await t.http
    .post('/api/v1/requests')
    .set({ ...(await bearer(t, 'chef.akuten')), 'Idempotency-Key': 'lost-update-submit' })
    .send(aHireBody(unitId))
    .expect(201);
  const id: string = submitted.body.id;
  const handle = t.client.workflow.getHandle(reviewWorkflowId(id));
  expect((await handle.query(stateQuery)).currentStage?.name).toBe('hr_review');

  // What the lost attempt left: the decision's transaction committed (the row, the stage closed, the request on),
  // while the workflow never saved the step.
  const ds = t.db.dataSource;
  const [hr] = await ds.query(`SELECT id FROM users WHERE username = 'hr.somatik'`);
  const key = 'lost-update-decision';
  const decisionId = uuidFromKey(hr.id, id, key);
  const [stage] = await ds.query(`SELECT id FROM stages WHERE request_id = $1 AND closed_at IS NULL`, [id]);
  await ds.query(
    `INSERT INTO decisions (id, request_id, stage_id, stage_name, outcome, actor_id, decided_at)
     VALUES ($1, $2, $3, 'hr_review', 'approve', $4, now())`,
    [decisionId, id, stage.id, hr.id],
  );
  await ds.query(`UPDATE stages SET closed_at = now(), outcome = 'approve' WHERE id = $1`, [stage.id]);

  const retried = await t.http
    .post(`/api/v1/requests/${id}/decisions`)
    .set({ ...(await bearer(t, 'hr.somatik')), 'Idempotency-Key': key })
    .send({ outcome: 'approve', stage: 'hr_review', comment: 'Inom ram.' })
    .expect(201);
  expect(retried.body.decisionId).toBe(decisionId);
  // The workflow has the decision now and has moved on, and the record holds it once.
  const state = await handle.query(stateQuery);
  expect(state.decisions.map((d) => [d.stage, d.outcome])).toEqual([['hr_review', 'approve']]);
  expect(state.currentStage?.name).not.toBe('hr_review');
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM decisions WHERE request_id = $1`, [id]);
  expect(n).toBe(1);

  // A second retry is answered from the workflow's completed update: still one decision.
  await t.http
    .post(`/api/v1/requests/${id}/decisions`)
    .set({ ...(await bearer(t, 'hr.somatik')), 'Idempotency-Key': key })
    .send({ outcome: 'approve', stage: 'hr_review', comment: 'Inom ram.' })
    .expect(201);
  expect((await handle.query(stateQuery)).decisions).toHaveLength(1);
});

it('lets the requester resubmit when the record moved on but the workflow lost the resubmission', async () => {
  const chef = await bearer(t, 'chef.akuten');
  const made = await t.http.post('/api/v1/requests').set(chef).send(aHireBody(unitId)).expect(201);
  const id: string = made.body.id;
  await t.http
    .post(`/api/v1/requests/${id}/decisions`)
    .set(await bearer(t, 'hr.somatik'))
    .send({ outcome: 'return', comment: 'Bifoga kostnadskalkyl' })
    .expect(201);
  const handle = t.client.workflow.getHandle(reviewWorkflowId(id));
  expect((await handle.query(stateQuery)).status).toBe('returned');
  // What a lost resubmission leaves: the record back in review, the workflow still waiting for the completion.
  await t.db.dataSource.query(`UPDATE requests SET status = 'in_review' WHERE id = $1`, [id]);

  await t.http
    .post(`/api/v1/requests/${id}/resubmit`)
    .set(chef)
    .send({ comment: 'Kalkylen är bifogad' })
    .expect(201);
  expect((await handle.query(stateQuery)).status).toBe('in_review');
  // Once the workflow too has it, a second resubmission is refused as before.
  await t.http.post(`/api/v1/requests/${id}/resubmit`).set(chef).send({ comment: 'Igen' }).expect(409);
});
