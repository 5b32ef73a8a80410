import { randomUUID } from 'node:crypto';
import { createSmtpMailer, type MailMessage, type Mailer } from '@activities/mailer';
import { swedishDateTime } from '@activities/mail-templates';
import { createReviewActivities } from '@activities/review-activities';
import type { OpenStageInput } from '@activities/review-activities.types';
import { startTestApp, type TestApp } from '../support/app';
import { demoFixture, insertRequest, type DemoFixture } from '../support/fixtures';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp';

jest.setTimeout(120_000);

const FROM = 'Prövning <provning@rvn.example>';

let smtp: TestSmtpServer;
let t: TestApp;
let unitId: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await startTestApp({
    SMTP_URL: smtp.url,
    MAIL_FROM: FROM,
    PUBLIC_URL: 'https://provning.rvn.example/',
  });
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  // One HR partner in Somatik, so that each stage mails one person; the last test gives the pool its second one.
  await t.db.dataSource.query(
    `DELETE FROM role_assignments WHERE user_id = (SELECT id FROM users WHERE username = 'hr2.somatik')`,
  );
  const period = await openReviewPeriod(t, 'hire');
  expect(period.status).toBe(201);
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});
beforeEach(() => smtp.clear());

async function submit(
  idempotencyKey = randomUUID(),
  body = aHireBody(unitId, { title: 'Sjuksköterska akutmottagning' }),
) {
  const res = await t.http
    .post('/api/v1/requests')
    .set({ ...(await bearer(t, 'chef.akuten')), 'Idempotency-Key': idempotencyKey })
    .send(body)
    .expect(201);
  expect(res.body.status).toBe('in_review');
  return res.body.id as string;
}

async function decide(id: string, username: string, body: Record<string, unknown>, status = 201) {
  return t.http
    .post(`/api/v1/requests/${id}/decisions`)
    .set(await bearer(t, username))
    .send(body)
    .expect(status);
}

const notificationRows = (requestId: string) =>
  t.db.dataSource.query(
    `SELECT n.id, n.type, u.email, n.mailed_at IS NOT NULL AS mailed, n.mail_error FROM notifications n
       JOIN users u ON u.id = n.recipient_id WHERE n.request_id = $1 ORDER BY n.created_at, u.username`,
    [requestId],
  );

// Case numbers depend on how many requests the file submitted before: the subjects are compared without them.
const SUMMARY = 'ÅÅÅÅ-NNNNN · Sjuksköterska akutmottagning (visstid)';
const toAndSubject = (mails: ReceivedMail[]) =>
  mails.map((m) => [m.to.join(','), m.subject.replace(/\b\d{4}-\d{5}\b/g, 'ÅÅÅÅ-NNNNN')]);
