import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import {
  decideUpdate,
  reassignUpdate,
  resubmitUpdate,
  stateQuery,
  withdrawUpdate,
} from '@workflows/messages';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
});
afterAll(() => t?.stop());

const startReview: WorkflowTestEnv['startReview'] = (overrides) => t.startReview(overrides);
const decision: WorkflowTestEnv['decision'] = (...args) => t.decision(...args);
const rowsOf = (id: string) => t.rowsOf(id);

/** The ApplicationFailure a refused update carries: its type is what the API maps to 403, 409 or 422. */
async function refusal(update: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await update.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkflowUpdateFailedError))
    throw new Error(`expected a refused update, got ${String(error)}`);
  return error.cause as ApplicationFailure;
}

describe('staffingReviewWorkflow on the time-skipping test server', () => {
  it('opens hr_review with a deadline at 16:00 on the second business day and answers the submit update with it', async () => {
    const { state, input } = await startReview();
    expect(state.currentStage?.name).toBe('hr_review');
    const due = new Date(state.currentStage!.dueAt);
    expect(
      due.toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }),
    ).toBe('16:00');
    const { stages } = await rowsOf(input.requestId);
    expect(stages).toEqual([
      { name: 'hr_review', round: 1, escalation_level: 0, closed: false, outcome: null },
    ]);
  });

  it('escalates to the HR lead when the HR review passes its deadline, skipping days in well under a second', async () => {
    const { handle, input, state: opened } = await startReview();
    const started = Date.now();
    await t.sleepPast(opened.currentStage!.dueAt);
    const wall = Date.now() - started;
    const state = await handle.query(stateQuery);
    expect(state.currentStage?.escalationLevel).toBe(1);
    expect(Date.parse(state.currentStage!.dueAt)).toBeGreaterThan(Date.parse(opened.currentStage!.dueAt));
    expect(state.currentStage?.assignees.map((a) => a.role)).toEqual(['hr_reviewer', 'hr_lead']);
    expect(wall).toBeLessThan(5000); // a guard against real waiting, not a performance target
    const { stages, audit } = await rowsOf(input.requestId);
    expect(stages[0].escalation_level).toBe(1);
    expect(audit).toEqual(expect.arrayContaining(['stage_opened', 'stage_reminder', 'stage_escalated']));
    // Never an automatic outcome: still open after weeks, with a reminder every business day.
    await t.sleepPast(state.currentStage!.dueAt);
    await t.env.sleep('21 days');
    const later = await rowsOf(input.requestId);
    expect(later.request.status).toBe('in_review');
    expect(later.audit.filter((t: string) => t === 'stage_overdue').length).toBeGreaterThanOrEqual(5);
    await t.recordHistory('hire-escalated-overdue', handle.workflowId);
  });

  it('routes a hire through HR review and the director to a final approval valid for 90 days', async () => {
    const { handle, input } = await startReview();
    const first = await handle.executeUpdate(decideUpdate, { args: [decision('hr_review', 'hr.somatik')] });
    expect(first.status).toBe('in_review');
    expect(first.nextStage?.name).toBe('director_decision');
    const final = await handle.executeUpdate(decideUpdate, {
      args: [decision('director_decision', 'div.somatik')],
    });
    expect(final.status).toBe('approved');
    expect(final.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const result = await handle.result();
    expect(result.status).toBe('approved');
    const rows = await rowsOf(input.requestId);
    expect(rows.request.status).toBe('approved');
    expect(rows.request.valid_until).toBe(final.validUntil);
    expect(rows.decisions).toEqual([
      { stage_name: 'hr_review', outcome: 'approve' },
      { stage_name: 'director_decision', outcome: 'approve' },
    ]);
    await t.recordHistory('hire-approved', `review-${input.requestId}`);
  });

  it('ends the review at a rejection with its reason: final, no further stage, no validity', async () => {
    const { handle, input } = await startReview();
    const rejected = await handle.executeUpdate(decideUpdate, {
      args: [decision('hr_review', 'hr.somatik', { outcome: 'reject', comment: 'Ryms inte i budget' })],
    });
    expect(rejected).toMatchObject({ status: 'rejected', stage: 'hr_review' });
    expect(rejected.nextStage).toBeUndefined();
    expect(rejected.validUntil).toBeUndefined();
    expect((await handle.result()).status).toBe('rejected');
    const rows = await rowsOf(input.requestId);
    expect(rows.request).toMatchObject({ status: 'rejected', valid_until: null });
    expect(rows.stages).toHaveLength(1);
    await t.recordHistory('hire-rejected', handle.workflowId);
  });

  it('sends a new permanent position on to the executive after the director', async () => {
    const { handle } = await startReview({ newPermanentPosition: true });
    await handle.executeUpdate(decideUpdate, { args: [decision('hr_review', 'hr.somatik')] });
    const second = await handle.executeUpdate(decideUpdate, {
      args: [decision('director_decision', 'div.somatik')],
    });
    expect(second.nextStage?.name).toBe('executive_decision');
    const third = await handle.executeUpdate(decideUpdate, {
      args: [
        decision('executive_decision', 'hsdir', {
          outcome: 'approve_with_conditions',
          conditions: 'Max 0.8',
        }),
      ],
    });
    expect(third.status).toBe('approved_with_conditions');
    await t.recordHistory('hire-new-permanent-executive', handle.workflowId);
  });

  it('refuses a decision by the requester, by someone outside the division, and a second stage by the same person', async () => {
    const { handle } = await startReview();
    expect(
      await refusal(handle.executeUpdate(decideUpdate, { args: [decision('hr_review', 'chef.akuten')] })),
    ).toMatchObject({
      type: 'NotAllowed',
      message: expect.stringMatching(/submitted/),
    });
    expect(
      await refusal(handle.executeUpdate(decideUpdate, { args: [decision('hr_review', 'hr.psykiatri')] })),
    ).toMatchObject({
      type: 'NotAllowed',
      message: expect.stringMatching(/decided by hr_reviewer/),
    });
    expect(
      await refusal(
        handle.executeUpdate(decideUpdate, { args: [decision('director_decision', 'div.somatik')] }),
      ),
    ).toMatchObject({
      type: 'StageNotOpen',
    });
    // Before escalation the HR lead may not decide HR review.
    expect(
      await refusal(handle.executeUpdate(decideUpdate, { args: [decision('hr_review', 'hrchef')] })),
    ).toMatchObject({
      type: 'NotAllowed',
    });
    // The HR lead may decide HR review only after escalation; then not the director stage as well.
    await t.sleepPast((await handle.query(stateQuery)).currentStage!.dueAt);
    await handle.executeUpdate(decideUpdate, { args: [decision('hr_review', 'hrchef')] });
    const state = await handle.query(stateQuery);
    expect(state.currentStage?.name).toBe('director_decision');
    // After the director stage escalates, the executive may decide it; the HR lead still may not (second stage).
    await t.sleepPast(state.currentStage!.dueAt);
    expect(
      await refusal(handle.executeUpdate(decideUpdate, { args: [decision('director_decision', 'hrchef')] })),
    ).toMatchObject({
      type: 'NotAllowed',
    });
    const final = await handle.executeUpdate(decideUpdate, {
      args: [decision('director_decision', 'hsdir')],
    });
    expect(final.status).toBe('approved');
    await t.recordHistory('hire-refusals-escalated-decisions', handle.workflowId);
  });

  it('lets exactly one of several concurrent decisions on one stage through', async () => {
    const { handle, input } = await startReview();
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        handle.executeUpdate(decideUpdate, { args: [decision('hr_review', 'hr.somatik')] }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const rows = await rowsOf(input.requestId);
    expect(rows.decisions).toHaveLength(1);
  });

  it('returns a request to the requester and re-enters the returning stage on resubmission', async () => {
    const { handle, input } = await startReview();
    const returned = await handle.executeUpdate(decideUpdate, {
      args: [
        decision('hr_review', 'hr.somatik', { outcome: 'return', comment: 'Which alternatives were tried?' }),
      ],
    });
    expect(returned.status).toBe('returned');
    const again = await handle.executeUpdate(resubmitUpdate, {
      args: [{ actorId: t.demo.userId('chef.akuten'), resubmissionId: randomUUID() }],
    });
    expect(again.status).toBe('in_review');
    expect(again.currentStage).toMatchObject({ name: 'hr_review', round: 2 });
    const rows = await rowsOf(input.requestId);
    expect(rows.stages.map((s: { round: number }) => s.round)).toEqual([1, 2]);
    expect(rows.audit).toContain('resubmitted');
    await t.recordHistory('hire-returned-resubmitted', handle.workflowId);
  });

  it('withdraws a returned request as not completed after 10 business days without resubmission', async () => {
    const { handle, input } = await startReview();
    await handle.executeUpdate(decideUpdate, {
      args: [decision('hr_review', 'hr.somatik', { outcome: 'return', comment: 'Cost missing' })],
    });
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'withdrawn', withdrawalReason: 'not_completed' });
    const rows = await rowsOf(input.requestId);
    expect(rows.request).toMatchObject({ status: 'withdrawn', status_reason: 'not_completed' });
    expect(rows.audit).toEqual(expect.arrayContaining(['return_reminder', 'withdrawn']));
    await t.recordHistory('hire-returned-not-completed', handle.workflowId);
  });

  it('lets the requester withdraw an open request and closes its stage', async () => {
    const { handle, input } = await startReview();
    const refused = await refusal(
      handle.executeUpdate(withdrawUpdate, {
        args: [{ actorId: t.demo.userId('hr.somatik'), withdrawalId: randomUUID() }],
      }),
    );
    expect(refused).toMatchObject({ type: 'NotAllowed', message: 'Only the requester may withdraw' });
    const state = await handle.executeUpdate(withdrawUpdate, {
      args: [{ actorId: t.demo.userId('chef.akuten'), withdrawalId: randomUUID() }],
    });
    expect(state.status).toBe('withdrawn');
    const rows = await rowsOf(input.requestId);
    expect(rows.stages[0]).toMatchObject({ closed: true, outcome: 'withdrawn' });
    await t.recordHistory('hire-withdrawn', handle.workflowId);
  });

  it('runs an urgent call-off on calendar hours: due four hours after opening', async () => {
    const { state } = await startReview({
      kind: 'agency_call_off',
      urgent: true,
      callOff: { periodFrom: '2030-01-01', periodTo: '2030-02-01', estimatedCostSek: 100_000 },
    });
    expect(state.currentStage?.name).toBe('staffing_review');
    const hours =
      (Date.parse(state.currentStage!.dueAt) - Date.parse(state.currentStage!.openedAt)) / 3_600_000;
    expect(hours).toBe(4);
  });

  it('escalates an urgent call-off four hours after its deadline, on calendar hours', async () => {
    const { handle, state } = await startReview({
      kind: 'agency_call_off',
      urgent: true,
      callOff: { periodFrom: '2030-01-01', periodTo: '2030-02-01', estimatedCostSek: 100_000 },
    });
    await t.sleepPast(state.currentStage!.dueAt);
    const escalated = (await handle.query(stateQuery)).currentStage!;
    expect(escalated.escalationLevel).toBe(1);
    expect(Date.parse(escalated.dueAt) - Date.parse(state.currentStage!.dueAt)).toBe(4 * 3_600_000);
    await t.recordHistory('call-off-urgent-escalated', handle.workflowId);
  });

  it('keeps a period shortened at the staffing review for the final approval of a call-off', async () => {
    const { handle } = await startReview({
      kind: 'agency_call_off',
      callOff: { periodFrom: '2030-01-01', periodTo: '2030-03-01', estimatedCostSek: 100_000 },
    });
    await handle.executeUpdate(decideUpdate, {
      args: [
        decision('staffing_review', 'hr.somatik', {
          outcome: 'approve_with_conditions',
          conditions: 'Januari räcker',
          approvedPeriodTo: '2030-01-31',
        }),
      ],
    });
    const final = await handle.executeUpdate(decideUpdate, {
      args: [decision('director_decision', 'div.somatik')],
    });
    expect(final).toMatchObject({ status: 'approved_with_conditions', validUntil: '2030-01-31' });
  });

  it('records a call-off approval as valid for the approved, shortened period', async () => {
    const { handle } = await startReview({
      kind: 'agency_call_off',
      callOff: { periodFrom: '2030-01-01', periodTo: '2030-03-01', estimatedCostSek: 100_000 },
    });
    await handle.executeUpdate(decideUpdate, { args: [decision('staffing_review', 'hr.somatik')] });
    const final = await handle.executeUpdate(decideUpdate, {
      args: [
        decision('director_decision', 'div.somatik', {
          outcome: 'approve_with_conditions',
          conditions: 'Two months only',
          approvedPeriodTo: '2030-02-01',
        }),
      ],
    });
    expect(final).toMatchObject({ status: 'approved_with_conditions', validUntil: '2030-02-01' });
    await t.recordHistory('call-off-approved-shortened', handle.workflowId);
  });

  it('reassigns an open stage: then only the new assignee decides, until the stage escalates past them', async () => {
    const { handle, input } = await startReview();
    const actor = t.demo.actor('hrchef');
    expect(
      await refusal(
        handle.executeUpdate(reassignUpdate, {
          args: [
            {
              reassignmentId: randomUUID(),
              stage: 'hr_review',
              actor: t.demo.actor('hr.somatik'),
              to: actor,
            },
          ],
        }),
      ),
    ).toMatchObject({ type: 'NotAllowed' });
    // The HR lead cannot take HR review before it escalates to them: not their stage yet.
    expect(
      await refusal(
        handle.executeUpdate(reassignUpdate, {
          args: [
            { reassignmentId: randomUUID(), stage: 'hr_review', actor, to: t.demo.actor('hr.psykiatri') },
          ],
        }),
      ),
    ).toMatchObject({ type: 'Unprocessable' });
    const stage = await handle.executeUpdate(reassignUpdate, {
      args: [{ reassignmentId: randomUUID(), stage: 'hr_review', actor, to: t.demo.actor('hr.somatik') }],
    });
    expect(stage.assigneeUserId).toBe(t.demo.userId('hr.somatik'));
    const rows = await rowsOf(input.requestId);
    expect(rows.audit).toContain('stage_reassigned');
    await handle.executeUpdate(decideUpdate, { args: [decision('hr_review', 'hr.somatik')] });
    await t.recordHistory('hire-reassigned', handle.workflowId);
  });

  it('writes each notification once: the opened stage, its reminder and escalation, and the decision', async () => {
    const { handle, input, state } = await startReview();
    await t.sleepPast(state.currentStage!.dueAt);
    await handle.executeUpdate(decideUpdate, { args: [decision('hr_review', 'hrchef')] });
    const { notifications, audit } = await rowsOf(input.requestId);
    const keys = await t.db.dataSource.query(
      `SELECT event_key, recipient_id, count(*)::int AS n FROM notifications WHERE request_id = $1
        GROUP BY event_key, recipient_id HAVING count(*) > 1`,
      [input.requestId],
    );
    expect(keys).toEqual([]);
    expect(notifications).toBeGreaterThanOrEqual(4);
    expect(audit.slice(0, 4)).toEqual(['stage_opened', 'stage_reminder', 'stage_escalated', 'decision']);
  });

  it('sends reminders of a stage already open to a delegate once the absent reviewer’s delegation starts', async () => {
    const { input, state } = await startReview();
    const [som] = await t.db.dataSource.query(`SELECT id FROM org_units WHERE code = 'SOM'`);
    const [delegate] = await t.db.dataSource.query(
      `INSERT INTO users (username, display_name) VALUES ('hr.stand-in.' || gen_random_uuid(), 'Stand-in') RETURNING id`,
    );
    await t.db.dataSource.query(
      `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'hr_reviewer', $2)`,
      [delegate.id, som.id],
    );
    const received = () =>
      t.db.dataSource.query(
        `SELECT type FROM notifications WHERE request_id = $1 AND recipient_id = $2 ORDER BY created_at`,
        [input.requestId, delegate.id],
      );
    expect(await received()).toEqual([]); // the stage opened before anyone was away
    const now = new Date(await t.env.currentTimeMs());
    await t.db.dataSource.query(
      `INSERT INTO delegations (delegator_id, delegate_id, valid_from, valid_to, created_by)
       VALUES ($1, $2, $3::date, $3::date + 30, $1)`,
      [t.demo.userId('hr.somatik'), delegate.id, now.toISOString().slice(0, 10)],
    );
    await t.sleepPast(state.currentStage!.dueAt);
    expect((await received()).map((n: { type: string }) => n.type)).toContain('stage_reminder');
  });
});
