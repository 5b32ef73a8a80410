import type { DataSource } from 'typeorm';
import type { Logger } from '@config/logger';
import type { InsertedNotification } from '@db/repositories/notifications.repository';
import { NotificationsRepository } from '@db/repositories/notifications.repository';
import type { RequestsRepository } from '@db/repositories/requests.repository';
import { formatCaseNumber } from '@domain/case-number';
import { notificationPath } from '@domain/notification-target';
import { requestTitle } from '@domain/request-title';
import { renderNotificationMail, type MailRequest } from './mail-templates';
import type { MailMessage, Mailer } from './mailer';

/**
 * The e-mail copies of the notifications an activity inserted, delivered at least once through an outbox. They
 * are composed inside the activity's transaction (from the rows it sees) and stored on their notification rows
 * there (enqueueMails), then sent after it commits, so a rolled-back attempt sends nothing and a retried one,
 * which inserts no new rows, sends nothing again. A mail whose send failed, or whose worker died between the
 * commit and the send, is sent by the resend job (resendUnsentMails, run by the `mail-outbox-resend` schedule)
 * after a grace period, up to MAIL_MAX_ATTEMPTS attempts. Every copy carries the notification's Message-ID,
 * so a mail sent twice (the worker died after the SMTP server accepted it, before the row said so) is one mail
 * to the mail system.
 */
/** A mail that copies a notification: its outcome is recorded on that notification's row. */
export type NotificationMail = MailMessage & { notificationId: string };

export async function composeMails(
  requestsInTransaction: RequestsRepository,
  inserted: InsertedNotification[],
  publicUrl?: string,
): Promise<NotificationMail[]> {
  const withAddress = inserted.filter((n): n is InsertedNotification & { email: string } => !!n.email);
  if (withAddress.length === 0) return [];
  const requestIds = [...new Set(withAddress.map((n) => n.requestId).filter((id): id is string => !!id))];
  const requests = new Map<string, MailRequest>();
  if (requestIds.length > 0) {
    for (const r of await requestsInTransaction.mailContexts(requestIds)) {
      requests.set(r.id, {
        id: r.id,
        kind: r.payload.kind,
        caseNumber: formatCaseNumber({ year: r.caseYear, seq: r.caseSeq }),
        title: requestTitle(r.payload),
        unitName: r.unitName,
      });
    }
  }
  return withAddress.map((n) => ({
    notificationId: n.id,
    to: n.email,
    ...renderNotificationMail({
      type: n.type,
      data: n.data,
      request: n.requestId ? (requests.get(n.requestId) ?? null) : null,
      link: linkTo(publicUrl, notificationPath(n.type, n.requestId ?? null)),
    }),
  }));
}

/** The page's absolute address; the base is PUBLIC_URL, already checked to be an http(s) URL without a query. */
function linkTo(publicUrl: string | undefined, path: string | null): string | null {
  if (!publicUrl || !path) return null;
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/** Attempts at one mail, the first send after the commit included, before the outbox gives it up. */
export const MAIL_MAX_ATTEMPTS = 5;
/**
 * How long a claimed mail is left to its sender before the resend job takes it: well past the mailer's worst
 * case (5 s connect + 5 s greeting + 8 s socket), so a send still under way is not doubled.
 */
export const MAIL_RESEND_GRACE_SECONDS = 120;
/** Mails one resend run claims; the next run (a minute later) takes the rest. */
export const MAIL_RESEND_BATCH = 50;

export interface DeliveryDeps {
  dataSource: DataSource;
  mailer: Mailer;
  log: Logger;
  maxAttempts?: number;
  /** Told of each mail the outbox gave up (the activities count it in a Temporal metric). */
  onGiveUp?: (mail: NotificationMail) => void;
}

export interface DeliveryCounts {
  sent: number;
  failed: number;
  gaveUp: number;
}

/** A 5xx SMTP reply (mailbox unknown, message refused) will not change on a retry. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Sends each mail and records the outcome on its notification row; never throws. */
export async function deliverMails(deps: DeliveryDeps, pending: NotificationMail[]): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { sent: 0, failed: 0, gaveUp: 0 };
  const notifications = new NotificationsRepository(deps.dataSource);
  await Promise.all(
    pending.map(async (mail) => {
      let error: string | null = null;
      let permanent = false;
      try {
        await deps.mailer.send(mail);
      } catch (e) {
        error = (e instanceof Error ? e.message : String(e)).slice(0, 1000) || 'unknown error';
        permanent = isPermanent(e);
        deps.log(`warning: e-mail for notification ${mail.notificationId} not sent: ${error}`);
      }
      try {
        if (error === null) {
          await notifications.recordMailSent(mail.notificationId);
          counts.sent++;
          return;
        }
        counts.failed++;
        const outcome = await notifications.recordMailFailure(mail.notificationId, error, {
          giveUp: permanent,
          maxAttempts: deps.maxAttempts ?? MAIL_MAX_ATTEMPTS,
        });
        if (outcome.gaveUp) {
          counts.gaveUp++;
          deps.log(
            `error: e-mail for notification ${mail.notificationId} given up after ${outcome.attempts} attempt(s): ${error}`,
          );
          deps.onGiveUp?.(mail);
        }
      } catch (e) {
        // The row still says unsent: the resend job sends it again after the grace period (same Message-ID).
        deps.log(
          `warning: could not record the e-mail outcome of notification ${mail.notificationId}: ${(e as Error).message}`,
        );
      }
    }),
  );
  return counts;
}

export interface ResendOptions {
  graceSeconds?: number;
  limit?: number;
}

/**
 * One run of the resend job: claims the outbox mails left unsent past the grace period and sends them. Two runs
 * at once (a schedule overlap, two workers) claim disjoint rows, so no mail is sent by both.
 */
export async function resendUnsentMails(
  deps: DeliveryDeps,
  opts: ResendOptions = {},
): Promise<DeliveryCounts & { claimed: number }> {
  const claimed = await new NotificationsRepository(deps.dataSource).claimUnsentMails(
    opts.graceSeconds ?? MAIL_RESEND_GRACE_SECONDS,
    opts.limit ?? MAIL_RESEND_BATCH,
  );
  if (claimed.length === 0) return { claimed: 0, sent: 0, failed: 0, gaveUp: 0 };
  deps.log(`resending ${claimed.length} e-mail(s) left unsent`);
  const counts = await deliverMails(deps, claimed);
  return { claimed: claimed.length, ...counts };
}
