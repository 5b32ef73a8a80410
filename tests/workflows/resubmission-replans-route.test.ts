import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { decideUpdate, resubmitUpdate } from '@workflows/messages';
import type { ResubmitUpdateInput, ReviewInput, RouteFacts } from '@workflows/types';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
});
afterAll(() => t?.stop());

type Handle = Awaited<ReturnType<WorkflowTestEnv['startReview']>>['handle'];

const hireFacts = (newPermanentPosition: boolean): RouteFacts => ({
  newPermanentPosition,
  urgent: false,
  callOff: undefined,
});
const period = { periodFrom: '2030-01-01', periodTo: '2030-03-01', estimatedCostSek: 100_000 };
const aCallOff: Partial<ReviewInput> = { kind: 'agency_call_off', urgent: false, callOff: period };

function returnAt(handle: Handle, stage: Parameters<WorkflowTestEnv['decision']>[0], username: string) {
  return handle.executeUpdate(decideUpdate, {
    args: [t.decision(stage, username, { outcome: 'return', comment: 'Stämmer uppgifterna?' })],
  });
}

function resubmit(handle: Handle, facts: RouteFacts | undefined, changedFields: string[]) {
  const input: ResubmitUpdateInput = {
    actorId: t.demo.userId('chef.akuten'),
    resubmissionId: randomUUID(),
    comment: 'Kompletterat',
    ...(facts && { facts, changedFields }),
  };
  return handle.executeUpdate(resubmitUpdate, { args: [input] });
}

function approve(handle: Handle, stage: Parameters<WorkflowTestEnv['decision']>[0], username: string) {
  return handle.executeUpdate(decideUpdate, { args: [t.decision(stage, username)] });
}

const stagesOf = async (requestId: string) =>
  (await t.rowsOf(requestId)).stages.map((s) => `${s.name}:${s.round}`);

