import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { runReconcile } from '../../scripts/reconcile-run';

/**
 * The reconciler against a state broken on purpose, as a restore leaves it: a review in its first stage whose
 * workflow is gone (restartable), a review with a recorded decision whose workflow is gone (for a person), and a
 * workflow whose decision the record lacks (a decision row deleted, as a lost write). Then --repair, and again.
 */
jest.setTimeout(120_000);

let t: TestApp;
let unitId: string;

beforeAll(async () => {
  t = await startTestApp();
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  expect((await openReviewPeriod(t, 'hire', '2020-01-01', '2099-12-31')).status).toBe(201);
});
afterAll(() => t?.stop());

async function submit(key: string): Promise<string> {
  const res = await t.http
    .post('/api/v1/requests')
    .set({ ...(await bearer(t, 'chef.akuten')), 'Idempotency-Key': key })
    .send(aHireBody(unitId));
  expect(res.status).toBe(201);
  return res.body.id as string;
}
async function approveFirst(id: string) {
  const res = await t.http
    .post(`/api/v1/requests/${id}/decisions`)
    .set({ ...(await bearer(t, 'hr.somatik')), 'Idempotency-Key': `${id}-1` })
    .send({ stage: 'hr_review', outcome: 'approve' });
  expect(res.status).toBe(201);
}
const deleteWorkflow = (id: string) =>
  t.client.workflowService.deleteWorkflowExecution({
    namespace: t.config.temporal.namespace,
    workflowExecution: { workflowId: reviewWorkflowId(id) },
  });
const run = (repair: boolean) =>
  runReconcile(t.db.dataSource, t.client, t.config.temporal.taskQueue, { repair, onlyTaskQueue: true });
const byRequest = (ds: { requestId: string; kind: string; repair: string }[]) =>
  Object.fromEntries(ds.map((d) => [d.requestId, `${d.kind}/${d.repair}`]));

it('lists every difference, restarts what it may and leaves the rest for a person', async () => {
  const fine = await submit('rec-fine');
  const lostWorkflow = await submit('rec-lost-wf');
  const decidedLost = await submit('rec-decided-lost-wf');
  await approveFirst(decidedLost);
  const lostDecision = await submit('rec-lost-decision');
  await approveFirst(lostDecision);

  const clean = await run(false);
  expect(
    clean.differences.filter((d) => [fine, lostWorkflow, decidedLost, lostDecision].includes(d.requestId)),
  ).toEqual([]);

  await deleteWorkflow(lostWorkflow);
  await deleteWorkflow(decidedLost);
  // A decision the workflow has and the record lost (the audit trail refuses DELETE, the decision row does not).
  await t.db.dataSource.query(`DELETE FROM decisions WHERE request_id = $1`, [lostDecision]);

  const found = byRequest((await run(false)).differences);
  expect(found[fine]).toBeUndefined();
  expect(found[lostWorkflow]).toBe('workflow_missing/restart_workflow');
  expect(found[decidedLost]).toBe('workflow_missing/manual');
  expect(found[lostDecision]).toBe('decisions_workflow_ahead/manual');

  const repaired = await run(true);
  expect(repaired.repaired.map((d) => d.requestId)).toEqual([lostWorkflow]);
  expect(repaired.failed).toEqual([]);
  expect((await t.client.workflow.getHandle(reviewWorkflowId(lostWorkflow)).describe()).status.name).toBe(
    'RUNNING',
  );

  const left = byRequest((await run(false)).differences);
  expect(left[lostWorkflow]).toBeUndefined();
  expect(left[decidedLost]).toBe('workflow_missing/manual');
  expect(left[lostDecision]).toBe('decisions_workflow_ahead/manual');
});
