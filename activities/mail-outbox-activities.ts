import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { createLogger, type Logger } from '@config/logger';
import type { Mailer } from './mailer';
import type { MailOutboxActivities } from './mail-outbox-activities.types';
import { resendUnsentMails, type ResendOptions } from './notification-mail';

export type { MailOutboxActivities } from './mail-outbox-activities.types';

export interface MailOutboxActivitiesDeps {
  dataSource: DataSource;
  mailer?: Mailer;
  log?: Logger;
  /** Tests shorten the grace period; production keeps MAIL_RESEND_GRACE_SECONDS. */
  resend?: ResendOptions & { maxAttempts?: number };
}

/**
 * `provning_mail_given_up_total`, through the worker's Temporal metric meter (exported with the SDK's own metrics
 * when the runtime has telemetry configured). Outside an activity (a unit test calling deliverMails) it counts
 * nothing: the log line alone says it.
 */
export function countMailGivenUp(): void {
  try {
    Context.current()
      .metricMeter.createCounter('provning_mail_given_up_total', 'mails', 'E-mail copies the outbox gave up')
      .add(1);
  } catch {
    // Not in an activity: no meter to count with.
  }
}

export function createMailOutboxActivities(deps: MailOutboxActivitiesDeps): MailOutboxActivities {
  const log = deps.log ?? createLogger('mail');
  return {
    async resendUnsentMails() {
      // Without a mailer the rows are left for a worker that has one: claiming them would only burn attempts.
      if (!deps.mailer) return { claimed: 0, sent: 0, failed: 0, gaveUp: 0, noMailer: true };
      const counts = await resendUnsentMails(
        {
          dataSource: deps.dataSource,
          mailer: deps.mailer,
          log,
          maxAttempts: deps.resend?.maxAttempts,
          onGiveUp: countMailGivenUp,
        },
        deps.resend,
      );
      return { ...counts, noMailer: false };
    },
  };
}