describe('a resubmission plans the route again from the changed facts', () => {
  it('sends a replacement hire that became a new permanent position, returned by HR, on to the executive', async () => {
    const { handle, input } = await startReview();
    await returnAt(handle, 'hr_review', 'hr.somatik');
    const again = await resubmit(handle, hireFacts(true), ['replacement']);
    expect(again.currentStage).toMatchObject({ name: 'hr_review', round: 2 });
    await approve(handle, 'hr_review', 'hr.somatik');
    const director = await approve(handle, 'director_decision', 'div.somatik');
    expect(director).toMatchObject({ status: 'in_review', nextStage: { name: 'executive_decision' } });
    const final = await approve(handle, 'executive_decision', 'hsdir');
    expect(final.status).toBe('approved');
    expect(await stagesOf(input.requestId)).toEqual([
      'hr_review:1',
      'hr_review:2',
      'director_decision:1',
      'executive_decision:1',
    ]);
    const [event] = await t.db.dataSource.query(
      `SELECT data FROM audit_events WHERE request_id = $1 AND type = 'resubmitted'`,
      [input.requestId],
    );
    expect(event.data).toMatchObject({
      changedFields: ['replacement'],
      route: ['hr_review', 'director_decision', 'executive_decision'],
    });
    await t.recordHistory('hire-returned-replanned-executive', handle.workflowId);
  });

  it('starts again at HR review when a request returned by the director comes back changed', async () => {
    const { handle, input } = await startReview();
    await approve(handle, 'hr_review', 'hr.somatik');
    await returnAt(handle, 'director_decision', 'div.somatik');
    const again = await resubmit(handle, hireFacts(false), ['justification']);
    expect(again.currentStage).toMatchObject({ name: 'hr_review', round: 2 });
    await approve(handle, 'hr_review', 'hr.somatik');
    const final = await approve(handle, 'director_decision', 'div.somatik');
    expect(final.status).toBe('approved');
    expect(await stagesOf(input.requestId)).toEqual([
      'hr_review:1',
      'director_decision:1',
      'hr_review:2',
      'director_decision:2',
    ]);
  });

  it('re-enters the director stage that returned an unchanged request', async () => {
    const { handle } = await startReview();
    await approve(handle, 'hr_review', 'hr.somatik');
    await returnAt(handle, 'director_decision', 'div.somatik');
    const again = await resubmit(handle, hireFacts(false), []);
    expect(again.currentStage).toMatchObject({ name: 'director_decision', round: 2 });
  });

  it('treats facts that differ from the route’s as a change even when no field is named', async () => {
    const { handle } = await startReview();
    await approve(handle, 'hr_review', 'hr.somatik');
    await returnAt(handle, 'director_decision', 'div.somatik');
    const again = await resubmit(handle, hireFacts(true), []);
    expect(again.currentStage).toMatchObject({ name: 'hr_review', round: 2 });
  });

  it('starts again at HR review when the request differs from the one reviewed though no field is named', async () => {
    // An earlier attempt recorded the change and its Update failed: the retry changes nothing more.
    const { handle } = await startReview({ payloadDigest: 'as-submitted' });
    await approve(handle, 'hr_review', 'hr.somatik');
    await returnAt(handle, 'director_decision', 'div.somatik');
    const again = await handle.executeUpdate(resubmitUpdate, {
      args: [
        {
          actorId: t.demo.userId('chef.akuten'),
          resubmissionId: randomUUID(),
          facts: hireFacts(false),
          changedFields: [],
          payloadDigest: 'changed-before',
        },
      ],
    });
    expect(again.currentStage).toMatchObject({ name: 'hr_review', round: 2 });
    await approve(handle, 'hr_review', 'hr.somatik');
    await returnAt(handle, 'director_decision', 'div.somatik');
    // Reviewed as it now stands: the same digest again re-enters the stage that returned it.
    const unchanged = await handle.executeUpdate(resubmitUpdate, {
      args: [
        {
          actorId: t.demo.userId('chef.akuten'),
          resubmissionId: randomUUID(),
          facts: hireFacts(false),
          changedFields: [],
          payloadDigest: 'changed-before',
        },
      ],
    });
    expect(unchanged.currentStage).toMatchObject({ name: 'director_decision', round: 3 });
  });

  it('drops the executive stage for a position returned by the executive that became a replacement', async () => {
    const { handle, input } = await startReview({ newPermanentPosition: true });
    await approve(handle, 'hr_review', 'hr.somatik');
    await approve(handle, 'director_decision', 'div.somatik');
    await returnAt(handle, 'executive_decision', 'hsdir');
    const again = await resubmit(handle, hireFacts(false), ['replacement']);
    expect(again.currentStage).toMatchObject({ name: 'hr_review', round: 2 });
    await approve(handle, 'hr_review', 'hr.somatik');
    const final = await approve(handle, 'director_decision', 'div.somatik');
    expect(final.status).toBe('approved');
    expect(final.nextStage).toBeUndefined();
    expect(await stagesOf(input.requestId)).toEqual([
      'hr_review:1',
      'director_decision:1',
      'executive_decision:1',
      'hr_review:2',
      'director_decision:2',
    ]);
  });

  it('runs a call-off that became urgent on calendar hours from its staffing review again', async () => {
    const { handle, state } = await startReview(aCallOff);
    const businessDays = Date.parse(state.currentStage!.dueAt) - Date.parse(state.currentStage!.openedAt);
    expect(businessDays).toBeGreaterThan(4 * 3_600_000);
    await returnAt(handle, 'staffing_review', 'hr.somatik');
    const again = await resubmit(handle, { urgent: true, newPermanentPosition: false, callOff: period }, [
      'urgent',
    ]);
    const stage = again.currentStage!;
    expect(stage).toMatchObject({ name: 'staffing_review', round: 2 });
    expect(Date.parse(stage.dueAt) - Date.parse(stage.openedAt)).toBe(4 * 3_600_000);
  });

  it('starts a call-off returned by the director at its staffing review, valid for the changed period', async () => {
    const { handle } = await startReview(aCallOff);
    await approve(handle, 'staffing_review', 'hr.somatik');
    await returnAt(handle, 'director_decision', 'div.somatik');
    const shorter = { ...period, periodTo: '2030-02-01', estimatedCostSek: 60_000 };
    const again = await resubmit(handle, { urgent: false, newPermanentPosition: false, callOff: shorter }, [
      'estimatedCostSek',
      'periodTo',
    ]);
    expect(again.currentStage).toMatchObject({ name: 'staffing_review', round: 2 });
    await approve(handle, 'staffing_review', 'hr.somatik');
    const final = await approve(handle, 'director_decision', 'div.somatik');
    expect(final).toMatchObject({ status: 'approved', validUntil: '2030-02-01' });
  });

  it('keeps the route planned at submission for a resubmission that carries no facts (sent before re-planning)', async () => {
    const { handle } = await startReview();
    await approve(handle, 'hr_review', 'hr.somatik');
    await returnAt(handle, 'director_decision', 'div.somatik');
    const again = await resubmit(handle, undefined, []);
    expect(again.currentStage).toMatchObject({ name: 'director_decision', round: 2 });
  });

  it('refuses facts that do not fit the kind of request, and leaves it returned', async () => {
    const { handle } = await startReview();
    await returnAt(handle, 'hr_review', 'hr.somatik');
    const error = await resubmit(handle, { ...hireFacts(false), callOff: period }, ['urgent']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause as ApplicationFailure).toMatchObject({
      type: 'Unprocessable',
    });
    const again = await resubmit(handle, hireFacts(false), []);
    expect(again.currentStage).toMatchObject({ name: 'hr_review', round: 2 });
  });
});

const startReview: WorkflowTestEnv['startReview'] = (overrides) => t.startReview(overrides);
