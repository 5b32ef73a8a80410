import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { recommendingRoute } from '@domain/policy';
import { decideUpdate, resubmitUpdate, stateQuery } from '@workflows/messages';
import type { DecideUpdateInput, ReviewInput } from '@workflows/types';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
});
afterAll(() => t?.stop());

/** A review on the route for new regions (HR recommends, the director decides), sent whole in the input. */
const onRecommendingRoute = (overrides: Partial<ReviewInput> = {}) =>
  t.startReview({ policyVersion: 2, policy: recommendingRoute(2), ...overrides });

type Handle = Awaited<ReturnType<WorkflowTestEnv['startReview']>>['handle'];

const decide = (handle: Handle, stage: DecideUpdateInput['stage'], username: string, extra = {}) =>
  handle.executeUpdate(decideUpdate, { args: [t.decision(stage, username, extra)] });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
}

async function rollups(requestId: string) {
  const [request] = await t.db.dataSource.query(
    `SELECT coalesce(sum(approved_against_recommendation), 0)::int AS approved_against,
            coalesce(sum(rejected_against_recommendation), 0)::int AS rejected_against,
            coalesce(sum(approved), 0)::int AS approved, coalesce(sum(rejected), 0)::int AS rejected
       FROM stats_rollups r JOIN requests q ON q.unit_id = r.unit_id
      WHERE r.grain = 'day' AND q.id = $1`,
    [requestId],
  );
  return request as {
    approved_against: number;
    rejected_against: number;
    approved: number;
    rejected: number;
  };
}

describe('a recommending stage', () => {
  it('records HR’s avstyrkan and sends it on; the director approves against it and both are kept', async () => {
    const { handle, input, state } = await onRecommendingRoute();
    expect(state.currentStage).toMatchObject({ name: 'hr_review', mode: 'recommending' });
    const before = await rollups(input.requestId);
    const recommended = await decide(handle, 'hr_review', 'hr.somatik', {
      outcome: 'recommend_reject',
      comment: 'Ryms inte i budgeten',
    });
    // A recommendation is never final: the request stays in review and goes to the stage that decides.
    expect(recommended).toMatchObject({
      outcome: 'recommend_reject',
      status: 'in_review',
      nextStage: { name: 'director_decision', mode: 'deciding' },
    });
    const decided = await decide(handle, 'director_decision', 'div.somatik', { outcome: 'approve' });
    expect(decided.status).toBe('approved');
    const final = await handle.result();
    expect(final.status).toBe('approved');
    expect(final.decisions.map((d) => [d.stage, d.outcome])).toEqual([
      ['hr_review', 'recommend_reject'],
      ['director_decision', 'approve'],
    ]);
    const rows = await t.rowsOf(input.requestId);
    expect(rows.decisions).toEqual([
      { stage_name: 'hr_review', outcome: 'recommend_reject' },
      { stage_name: 'director_decision', outcome: 'approve' },
    ]);
    const [modes] = [
      await t.db.dataSource.query(`SELECT name, mode FROM stages WHERE request_id = $1 ORDER BY opened_at`, [
        input.requestId,
      ]),
    ];
    expect(modes).toEqual([
      { name: 'hr_review', mode: 'recommending' },
      { name: 'director_decision', mode: 'deciding' },
    ]);
    const after = await rollups(input.requestId);
    expect(after.approved_against - before.approved_against).toBe(1);
    expect(after.approved - before.approved).toBe(1);
    const [stage] = await t.db.dataSource.query(
      `SELECT sum(recommend_reject)::int AS avstyrkt, sum(recommend_approve)::int AS tillstyrkt
         FROM stats_stage_rollups WHERE grain = 'day' AND stage = 'hr_review' AND unit_id = $1`,
      [input.unitId],
    );
    expect(stage.avstyrkt).toBeGreaterThanOrEqual(1);
    await t.recordHistory('hire-recommended-reject-approved', handle.workflowId);
  });

  it('refuses a decision at a recommending stage and a recommendation at a deciding one, naming the outcome', async () => {
    const { handle } = await onRecommendingRoute();
    const approve = await refusal(decide(handle, 'hr_review', 'hr.somatik', { outcome: 'approve' }));
    expect(approve).toMatchObject({ type: 'Unprocessable', details: [[{ field: 'outcome' }]] });
    await refusal(decide(handle, 'hr_review', 'hr.somatik', { outcome: 'reject', comment: 'Nej' }));
    await decide(handle, 'hr_review', 'hr.somatik', { outcome: 'recommend_approve' });
    const recommend = await refusal(
      decide(handle, 'director_decision', 'div.somatik', { outcome: 'recommend_approve' }),
    );
    expect(recommend).toMatchObject({ type: 'Unprocessable', details: [[{ field: 'outcome' }]] });
    // Still open for the director's own decision.
    const state = await handle.query(stateQuery);
    expect(state).toMatchObject({ status: 'in_review', currentStage: { name: 'director_decision' } });
    await decide(handle, 'director_decision', 'div.somatik', { outcome: 'reject', comment: 'Inte nu' });
    expect((await handle.result()).status).toBe('rejected');
  });

  it('sends a new permanent position on to the executive after the director, HR’s tillstyrkan kept', async () => {
    const { handle, input } = await onRecommendingRoute({ newPermanentPosition: true });
    const before = await rollups(input.requestId);
    await decide(handle, 'hr_review', 'hr.somatik', {
      outcome: 'recommend_approve',
      comment: 'Behovet styrkt',
    });
    const director = await decide(handle, 'director_decision', 'div.somatik', { outcome: 'approve' });
    expect(director).toMatchObject({ status: 'in_review', nextStage: { name: 'executive_decision' } });
    await decide(handle, 'executive_decision', 'hsdir', {
      outcome: 'reject',
      comment: 'Ingen ny tjänst i år',
    });
    const final = await handle.result();
    expect(final.status).toBe('rejected');
    expect(final.decisions.map((d) => d.outcome)).toEqual(['recommend_approve', 'approve', 'reject']);
    const after = await rollups(input.requestId);
    expect(after.rejected_against - before.rejected_against).toBe(1);
    expect(after.approved_against - before.approved_against).toBe(0);
    await t.recordHistory('hire-recommended-executive-rejected', handle.workflowId);
  });

  it('lets the recommending stage return a call-off, and recommends again on resubmission', async () => {
    const period = { periodFrom: '2030-01-01', periodTo: '2030-03-01', estimatedCostSek: 100_000 };
    const { handle, input } = await onRecommendingRoute({ kind: 'agency_call_off', callOff: period });
    await decide(handle, 'staffing_review', 'hr.somatik', { outcome: 'return', comment: 'Vilken period?' });
    await handle.executeUpdate(resubmitUpdate, {
      args: [
        {
          actorId: t.demo.userId('chef.akuten'),
          resubmissionId: `${input.requestId}:1`,
          facts: { newPermanentPosition: false, urgent: false, callOff: period },
          changedFields: [],
        },
      ],
    });
    await decide(handle, 'staffing_review', 'hr.somatik', { outcome: 'recommend_approve' });
    const final = await decide(handle, 'director_decision', 'div.somatik', { outcome: 'approve' });
    expect(final).toMatchObject({ status: 'approved', validUntil: '2030-03-01' });
    await t.recordHistory('call-off-recommended-returned-approved', handle.workflowId);
  });
});
