import { createSmtpMailer } from '@activities/mailer';
import type { ReviewActivities } from '@activities/review-activities';
import { decideUpdate } from '@workflows/messages';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';

jest.setTimeout(120_000);

/** Each activity call fails twice after it has committed (and mailed), as if the reply were lost. */
function failingTwiceAfterCommitting(real: ReviewActivities): ReviewActivities {
  const attempts = new Map<string, number>();
  return Object.fromEntries(
    Object.entries(real).map(([name, fn]) => [
      name,
      async (input: unknown) => {
        const result = await (fn as (input: unknown) => Promise<unknown>)(input);
        const key = `${name}:${JSON.stringify(input)}`;
        const n = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, n);
        if (n <= 2) throw new Error(`injected failure ${n} after ${name} committed`);
        return result;
      },
    ]),
  ) as unknown as ReviewActivities;
}

let smtp: TestSmtpServer;
let t: WorkflowTestEnv;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await startWorkflowTestEnv(failingTwiceAfterCommitting, {
    mailer: createSmtpMailer({ url: smtp.url, from: 'Prövning <no-reply@provning.local>' }),
  });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

describe('e-mail from retried activities', () => {
  it('sends each notification once although every activity ran three times', async () => {
    const { handle, input, state } = await t.startReview();
    await t.sleepPast(state.currentStage!.dueAt); // a reminder and an escalation, each retried
    await handle.executeUpdate(decideUpdate, { args: [t.decision('hr_review', 'hrchef')] });
    await handle.executeUpdate(decideUpdate, { args: [t.decision('director_decision', 'div.somatik')] });
    expect((await handle.result()).status).toBe('approved');

    const rows: { id: string; type: string; email: string; mailed: boolean }[] = await t.db.dataSource.query(
      `SELECT n.id, n.type, u.email, n.mailed_at IS NOT NULL AS mailed FROM notifications n
         JOIN users u ON u.id = n.recipient_id WHERE n.request_id = $1 ORDER BY n.created_at, u.username`,
      [input.requestId],
    );
    expect(rows.map((r) => [r.type, r.email])).toEqual([
      // The Somatik HR pool: both HR partners.
      ['stage_opened', 'sara.lind@rvn.example'],
      ['stage_opened', 'maria.olsson@rvn.example'],
      ['stage_reminder', 'sara.lind@rvn.example'],
      ['stage_reminder', 'maria.olsson@rvn.example'],
      ['stage_escalated', 'karin.holm@rvn.example'],
      ['decision_approve', 'anna.berg@rvn.example'],
      ['stage_opened', 'per.strand@rvn.example'],
      ['decision_approve', 'anna.berg@rvn.example'],
    ]);
    expect(rows.every((r) => r.mailed)).toBe(true);
    // One mail per row, each carrying its row's id: nothing from the two failed attempts of each call.
    expect(smtp.received.map((m) => m.messageId).sort()).toEqual(
      rows.map((r) => `<notification-${r.id}@provning>`).sort(),
    );
    expect(smtp.received.map((m) => m.to.join(',')).sort()).toEqual(rows.map((r) => r.email).sort());
  });
});
