import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { POLICY_V1, type RoutingPolicy } from '@domain/policy';
import { movedByPause } from '@domain/questions';
import { answerQuestionUpdate, askQuestionUpdate, decideUpdate, stateQuery } from '@workflows/messages';
import type { AskQuestionUpdateInput } from '@workflows/types';
import { outsiderClient, refusal } from '../support/unsigned-updates';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(180_000);

/**
 * Questions without a return (issue 21): the reviewer at the open stage asks, the requester answers, the stage
 * stays open. Whether its clock waits meanwhile is the route version's `questions.pauseDeadline`.
 */
let t: WorkflowTestEnv;
let outsider: Client;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
  outsider = outsiderClient(t);
});
afterAll(() => t?.stop());

const DAY = 24 * 3_600_000;

/** Version 2: version 1's route, with the clock of a stage waiting while its question is open. */
function aPausingVersion(): RoutingPolicy {
  return { ...structuredClone(POLICY_V1), version: 2, questions: { pauseDeadline: true } };
}

function aQuestion(
  username = 'hr.somatik',
  extra: Partial<AskQuestionUpdateInput> = {},
): AskQuestionUpdateInput {
  return {
    questionId: randomUUID(),
    stage: 'hr_review',
    actor: t.demo.actor(username),
    text: 'Har ni prövat att omfördela inom enheten?',
    ...extra,
  };
}

async function stageRow(requestId: string) {
  const [row] = await t.db.dataSource.query(
    `SELECT due_at, escalation_level FROM stages WHERE request_id = $1 AND closed_at IS NULL`,
    [requestId],
  );
  return row as { due_at: Date; escalation_level: number };
}

async function questionRows(requestId: string) {
  return (await t.db.dataSource.query(
    `SELECT id, question, answer, answered_by FROM questions WHERE request_id = $1 ORDER BY asked_at`,
    [requestId],
  )) as { id: string; question: string; answer: string | null; answered_by: string | null }[];
}

const answer = (handle: WorkflowHandle, questionId: string, actorId: string, text = 'Ja, utan resultat.') =>
  handle.executeUpdate(answerQuestionUpdate, { args: [{ questionId, actorId, text }] });

describe('a question on a version whose clock keeps running (version 1)', () => {
  it('is asked by the stage reviewer only, answered by the requester only, once, and the deadline stays', async () => {
    const { handle, input, state } = await t.startReview();
    const dueAt = state.currentStage!.dueAt;
    const question = aQuestion();

    const forged = await refusal(
      outsider.workflow
        .getHandle(handle.workflowId)
        .executeUpdate(askQuestionUpdate.name, { args: [question], updateId: `forged-${randomUUID()}` }),
    );
    expect(forged).toMatchObject({ type: 'NotAllowed' });
    // Not the director (another stage's role), not the requester.
    expect(
      await refusal(handle.executeUpdate(askQuestionUpdate, { args: [aQuestion('div.somatik')] })),
    ).toMatchObject({ type: 'NotAllowed' });
    expect(
      await refusal(
        handle.executeUpdate(askQuestionUpdate, {
          args: [aQuestion('hr.somatik', { stage: 'director_decision' })],
        }),
      ),
    ).toMatchObject({ type: 'StageNotOpen' });

    // A signed client that skipped the API's check is held to the same bounds on the text.
    expect(
      await refusal(
        handle.executeUpdate(askQuestionUpdate, { args: [aQuestion('hr.somatik', { text: '  ' })] }),
      ),
    ).toMatchObject({ type: 'InvalidDecision' });
    const asked = await handle.executeUpdate(askQuestionUpdate, { args: [question] });
    expect(asked.questionId).toBe(question.questionId);
    expect((await handle.query(stateQuery)).openQuestion).toMatchObject({ questionId: question.questionId });
    // One open question per stage.
    expect(await refusal(handle.executeUpdate(askQuestionUpdate, { args: [aQuestion()] }))).toMatchObject({
      type: 'InvalidState',
    });
    // Only the requester answers.
    expect(await refusal(answer(handle, question.questionId, t.demo.userId('hr.somatik')))).toMatchObject({
      type: 'NotAllowed',
    });

    // Two business days pass: the clock ran, so the stage escalated at its deadline while the question was open.
    await t.sleepPast(dueAt);
    expect((await stageRow(input.requestId)).escalation_level).toBe(1);
    const answered = await answer(handle, question.questionId, input.requesterId);
    expect(answered.dueAt).toBe((await handle.query(stateQuery)).currentStage!.dueAt);
    expect(await refusal(answer(handle, question.questionId, input.requesterId))).toMatchObject({
      type: 'InvalidState',
    });
    expect(await questionRows(input.requestId)).toEqual([
      expect.objectContaining({
        question: question.text,
        answer: 'Ja, utan resultat.',
        answered_by: input.requesterId,
      }),
    ]);
    const rows = await t.rowsOf(input.requestId);
    expect(rows.audit).toEqual(expect.arrayContaining(['question_asked', 'question_answered']));

    // Another question may follow the answer, and the stage is decided with no return.
    await handle.executeUpdate(askQuestionUpdate, { args: [aQuestion()] });
    const decided = await handle.executeUpdate(decideUpdate, {
      args: [t.decision('hr_review', 'hr.somatik')],
    });
    expect(decided.nextStage?.name).toBe('director_decision');
    // The question left open by the decision is nobody's to answer now.
    expect((await handle.query(stateQuery)).openQuestion).toBeUndefined();
    await t.recordHistory('hire-question-clock-runs', handle.workflowId);
  });
});

describe('a question on a version that pauses the clock', () => {
  it('holds the deadline while open and moves it on by the business time it was open', async () => {
    const { handle, input, state } = await t.startReview({ policyVersion: 2, policy: aPausingVersion() });
    const dueAt = state.currentStage!.dueAt;
    const question = aQuestion();
    const asked = await handle.executeUpdate(askQuestionUpdate, { args: [question] });

    // A week passes, past the deadline: no reminder, no escalation while the requester has the question.
    await t.env.sleep(7 * DAY);
    const waiting = await stageRow(input.requestId);
    expect(waiting.escalation_level).toBe(0);
    expect((await t.rowsOf(input.requestId)).audit).not.toContain('stage_escalated');

    const answered = await answer(handle, question.questionId, input.requesterId);
    const expected = movedByPause(
      new Date(dueAt),
      { businessDays: 2 },
      new Date(asked.at),
      new Date(answered.at),
    ).toISOString();
    expect(answered.dueAt).toBe(expected);
    expect(Date.parse(expected) - Date.parse(dueAt)).toBeGreaterThanOrEqual(4 * DAY);
    expect((await stageRow(input.requestId)).due_at.toISOString()).toBe(expected);
    expect((await t.rowsOf(input.requestId)).audit).toContain('question_answered');

    // The clock runs again from the answer: past the moved deadline the stage escalates.
    await t.sleepPast(expected);
    expect((await stageRow(input.requestId)).escalation_level).toBe(1);
    const decided = await handle.executeUpdate(decideUpdate, {
      args: [t.decision('hr_review', 'hr.somatik')],
    });
    expect(decided.nextStage?.name).toBe('director_decision');
    await t.recordHistory('hire-question-paused', handle.workflowId);
  });
});