const PUBLIC_URL = 'https://provning.rvn.example';
const caseNumberOf = async (id: string) =>
  (
    await t.http
      .get(`/api/v1/requests/${id}`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(200)
  ).body.caseNumber as string;

describe('notifications as e-mail through a real SMTP server', () => {
  it('mails the reviewer of each stage and the requester of each decision, once each', async () => {
    const id = await submit();
    await smtp.waitFor((m) => m.length >= 1);
    await decide(id, 'hr.somatik', { outcome: 'approve', comment: 'Underlaget komplett' });
    await smtp.waitFor((m) => m.length >= 3);
    await decide(id, 'div.somatik', { outcome: 'approve' });
    const mails = await smtp.waitFor((m) => m.length >= 4);

    expect(toAndSubject(mails)).toEqual([
      ['sara.lind@rvn.example', `Ärende att granska: ${SUMMARY}`],
      ['anna.berg@rvn.example', `Beviljat vid HR-granskningen: ${SUMMARY}`],
      ['per.strand@rvn.example', `Ärende för beslut: ${SUMMARY}`],
      ['anna.berg@rvn.example', `Beviljat: ${SUMMARY}`],
    ]);
    expect(mails.every((m) => m.envelopeFrom === 'provning@rvn.example')).toBe(true);
    expect(mails.every((m) => m.from.includes('provning@rvn.example') && m.from.includes('Prövning'))).toBe(
      true,
    );
    expect(mails[0].text).toContain('Ett ärende väntar på HR-granskning av dig som HR-partner.');
    expect(mails[1].text).toContain('Kommentar: Underlaget komplett');
    expect(mails[3].text).toMatch(/Beslutet gäller till och med \d{1,2} [a-zé]+ \d{4}\./);
    const caseNumber = await caseNumberOf(id);
    expect(mails[0].subject).toBe(
      `Ärende att granska: ${caseNumber} · Sjuksköterska akutmottagning (visstid)`,
    );
    expect(
      mails.every((m) =>
        m.text.includes(
          `Ärende: ${caseNumber} · Sjuksköterska akutmottagning (visstid)\nAnställning, Akutmottagningen`,
        ),
      ),
    ).toBe(true);
    // Each mail links to where its reader acts: the reviewers to the decision page, the requester to the request.
    expect(mails.map((m) => /^https:\/\/\S+$/m.exec(m.text)?.[0])).toEqual([
      `${PUBLIC_URL}/review/${id}`,
      `${PUBLIC_URL}/requests/${id}`,
      `${PUBLIC_URL}/review/${id}`,
      `${PUBLIC_URL}/requests/${id}`,
    ]);

    // Every row was mailed, and each mail carries its own row's id.
    const rows = await notificationRows(id);
    expect(rows.map((r: { type: string; email: string }) => [r.email, r.type])).toEqual([
      ['sara.lind@rvn.example', 'stage_opened'],
      ['anna.berg@rvn.example', 'decision_approve'],
      ['per.strand@rvn.example', 'stage_opened'],
      ['anna.berg@rvn.example', 'decision_approve'],
    ]);
    expect(rows.every((r: { mailed: boolean; mail_error: string | null }) => r.mailed && !r.mail_error)).toBe(
      true,
    );
    expect(mails.map((m) => m.messageId).sort()).toEqual(
      rows.map((r: { id: string }) => `<notification-${r.id}@provning>`).sort(),
    );
  });

  it('tells the requester of a return by when to complete it, the date the request page shows', async () => {
    const id = await submit();
    await smtp.waitFor((m) => m.length >= 1);
    await decide(id, 'hr.somatik', { outcome: 'return', comment: 'Bifoga kalkyl' });
    const mails = await smtp.waitFor((m) => m.length >= 2);
    const detail = await t.http
      .get(`/api/v1/requests/${id}`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(detail.body.answerReturnBy).toEqual(expect.any(String));
    expect(mails[1].subject).toMatch(/^Åter för komplettering: \d{4}-\d{5} · /);
    expect(mails[1].text).toContain(
      `Komplettera och skicka in ärendet igen senast ${swedishDateTime(detail.body.answerReturnBy)}; annars avslutas det.`,
    );
    expect(mails[1].text).toContain(`${PUBLIC_URL}/requests/${id}`);
  });

  it('sends nothing again when a submission or a decision is repeated', async () => {
    const key = randomUUID();
    const id = await submit(key);
    await smtp.waitFor((m) => m.length >= 1);
    expect(await submit(key)).toBe(id); // answered from the record, not repeated
    await decide(id, 'hr.somatik', { outcome: 'reject', comment: 'Ingen budget' });
    await smtp.waitFor((m) => m.length >= 2);
    await decide(id, 'hr.somatik', { outcome: 'reject', comment: 'Ingen budget' }, 409);
    await decide(id, 'div.somatik', { outcome: 'approve' }, 409);
    // The refused calls wrote nothing; a round trip through the worker settles anything still in flight.
    await t.http
      .get(`/api/v1/requests/${id}`)
      .set(await bearer(t, 'chef.akuten'))
      .expect(200);
    expect(toAndSubject(smtp.received)).toEqual([
      ['sara.lind@rvn.example', `Ärende att granska: ${SUMMARY}`],
      ['anna.berg@rvn.example', `Avslag: ${SUMMARY}`],
    ]);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(2);
  });

  it('writes the notification but sends no mail to a recipient without an e-mail address', async () => {
    await t.db.dataSource.query(`UPDATE users SET email = NULL WHERE username = 'hr.somatik'`);
    try {
      const id = await submit();
      const rows = await notificationRows(id);
      expect(rows).toEqual([
        { id: expect.any(String), type: 'stage_opened', email: null, mailed: false, mail_error: null },
      ]);
      expect(smtp.received).toEqual([]);
    } finally {
      await t.db.dataSource.query(
        `UPDATE users SET email = 'sara.lind@rvn.example' WHERE username = 'hr.somatik'`,
      );
    }
  });

  it('records a refused mail on its notification and carries on with the review', async () => {
    smtp.refuse('anna.berg@rvn.example');
    const id = await submit();
    const returned = await decide(id, 'hr.somatik', { outcome: 'return', comment: 'Bifoga kalkyl' });
    expect(returned.body.status).toBe('returned');
    const rows = await notificationRows(id);
    expect(rows).toEqual([
      expect.objectContaining({ type: 'stage_opened', mailed: true, mail_error: null }),
      expect.objectContaining({
        type: 'decision_return',
        email: 'anna.berg@rvn.example',
        mailed: false,
        mail_error: expect.stringMatching(/550/),
      }),
    ]);
    expect(toAndSubject(smtp.received)).toEqual([
      ['sara.lind@rvn.example', `Ärende att granska: ${SUMMARY}`],
    ]);
  });
});

/** A mailer that records what it is asked to send, and can be told to fail. */
function recordingMailer() {
  const sent: MailMessage[] = [];
  let failWith: Error | undefined;
  const mailer: Mailer = {
    async send(message) {
      if (failWith) throw failWith;
      sent.push(message);
    },
    close() {},
  };
  return { mailer, sent, fail: (e: Error | undefined) => (failWith = e) };
}

describe('the activities and their mail, called directly as Temporal would retry them', () => {
  let demo: DemoFixture;
  beforeAll(async () => {
    demo = await demoFixture(t.db.dataSource);
  });

  async function anOpenStage(): Promise<OpenStageInput> {
    const input = await insertRequest(t.db.dataSource, demo);
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

  it('mails once however often an activity is retried, through the real SMTP mailer', async () => {
    const activities = createReviewActivities({
      dataSource: t.db.dataSource,
      mailer: createSmtpMailer({ url: smtp.url, from: FROM }),
    });
    const input = await anOpenStage();
    const first = await activities.openStage(input);
    const second = await activities.openStage(input);
    const third = await activities.openStage(input);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(toAndSubject(smtp.received)).toEqual([
      ['sara.lind@rvn.example', 'Ärende att granska: ÅÅÅÅ-NNNNN'],
    ]);
  });

  it('sends nothing when the transaction does not commit, and mails once when the retry commits', async () => {
    const { mailer, sent } = recordingMailer();
    const activities = createReviewActivities({ dataSource: t.db.dataSource, mailer });
    const input = await anOpenStage();
    // Fails at COMMIT, after the activity has written (and composed the mail for) its notification.
    await t.db.dataSource.query(`
      CREATE FUNCTION mail_test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.request_id = '${input.requestId}' THEN RAISE EXCEPTION 'commit refused by the test'; END IF;
        RETURN NEW;
      END $$`);
    await t.db.dataSource.query(
      `CREATE CONSTRAINT TRIGGER mail_test_refuse_commit AFTER INSERT ON notifications
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mail_test_refuse_commit()`,
    );
    try {
      await expect(activities.openStage(input)).rejects.toThrow(/commit refused by the test/);
      expect(sent).toEqual([]);
    } finally {
      await t.db.dataSource.query(`DROP TRIGGER mail_test_refuse_commit ON notifications`);
      await t.db.dataSource.query(`DROP FUNCTION mail_test_refuse_commit()`);
    }
    await activities.openStage(input);
    await activities.openStage(input);
    expect(sent.map((m) => m.to)).toEqual(['sara.lind@rvn.example']);
  });

  it('completes the activity when the mail fails, records and logs the failure, and leaves the retry to the outbox', async () => {
    const { mailer, sent, fail } = recordingMailer();
    const logged: string[] = [];
    const activities = createReviewActivities({
      dataSource: t.db.dataSource,
      mailer,
      log: (m) => logged.push(m),
    });
    const input = await anOpenStage();
    fail(new Error('connect ECONNREFUSED 127.0.0.1:25'));
    await expect(activities.openStage(input)).resolves.toEqual({ stageId: expect.any(String) });
    fail(undefined);
    await activities.openStage(input); // a retry: the row exists, so no second attempt at the mail
    expect(sent).toEqual([]);
    const [row] = await t.db.dataSource.query(
      `SELECT id, mailed_at, mail_error FROM notifications WHERE request_id = $1`,
      [input.requestId],
    );
    expect(row).toEqual({
      id: expect.any(String),
      mailed_at: null,
      mail_error: 'connect ECONNREFUSED 127.0.0.1:25',
    });
    expect(logged).toEqual([
      `warning: e-mail for notification ${row.id} not sent: connect ECONNREFUSED 127.0.0.1:25`,
    ]);
  });

  it('writes notifications and sends nothing without a mailer', async () => {
    const activities = createReviewActivities({ dataSource: t.db.dataSource });
    const input = await anOpenStage();
    await activities.openStage(input);
    const rows = await t.db.dataSource.query(
      `SELECT mailed_at, mail_error FROM notifications WHERE request_id = $1`,
      [input.requestId],
    );
    expect(rows).toEqual([{ mailed_at: null, mail_error: null }]);
    expect(smtp.received).toEqual([]);
  });

  it('mails every HR partner of the division when the HR stage opens to their pool', async () => {
    const units = await unitIdsByCode(t);
    await t.db.dataSource.query(
      `INSERT INTO role_assignments (user_id, role, scope_unit_id)
       SELECT id, 'hr_reviewer', $1 FROM users WHERE username = 'hr2.somatik'`,
      [units.get('SOM')],
    );
    await submit();
    const mails = await smtp.waitFor((m) => m.length >= 2);
    expect(toAndSubject(mails).sort()).toEqual([
      ['maria.olsson@rvn.example', `Ärende att granska: ${SUMMARY}`],
      ['sara.lind@rvn.example', `Ärende att granska: ${SUMMARY}`],
    ]);
  });
});
