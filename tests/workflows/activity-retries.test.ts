import type { ReviewActivities } from '@activities/review-activities';
import { decideUpdate } from '@workflows/messages';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

/** Each activity fails twice per call site after doing its work, as if the connection dropped before the reply. */
function failingTwiceAfterWriting(real: ReviewActivities): ReviewActivities {
  const attempts = new Map<string, number>();
  const wrap =
    <A, R>(name: string, fn: (input: A) => Promise<R>) =>
    async (input: A): Promise<R> => {
      const result = await fn(input);
      const key = `${name}:${JSON.stringify(input)}`;
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      if (n <= 2) throw new Error(`injected failure ${n} after ${name} wrote its rows`);
      return result;
    };
  return Object.fromEntries(
    Object.entries(real).map(([name, fn]) => [name, wrap(name, fn as (input: unknown) => Promise<unknown>)]),
  ) as unknown as ReviewActivities;
}

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv(failingTwiceAfterWriting);
});
afterAll(() => t?.stop());

describe('activities that fail twice and then succeed', () => {
  it('leave exactly one stage, decision, audit event and notification per event', async () => {
    const { handle, input, state } = await t.startReview();
    await t.sleepPast(state.currentStage!.dueAt); // a reminder and an escalation, each retried
    await handle.executeUpdate(decideUpdate, { args: [t.decision('hr_review', 'hrchef')] });
    await handle.executeUpdate(decideUpdate, { args: [t.decision('director_decision', 'div.somatik')] });
    expect((await handle.result()).status).toBe('approved');
    const rows = await t.rowsOf(input.requestId);
    expect(rows.stages.map((s) => [s.name, s.round])).toEqual([
      ['hr_review', 1],
      ['director_decision', 1],
    ]);
    expect(rows.decisions).toHaveLength(2);
    expect(rows.audit).toEqual([
      'stage_opened',
      'stage_reminder',
      'stage_escalated',
      'decision',
      'stage_opened',
      'decision',
    ]);
    const duplicates = await t.db.dataSource.query(
      `SELECT event_key FROM notifications WHERE request_id = $1 GROUP BY event_key, recipient_id HAVING count(*) > 1`,
      [input.requestId],
    );
    expect(duplicates).toEqual([]);
    expect(rows.request.status).toBe('approved');
  });
});
