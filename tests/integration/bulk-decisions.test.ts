import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { stateQuery } from '@workflows/messages';
import { startTestApp, type TestApp } from '../support/app';
import { aCallOffBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(300_000);

/**
 * Bulk decisions (issue 21): the HR partner approves a summer's call-offs in one call. Each request is decided by
 * its own review's Update as a single decision is; the answer is per request, and a retry decides nothing twice.
 */
let t: TestApp;
let units: Map<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  expect((await openReviewPeriod(t, 'agency_call_off')).status).toBe(201);
  units = await unitIdsByCode(t);
});
afterAll(() => t?.stop());

const MISSING = '00000000-0000-4000-8000-000000000000';

async function submitCallOff(requester = 'chef.akuten', unit = 'SOM-AKUT'): Promise<string> {
  const res = await t.http
    .post('/api/v1/requests')
    .set(await bearer(t, requester))
    .send(aCallOffBody(units.get(unit)!))
    .expect(201);
  expect(res.body.currentStage.name).toBe('staffing_review');
  return res.body.id;
}

const bulk = async (username: string, body: unknown, key: string | null = 'bulk-key-1') => {
  let req = t.http.post('/api/v1/decisions/bulk').set(await bearer(t, username));
  if (key !== null) req = req.set('Idempotency-Key', key);
  return req.send(body as object);
};

const decisionsOf = (requestId: string) =>
  t.db.dataSource.query(
    `SELECT d.id, d.stage_name AS stage, d.outcome, d.comment, u.username
       FROM decisions d JOIN users u ON u.id = d.actor_id WHERE d.request_id = $1 ORDER BY d.decided_at`,
    [requestId],
  );

