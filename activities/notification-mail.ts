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
 * The e-mail copies of the notifications an activity inserted. They are composed inside the activity's
 * transaction (from the rows it sees) and sent only after it commits, so a rolled-back attempt sends nothing
 * and a retried one, which inserts no new rows, sends nothing again. Delivery is at most once: a mail that
 * fails is recorded on its row (`mail_error`) and logged, never retried by failing the activity.
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

/** Sends each mail and records the outcome on its notification row; never throws. */
export async function deliverMails(
  deps: { dataSource: DataSource; mailer: Mailer; log: Logger },
  pending: NotificationMail[],
): Promise<void> {
  await Promise.all(
    pending.map(async (mail) => {
      let error: string | null = null;
      try {
        await deps.mailer.send(mail);
      } catch (e) {
        error = (e instanceof Error ? e.message : String(e)).slice(0, 1000) || 'unknown error';
        deps.log(`warning: e-mail for notification ${mail.notificationId} not sent: ${error}`);
      }
      try {
        await new NotificationsRepository(deps.dataSource).recordMailOutcome(mail.notificationId, error);
      } catch (e) {
        deps.log(
          `warning: could not record the e-mail outcome of notification ${mail.notificationId}: ${(e as Error).message}`,
        );
      }
    }),
  );
}
