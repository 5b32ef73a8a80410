import { createSmtpMailer, type MailMessage, type Mailer } from '@activities/mailer';
import { createMailOutboxActivities } from '@activities/mail-outbox-activities';
import { createReviewActivities } from '@activities/review-activities';
import type { OpenStageInput } from '@activities/review-activities.types';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { demoFixture, insertRequest, type DemoFixture } from '../support/fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';

jest.setTimeout(120_000);

const FROM = 'Prövning <provning@rvn.example>';

let db: TestDatabase;
let smtp: TestSmtpServer;
let demo: DemoFixture;
beforeAll(async () => {
  db = await startTestDatabase();
  smtp = await startTestSmtpServer();
  demo = await demoFixture(db.dataSource);
  // One HR partner in Somatik, so that each stage opened mails one person.
  await db.dataSource.query(
    `DELETE FROM role_assignments WHERE user_id = (SELECT id FROM users WHERE username = 'hr2.somatik')`,
  );
});
afterAll(async () => {
  await smtp?.stop();
  await db?.stop();
});
beforeEach(async () => {
  smtp.clear();
  // Each test's outbox holds its own mails only: whatever an earlier test left unsent is retired.
  await db.dataSource.query(`UPDATE notifications SET mail_gave_up_at = now() WHERE mailed_at IS NULL`);
});

