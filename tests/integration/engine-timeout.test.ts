import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { stateQuery } from '@workflows/messages';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

/**
 * A call the review engine takes but does not confirm (no worker to run the workflow task, or a task that cannot
 * complete because Temporal's or PostgreSQL's disk is full) is answered 503 after TEMPORAL_CALL_TIMEOUT_SECONDS
 * with Retry-After, instead of hanging until the client gives up; the client's retry with the same
 * Idempotency-Key is answered once the engine confirms, and nothing is recorded twice.
 */
let t: TestApp;
let unitId: string;
beforeAll(async () => {
  t = await startTestApp({ TEMPORAL_CALL_TIMEOUT_SECONDS: '2' });
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
});
afterAll(() => t?.stop());

/** As a client does with a 503: the same call and key again, until the engine answers (a new worker warms up). */
async function untilAnswered<R extends { status: number }>(call: () => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const res = await call();
    if (res.status !== 503 || attempt === 10) return res;
  }
}

const unconfirmed = /^The review engine has not confirmed this within 2 s; it may still be recorded/;

it('answers a submission and a decision the engine does not confirm with 503 in time, and their retries once', async () => {
  const chef = { ...(await bearer(t, 'chef.akuten')), 'Idempotency-Key': 'engine-timeout-submit' };
  const hr = { ...(await bearer(t, 'hr.somatik')), 'Idempotency-Key': 'engine-timeout-decide' };
  await t.stopWorker();

  const started = Date.now();
  const refused = await t.http.post('/api/v1/requests').set(chef).send(aHireBody(unitId));
  const took = Date.now() - started;
  expect(refused.status).toBe(503);
  expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(refused.headers['retry-after']).toBe('5');
  expect(refused.body.detail).toMatch(unconfirmed);
  // The deadline (2 s) and not the client's patience ended the call.
  expect(took).toBeGreaterThanOrEqual(2_000);
  expect(took).toBeLessThan(15_000);

  await t.startWorker();
  const submitted = await untilAnswered(() =>
    t.http.post('/api/v1/requests').set(chef).send(aHireBody(unitId)),
  );
  expect(submitted.status).toBe(201);
  const id: string = submitted.body.id;
  const handle = t.client.workflow.getHandle(reviewWorkflowId(id));
  expect((await handle.query(stateQuery)).currentStage?.name).toBe('hr_review');

  await t.stopWorker();
  const decision = { outcome: 'approve', stage: 'hr_review', comment: 'Inom ram.' };
  const late = await t.http.post(`/api/v1/requests/${id}/decisions`).set(hr).send(decision);
  expect(late.status).toBe(503);
  expect(late.body.detail).toMatch(unconfirmed);

  await t.startWorker();
  const decided = await untilAnswered(() =>
    t.http.post(`/api/v1/requests/${id}/decisions`).set(hr).send(decision),
  );
  expect(decided.status).toBe(201);
  const ds = t.db.dataSource;
  const [{ requests }] = await ds.query(
    `SELECT count(*)::int AS requests FROM requests WHERE unit_id = $1 AND status <> 'draft'`,
    [unitId],
  );
  expect(requests).toBe(1);
  const [{ decisions }] = await ds.query(
    `SELECT count(*)::int AS decisions FROM decisions WHERE request_id = $1`,
    [id],
  );
  expect(decisions).toBe(1);
  expect((await handle.query(stateQuery)).decisions).toHaveLength(1);
});
