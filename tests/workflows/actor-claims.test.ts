import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { signActorClaim } from '@domain/actor-claim';
import { failureTypeOf } from '@domain/errors';
import { decideUpdate, reassignUpdate, resubmitUpdate, stateQuery } from '@workflows/messages';
import type { DecideUpdateInput } from '@workflows/types';
import { outsiderClient, refusal } from '../support/unsigned-updates';
import { startWorkflowTestEnv, TEST_CLAIM_KEYS, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

/**
 * Anyone who reaches Temporal can send a `decide` Update; only the API holds the key that signs its actor claim.
 * The validator refuses the others before they are accepted: nothing enters the history or PostgreSQL, and the
 * review goes on as if they had never been sent.
 */
let t: WorkflowTestEnv;
/** A client that signs nothing (tests/support/unsigned-updates.ts). */
let outsider: Client;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
  outsider = outsiderClient(t);
});
afterAll(() => t?.stop());

async function acceptedUpdates(handle: WorkflowHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId)
    .filter((id): id is string => !!id);
}

/** Sends `body` as the outsider would, under an update id of its own. */
const sendAsOutsider = (workflowId: string, body: object, name = decideUpdate.name) =>
  outsider.workflow
    .getHandle(workflowId)
    .executeUpdate(name, { args: [body], updateId: `forged-${randomUUID()}` });

const signedFor = async <T extends object>(
  workflowId: string,
  update: string,
  body: T,
  key = TEST_CLAIM_KEYS[0],
) => ({
  ...body,
  claim: signActorClaim(key, { workflowId, update }, body, new Date(await t.env.currentTimeMs())),
});

async function expectRefusedAndUntouched(handle: WorkflowHandle, requestId: string, sent: Promise<unknown>) {
  const before = await acceptedUpdates(handle);
  const failure = await refusal(sent);
  expect(failure.type).toBe(failureTypeOf('not_allowed'));
  expect(await acceptedUpdates(handle)).toEqual(before);
  const { decisions } = await t.rowsOf(requestId);
  expect(decisions).toEqual([]);
  return failure;
}

describe('actor claims on the review updates', () => {
  it('refuses a decision under a made-up identity that carries no claim, and a real one goes through after it', async () => {
    const { handle, input } = await startReview();
    // Someone who knows an HR reviewer's grants and makes up an id: exactly what the validator used to believe.
    const forged: DecideUpdateInput = {
      ...t.decision('hr_review', 'hr.somatik'),
      actor: { userId: randomUUID(), grants: t.demo.actor('hr.somatik').grants },
    };
    const failure = await expectRefusedAndUntouched(
      handle,
      input.requestId,
      sendAsOutsider(handle.workflowId, forged),
    );
    expect(failure.message).toContain('claim missing');
    expect((await handle.query(stateQuery)).currentStage?.name).toBe('hr_review');

    const real = await handle.executeUpdate(decideUpdate, { args: [t.decision('hr_review', 'hr.somatik')] });
    expect(real.nextStage?.name).toBe('director_decision');
  });

  it('refuses a claim signed with a key the worker does not hold', async () => {
    const { handle, input } = await startReview();
    const strangerKey = { kid: TEST_CLAIM_KEYS[0].kid, secret: '0b'.repeat(32) };
    const body = await signedFor(
      handle.workflowId,
      'decide',
      t.decision('hr_review', 'hr.somatik'),
      strangerKey,
    );
    const failure = await expectRefusedAndUntouched(
      handle,
      input.requestId,
      sendAsOutsider(handle.workflowId, body),
    );
    expect(failure.message).toContain('claim bad_signature');
  });

  it('refuses a valid claim replayed on another request or under another update name', async () => {
    const [a, b] = [await startReview(), await startReview()];
    const forA = await signedFor(a.handle.workflowId, 'decide', t.decision('hr_review', 'hr.somatik'));
    const onB = await expectRefusedAndUntouched(
      b.handle,
      b.input.requestId,
      sendAsOutsider(b.handle.workflowId, forA),
    );
    expect(onB.message).toContain('claim bad_signature');
    const asReassign = { ...forA, to: t.demo.actor('hr.somatik'), reassignmentId: randomUUID() };
    const renamed = await expectRefusedAndUntouched(
      a.handle,
      a.input.requestId,
      sendAsOutsider(a.handle.workflowId, asReassign, reassignUpdate.name),
    );
    expect(renamed.message).toContain('claim bad_signature');
    // The claim itself was good: sent as the decision it was signed for, the review takes it.
    const taken = await a.handle.executeUpdate(decideUpdate, { args: [forA] });
    expect(taken.stage).toBe('hr_review');
  });

  it('refuses a claim copied from the history once it has been acted on', async () => {
    const { handle, input } = await startReview();
    const returned = await signedFor(
      handle.workflowId,
      'decide',
      t.decision('hr_review', 'hr.somatik', { outcome: 'return', comment: 'Cost missing' }),
    );
    await outsider.workflow.getHandle(handle.workflowId).executeUpdate(decideUpdate, { args: [returned] });
    await handle.executeUpdate(resubmitUpdate, {
      args: [{ actorId: t.demo.userId('chef.akuten'), resubmissionId: randomUUID() }],
    });
    expect((await handle.query(stateQuery)).currentStage).toMatchObject({ name: 'hr_review', round: 2 });
    const before = await acceptedUpdates(handle);
    const failure = await refusal(sendAsOutsider(handle.workflowId, returned));
    expect(failure.message).toContain('claim spent');
    expect(await acceptedUpdates(handle)).toEqual(before);
    expect((await t.rowsOf(input.requestId)).decisions).toEqual([
      { stage_name: 'hr_review', outcome: 'return' },
    ]);
  });

  it('refuses a claim older than its lifetime', async () => {
    const { handle, input } = await startReview();
    const stale = await signedFor(handle.workflowId, 'decide', t.decision('hr_review', 'hr.somatik'));
    await t.env.sleep('10 minutes');
    const failure = await expectRefusedAndUntouched(
      handle,
      input.requestId,
      sendAsOutsider(handle.workflowId, stale),
    );
    expect(failure.message).toContain('claim stale');
  });
});

const startReview: WorkflowTestEnv['startReview'] = (overrides) => t.startReview(overrides);