async function anOpenStage(): Promise<OpenStageInput> {
  const input = await insertRequest(db.dataSource, demo);
  return {
    requestId: input.requestId,
    divisionId: input.divisionId,
    name: 'hr_review',
    round: 1,
    role: 'hr_reviewer',
    scopeUnitId: input.divisionId,
    openedAt: new Date().toISOString(),
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
}

/**
 * A worker that dies in the middle of the send: `send` never returns, as a killed process never does, so the row
 * is left exactly as the crash leaves it. With `afterAccepting` the SMTP server has the mail first (the crash
 * came after the server said 250, before the row was marked sent); without, it dies before connecting.
 */
function dyingMailer(real: Mailer, { afterAccepting }: { afterAccepting: boolean }): Mailer {
  return {
    async send(message: MailMessage) {
      if (afterAccepting) await real.send(message);
      await new Promise<never>(() => {}); // the process is gone
    },
    close() {},
  };
}

async function outboxRow(requestId: string) {
  const [row] = await db.dataSource.query(
    `SELECT id, mail_to, mailed_at IS NOT NULL AS mailed, mail_attempts, mail_error, mail_gave_up_at IS NOT NULL AS gave_up
       FROM notifications WHERE request_id = $1`,
    [requestId],
  );
  return row as {
    id: string;
    mail_to: string;
    mailed: boolean;
    mail_attempts: number;
    mail_error: string | null;
    gave_up: boolean;
  };
}

/** Waits (bounded) until the stage's notification row is committed: the activity is stuck in its send. */
async function committed(requestId: string) {
  const until = Date.now() + 10_000;
  while (!(await outboxRow(requestId))) {
    if (Date.now() > until) throw new Error('the notification was never committed');
    await new Promise((r) => setTimeout(r, 25));
  }
  return outboxRow(requestId);
}

describe('the mail outbox', () => {
  const smtpMailer = () => createSmtpMailer({ url: smtp.url, from: FROM });

  it('sends the mail of a worker that died between the commit and the send, after the grace period', async () => {
    const input = await anOpenStage();
    void createReviewActivities({
      dataSource: db.dataSource,
      mailer: dyingMailer(smtpMailer(), { afterAccepting: false }),
    }).openStage(input);
    const row = await committed(input.requestId);
    expect(row).toMatchObject({ mail_to: 'sara.lind@rvn.example', mailed: false, mail_attempts: 0 });

    const resend = (graceSeconds: number) =>
      createMailOutboxActivities({
        dataSource: db.dataSource,
        mailer: smtpMailer(),
        log: () => {},
        resend: { graceSeconds },
      }).resendUnsentMails({});
    // Within the grace period the dying sender still holds its claim: nothing is taken from it.
    expect(await resend(3600)).toMatchObject({ claimed: 0, sent: 0 });
    expect(smtp.received).toEqual([]);
    expect(await resend(0)).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(smtp.received.map((m) => [m.to, m.subject, m.messageId])).toEqual([
      [
        ['sara.lind@rvn.example'],
        expect.stringMatching(/^Ärende att granska: /),
        `<notification-${row.id}@provning>`,
      ],
    ]);
    expect(await outboxRow(input.requestId)).toMatchObject({ mailed: true, mail_attempts: 1 });
    // Sent is sent: later runs take nothing.
    expect(await resend(0)).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('delivers a mail sent twice (crash after the server accepted it) as one Message-ID', async () => {
    const input = await anOpenStage();
    void createReviewActivities({
      dataSource: db.dataSource,
      mailer: dyingMailer(smtpMailer(), { afterAccepting: true }),
    }).openStage(input);
    await smtp.waitFor((mails) => mails.length === 1);
    const row = await committed(input.requestId);
    expect(row.mailed).toBe(false); // the crash came before the row was told

    const result = await createMailOutboxActivities({
      dataSource: db.dataSource,
      mailer: smtpMailer(),
      log: () => {},
      resend: { graceSeconds: 0 },
    }).resendUnsentMails({});
    expect(result).toMatchObject({ claimed: 1, sent: 1 });
    // At least once: the server got two copies, and both name the one notification.
    expect(smtp.received.map((m) => m.messageId)).toEqual([
      `<notification-${row.id}@provning>`,
      `<notification-${row.id}@provning>`,
    ]);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(1);
  });

  it('never lets two concurrent resend runs send the same mail', async () => {
    const failing: Mailer = {
      async send() {
        throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      },
      close() {},
    };
    const activities = createReviewActivities({ dataSource: db.dataSource, mailer: failing, log: () => {} });
    const inputs = [await anOpenStage(), await anOpenStage(), await anOpenStage(), await anOpenStage()];
    for (const input of inputs) await activities.openStage(input);
    // Ten minutes pass: the failed first sends are past the grace period (a real lease, unlike a zero grace,
    // which would let a run take a row another run claimed a moment ago).
    await db.dataSource.query(
      `UPDATE notifications SET mail_claimed_at = mail_claimed_at - interval '10 minutes' WHERE request_id = ANY($1)`,
      [inputs.map((i) => i.requestId)],
    );

    // A mailer slow enough that the runs overlap for the whole of their sends.
    const slow = (): Mailer => {
      const real = smtpMailer();
      return {
        async send(message) {
          await new Promise((r) => setTimeout(r, 200));
          await real.send(message);
        },
        close: () => real.close(),
      };
    };
    const run = () =>
      createMailOutboxActivities({
        dataSource: db.dataSource,
        mailer: slow(),
        log: () => {},
        resend: { graceSeconds: 60, limit: 3 },
      }).resendUnsentMails({});
    const results = await Promise.all([run(), run(), run()]);
    expect(results.reduce((n, r) => n + r.claimed, 0)).toBe(4);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(4);
    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    for (const input of inputs)
      expect(await outboxRow(input.requestId)).toMatchObject({
        mailed: true,
        mail_attempts: 2,
        mail_error: null,
      });
  });

  it('gives a mail up after the last attempt, with an error logged, and no run takes it again', async () => {
    const failing: Mailer = {
      async send() {
        throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      },
      close() {},
    };
    const logged: string[] = [];
    const input = await anOpenStage();
    await createReviewActivities({ dataSource: db.dataSource, mailer: failing, log: () => {} }).openStage(
      input,
    );
    const resend = createMailOutboxActivities({
      dataSource: db.dataSource,
      mailer: failing,
      log: (m) => logged.push(m),
      resend: { graceSeconds: 0, maxAttempts: 3 },
    });
    expect(await resend.resendUnsentMails({})).toMatchObject({ claimed: 1, failed: 1, gaveUp: 0 });
    expect(await resend.resendUnsentMails({})).toMatchObject({ claimed: 1, failed: 1, gaveUp: 1 });
    expect(await resend.resendUnsentMails({})).toMatchObject({ claimed: 0 });
    const row = await outboxRow(input.requestId);
    expect(row).toMatchObject({
      mailed: false,
      mail_attempts: 3,
      gave_up: true,
      mail_error: 'connect ECONNREFUSED 127.0.0.1:25',
    });
    expect(logged).toContain(
      `error: e-mail for notification ${row.id} given up after 3 attempt(s): connect ECONNREFUSED 127.0.0.1:25`,
    );
  });

  it('gives up at once on a permanent refusal (550): a retry would be refused the same', async () => {
    smtp.refuse('sara.lind@rvn.example');
    const input = await anOpenStage();
    await createReviewActivities({
      dataSource: db.dataSource,
      mailer: smtpMailer(),
      log: () => {},
    }).openStage(input);
    expect(await outboxRow(input.requestId)).toMatchObject({
      mailed: false,
      mail_attempts: 1,
      gave_up: true,
    });
  });

  it('leaves the outbox alone on a worker without a mailer', async () => {
    const input = await anOpenStage();
    await createReviewActivities({ dataSource: db.dataSource }).openStage(input);
    const result = await createMailOutboxActivities({
      dataSource: db.dataSource,
      resend: { graceSeconds: 0 },
    }).resendUnsentMails({});
    expect(result).toEqual({ claimed: 0, sent: 0, failed: 0, gaveUp: 0, noMailer: true });
    // Without a mailer nothing is composed, so nothing waits in the outbox either.
    expect(await outboxRow(input.requestId)).toMatchObject({ mail_to: null, mail_attempts: 0 });
  });
});
