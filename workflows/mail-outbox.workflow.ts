import * as wf from '@temporalio/workflow';
import type { MailOutboxActivities, MailResendResult } from '@activities/mail-outbox-activities.types';

const acts = wf.proxyActivities<MailOutboxActivities>({
  // One batch of SMTP sends, each bounded by the mailer's timeouts (about 20 s at worst).
  startToCloseTimeout: '2 minutes',
  // A run that cannot reach PostgreSQL gives up soon: the schedule starts the next one within the minute.
  retry: { initialInterval: '5 seconds', maximumAttempts: 3 },
});

/**
 * Started every minute by the `mail-outbox-resend` schedule (mail-outbox-schedule.ts): sends the outbox mails a
 * crashed or failed send left behind. The workflow holds no state; the outbox rows are the state.
 */
export async function mailOutboxWorkflow(): Promise<MailResendResult> {
  return acts.resendUnsentMails({});
}
