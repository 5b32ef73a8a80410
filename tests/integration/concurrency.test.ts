import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { stateQuery } from '@workflows/messages';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

/**
 * Races through the whole stack (HTTP, PostgreSQL, Temporal): whatever interleaving happens, one submission is one
 * request with one workflow, and one stage takes one decision, in the database and in the workflow alike.
 */
let t: TestApp;
let unitId: string;

beforeAll(async () => {
  t = await startTestApp();
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
});
afterAll(() => t?.stop());

const count = async (sql: string, params: unknown[]) =>
  ((await t.db.dataSource.query(sql, params)) as { n: number }[])[0].n;

describe('concurrency', () => {
  it('makes one request, one workflow and one first stage of 100 parallel submissions with one Idempotency-Key', async () => {
    const headers = { ...(await bearer(t, 'chef.akuten')), 'Idempotency-Key': 'parallel-100' };
    const body = aHireBody(unitId);
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => t.http.post('/api/v1/requests').set(headers).send(body)),
    );
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body])).toEqual([]);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const [id] = ids;
    expect(
      await count(`SELECT count(*)::int AS n FROM requests WHERE idempotency_key = $1`, ['parallel-100']),
    ).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM stages WHERE request_id = $1`, [id])).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1 AND type = 'submitted'`,
        [id],
      ),
    ).toBe(1);
    const state = await t.client.workflow.getHandle(reviewWorkflowId(id)).query(stateQuery);
    expect(state.currentStage?.name).toBe('hr_review');
    // Every answer names the same first stage, with the same deadline.
    expect(new Set(answers.map((a) => a.body.currentStage?.dueAt)).size).toBe(1);
  });

  it('lets exactly one of 10 parallel conflicting decisions on the director stage through; the other 9 get 409', async () => {
    const hire = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    const id = hire.body.id;
    await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    const outcomes = [
      { outcome: 'approve' },
      { outcome: 'reject', comment: 'Nej' },
      { outcome: 'return', comment: 'Komplettera' },
      { outcome: 'approve_with_conditions', conditions: 'Villkor' },
    ];
    const director = await bearer(t, 'div.somatik');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.http
          .post(`/api/v1/requests/${id}/decisions`)
          .set(director)
          .send({ stage: 'director_decision', ...outcomes[i % 4] }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 200 && s < 300)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const winner = answers.find((a) => a.status === 201)!.body;
    const rows = await t.db.dataSource.query(
      `SELECT outcome FROM decisions WHERE request_id = $1 AND stage_name = 'director_decision'`,
      [id],
    );
    expect(rows).toEqual([{ outcome: winner.outcome }]);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1 AND type = 'decision'`, [
        id,
      ]),
    ).toBe(2);
    const state = await t.client.workflow.getHandle(reviewWorkflowId(id)).query(stateQuery);
    expect(state.decisions.map((d) => [d.stage, d.outcome])).toEqual([
      ['hr_review', 'approve'],
      ['director_decision', winner.outcome],
    ]);
    const [request] = await t.db.dataSource.query(`SELECT status FROM requests WHERE id = $1`, [id]);
    expect(request.status).toBe(state.status);
  });
});