describe('a bulk approval', () => {
  it('approves each call-off through its own review, refuses the decided one and the one out of scope, and decides nothing twice on a retry', async () => {
    const fresh: string[] = [];
    for (let i = 0; i < 8; i += 1) fresh.push(await submitCallOff());
    const alreadyDecided = await submitCallOff();
    await t.http
      .post(`/api/v1/requests/${alreadyDecided}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve' })
      .expect(201);
    const outOfScope = await submitCallOff('chef.psyk', 'PSY-VUX');
    const ids = [...fresh.slice(0, 4), alreadyDecided, ...fresh.slice(4), outOfScope];
    const body = {
      items: ids.map((requestId) => ({ requestId, stage: 'staffing_review' })),
      outcome: 'approve',
      comment: 'Sommarbemanningen enligt plan',
    };

    const first = await bulk('hr.somatik', body, 'summer-2031');
    expect(first.status).toBe(200);
    expect(first.body.decided).toBe(8);
    expect(first.body.refused).toBe(2);
    expect(
      first.body.items.map((i: { requestId: string; result: string }) => [i.requestId, i.result]),
    ).toEqual(ids.map((id) => [id, fresh.includes(id) ? 'decided' : 'refused']));
    const byId = new Map(first.body.items.map((i: { requestId: string }) => [i.requestId, i]));
    expect(byId.get(alreadyDecided)).toEqual({
      requestId: alreadyDecided,
      result: 'refused',
      problem: {
        code: 'stage_not_open',
        status: 409,
        detail: 'The staffing_review stage is no longer open (now: director_decision)',
      },
    });
    // Outside the HR partner's division: refused as a single decision is, without telling it exists.
    expect(byId.get(outOfScope)).toEqual({
      requestId: outOfScope,
      result: 'refused',
      problem: { code: 'not_found', status: 404, detail: `No request ${outOfScope}` },
    });

    for (const id of fresh) {
      const item = byId.get(id) as {
        decision: { decisionId: string; stage: string; outcome: string; nextStage: { name: string } };
      };
      expect(item.decision).toMatchObject({
        stage: 'staffing_review',
        outcome: 'approve',
        status: 'in_review',
      });
      expect(item.decision.nextStage.name).toBe('director_decision');
      // The review's own state and the database's record agree: one approval, the next stage open.
      const state = await t.client.workflow.getHandle(reviewWorkflowId(id)).query(stateQuery);
      expect(state.decisions.map((d) => [d.stage, d.outcome])).toEqual([['staffing_review', 'approve']]);
      expect(state.currentStage?.name).toBe('director_decision');
      expect(await decisionsOf(id)).toEqual([
        {
          id: item.decision.decisionId,
          stage: 'staffing_review',
          outcome: 'approve',
          comment: 'Sommarbemanningen enligt plan',
          username: 'hr.somatik',
        },
      ]);
    }
    expect(await decisionsOf(alreadyDecided)).toHaveLength(1);
    expect(await decisionsOf(outOfScope)).toEqual([]);
    const psy = await t.client.workflow.getHandle(reviewWorkflowId(outOfScope)).query(stateQuery);
    expect(psy.currentStage?.name).toBe('staffing_review');

    // The retry of a call whose answer was lost: the same decisions answered, none made again.
    const retry = await bulk('hr.somatik', body, 'summer-2031');
    expect(retry.status).toBe(200);
    expect(retry.body.decided).toBe(8);
    for (const id of fresh) {
      const again = retry.body.items.find((i: { requestId: string }) => i.requestId === id);
      expect(again.decision.decisionId).toBe(
        (byId.get(id) as { decision: { decisionId: string } }).decision.decisionId,
      );
      expect(await decisionsOf(id)).toHaveLength(1);
      const state = await t.client.workflow.getHandle(reviewWorkflowId(id)).query(stateQuery);
      expect(state.decisions).toHaveLength(1);
      expect(state.currentStage?.name).toBe('director_decision');
    }
  });

  it('refuses, per request, an outcome the stage does not offer: the review validator decides as for one decision', async () => {
    const id = await submitCallOff();
    const res = await bulk(
      'hr.somatik',
      { items: [{ requestId: id, stage: 'staffing_review' }], outcome: 'recommend_approve' },
      'recommend-on-deciding',
    );
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      requestId: id,
      result: 'refused',
      problem: { code: 'unprocessable', status: 422, errors: [{ field: 'outcome' }] },
    });
    expect(await decisionsOf(id)).toEqual([]);
  });
});

describe('bad input to a bulk decision', () => {
  const item = (requestId: string, stage = 'staffing_review') => ({ requestId, stage });
  const ids = (n: number) =>
    Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
  const cases: [string, unknown, string][] = [
    ['an empty list', { items: [], outcome: 'approve' }, 'items'],
    ['51 items', { items: ids(51).map((id) => item(id)), outcome: 'approve' }, 'items'],
    [
      'mixed stages',
      { items: [item(ids(2)[0]), item(ids(2)[1], 'director_decision')], outcome: 'approve' },
      'items.1.stage',
    ],
    ['a request twice', { items: [item(MISSING), item(MISSING)], outcome: 'approve' }, 'items.1.requestId'],
    ['a bad uuid', { items: [item('not-a-uuid')], outcome: 'approve' }, 'items.0.requestId'],
    ['an unknown stage', { items: [item(MISSING, 'tea_break')], outcome: 'approve' }, 'items.0.stage'],
    ['an unknown outcome', { items: [item(MISSING)], outcome: 'approve_everything' }, 'outcome'],
    [
      'a rejection, which needs its own reasons',
      { items: [item(MISSING)], outcome: 'reject', comment: 'Nej' },
      'outcome',
    ],
    [
      'a comment too long',
      { items: [item(MISSING)], outcome: 'approve', comment: 'x'.repeat(4001) },
      'comment',
    ],
    ['an unknown field', { items: [item(MISSING)], outcome: 'approve', conditions: 'x' }, 'conditions'],
    ['no items at all', { outcome: 'approve' }, 'items'],
  ];
  it.each(cases)('answers %s with 400 problem+json naming the field', async (_, body, field) => {
    const res = await bulk('hr.somatik', body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('requires an Idempotency-Key and refuses a malformed one', async () => {
    const body = { items: [item(MISSING)], outcome: 'approve' };
    for (const key of [null, 'has spaces in it']) {
      const res = await bulk('hr.somatik', body, key);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    }
  });
});

describe('who may decide in bulk', () => {
  it('refuses the requester and the follow-up role outright, and decides nothing', async () => {
    const id = await submitCallOff();
    const body = { items: [{ requestId: id, stage: 'staffing_review' }], outcome: 'approve' };
    for (const username of ['chef.akuten', 'styrgrupp']) {
      const res = await bulk(username, body, `as-${username}`);
      expect([username, res.status]).toEqual([username, 403]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await decisionsOf(id)).toEqual([]);
  });

  it("refuses a reviewer another division's request while deciding the others in the same call", async () => {
    const psy = await submitCallOff('chef.psyk', 'PSY-VUX');
    const som = await submitCallOff();
    const res = await bulk(
      'hr.psykiatri',
      { items: [psy, som].map((requestId) => ({ requestId, stage: 'staffing_review' })), outcome: 'approve' },
      'psykiatri-1',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { result: string }) => i.result)).toEqual(['decided', 'refused']);
    expect(res.body.items[1].problem.code).toBe('not_found');
    expect(await decisionsOf(psy)).toHaveLength(1);
    expect(await decisionsOf(som)).toEqual([]);
  });
});
