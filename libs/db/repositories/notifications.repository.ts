import { z } from 'zod';
import { validOn } from './period-validity';
import { REQUEST_KINDS, type Role } from '@domain/enums';
import type { AuditInput } from './audit-events.repository';
import { requestPayload } from './requests.repository';
import { execute, first, jsonObject, many, type Queryable, timestamp, updated } from './rows';

/**
 * Who receives a notification: the holders of a role over a scope, or one user. A user's stand-ins receive it
 * only for work of a stage, named by `stageId` (a reassignment); a user's own affairs (their requests) are not
 * delegated work.
 */
export type Recipients = { role: Role; scopeUnitId: string | null } | { userId: string; stageId?: string };

export interface NotificationInput {
  eventKey: string;
  requestId: string | null;
  type: string;
  data: Record<string, unknown>;
  at: string;
}

/** A notification row this call inserted (not one an earlier attempt already wrote), with where to mail it. */
export interface InsertedNotification extends NotificationInput {
  id: string;
  recipientId: string;
  email: string | null;
}

/**
 * The recipients of one notification as SQL: users who hold `role` over the scope (region-wide holders always,
 * division holders when the scope is theirs), or one user; plus the delegates standing in for any of them on the
 * day of `at` (Stockholm) for the request's kind, so absent reviewers' notifications reach whoever covers for
 * them, including for stages opened before the absence began. A delegate counts only while they hold, now, the
 * role the work needs over its scope (the role and scope notified, or the named stage's): one who lost the role
 * is mailed nothing (delegateQualifiesFor in libs/domain/delegation.ts is the same test). `$1` is the request id
 * and `$2` the instant; the recipients' own parameters follow from `$3`.
 */
/** The Stockholm day of the notification's instant (`$2`): grants and delegations count on that day. */
const ON_THE_DAY = `($2::timestamptz AT TIME ZONE 'Europe/Stockholm')::date`;

function recipientsSql(recipients: Recipients): { sql: string; params: unknown[] } {
  const [direct, needs] =
    'userId' in recipients
      ? [
          `SELECT $3::uuid AS user_id`,
          `SELECT assignee_role::text AS role, assignee_scope_unit_id AS scope_unit_id FROM stages WHERE id = $4::uuid`,
        ]
      : [
          `SELECT user_id FROM role_assignments
          WHERE role = $3 AND (scope_unit_id IS NULL OR $4::uuid IS NULL OR scope_unit_id = $4::uuid)
            AND ${validOn('role_assignments', ON_THE_DAY)}`,
          `SELECT $3::text AS role, $4::uuid AS scope_unit_id`,
        ];
  return {
    sql: `direct AS (${direct}),
     needs AS (${needs}),
     recipients AS (
       SELECT user_id FROM direct
       UNION
       SELECT d.delegate_id FROM delegations d CROSS JOIN needs n
        WHERE d.delegator_id IN (SELECT user_id FROM direct) AND d.revoked_at IS NULL
          AND ($2::timestamptz AT TIME ZONE 'Europe/Stockholm')::date BETWEEN d.valid_from AND d.valid_to
          AND (d.kind IS NULL OR d.kind = (SELECT kind FROM requests WHERE id = $1::uuid))
          AND EXISTS (SELECT 1 FROM role_assignments da
                       WHERE da.user_id = d.delegate_id AND da.role::text = n.role
                         AND (da.scope_unit_id IS NULL OR da.scope_unit_id = n.scope_unit_id)
                         AND ${validOn('da', ON_THE_DAY)}))`,
    params:
      'userId' in recipients
        ? [recipients.userId, recipients.stageId ?? null]
        : [recipients.role, recipients.scopeUnitId],
  };
}

const recordedRow = z.object({
  audited: z.number().int(),
  id: z.string().nullable(),
  recipientId: z.string().nullable(),
  email: z.string().nullable(),
});

const notificationRow = z.object({
  id: z.string(),
  type: z.string(),
  requestId: z.string().nullable(),
  data: jsonObject,
  createdAt: timestamp,
  readAt: timestamp.nullable(),
  /** The request it concerns, for its case number and title; null for notices about periods and exemptions. */
  caseYear: z.number().int().nullable(),
  caseSeq: z.number().int().nullable(),
  requestPayload: requestPayload.nullable(),
  requestKind: z.enum(REQUEST_KINDS).nullable(),
});
export type NotificationRow = z.output<typeof notificationRow>;
/** The columns of a notification `n` with its request `r` (LEFT JOIN requests r ON r.id = n.request_id). */
const COLUMNS = `n.id, n.type, n.request_id AS "requestId", n.data, n.created_at AS "createdAt", n.read_at AS "readAt",
  r.case_year AS "caseYear", r.case_seq AS "caseSeq", r.payload AS "requestPayload",
  r.kind AS "requestKind"`;

/** The users' notifications (`notifications`), written with the audit event they come from. */
export class NotificationsRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * The audit event (when given) and the notifications of one event as a single statement: each round trip to
   * PostgreSQL costs more than the work in it here (BENCHMARKS.md, "What the time went to"). One notification per
   * event and recipient however often it is retried; `inserted` holds only the rows this call wrote, so their
   * e-mail copies go out once. `audited` is false when an earlier attempt already recorded the event.
   */
  async record(
    recipients: Recipients,
    n: NotificationInput,
    auditEvent?: Pick<AuditInput, 'eventKey' | 'type' | 'actorId' | 'data'>,
  ): Promise<{ audited: boolean; inserted: InsertedNotification[] }> {
    const { sql: recipientsCte, params: recipientParams } = recipientsSql(recipients);
    const next = 3 + recipientParams.length;
    const p = (i: number) => `$${next + i}`;
    const audited = auditEvent
      ? `INSERT INTO audit_events (event_key, request_id, type, actor_id, at, data)
         VALUES (${p(3)}, $1, ${p(4)}, ${p(5)}::uuid, $2, ${p(6)}::jsonb)
         ON CONFLICT (event_key) DO NOTHING RETURNING id`
      : `SELECT 1 AS id WHERE false`;
    const rows = await many(
      this.db,
      recordedRow,
      `WITH ${recipientsCte},
       audited AS (${audited}),
       inserted AS (
         INSERT INTO notifications (event_key, recipient_id, request_id, type, data, created_at)
         SELECT ${p(0)}, user_id, $1, ${p(1)}, ${p(2)}::jsonb, $2 FROM recipients
         ON CONFLICT (event_key, recipient_id) DO NOTHING
         RETURNING id, recipient_id)
       SELECT (SELECT count(*) FROM audited)::int AS audited, i.id, i.recipient_id AS "recipientId", u.email
         FROM (SELECT 1) one
         LEFT JOIN (inserted i JOIN users u ON u.id = i.recipient_id) ON true`,
      [
        n.requestId,
        n.at,
        ...recipientParams,
        n.eventKey,
        n.type,
        JSON.stringify(n.data),
        ...(auditEvent
          ? [
              auditEvent.eventKey,
              auditEvent.type,
              auditEvent.actorId ?? null,
              JSON.stringify(auditEvent.data ?? {}),
            ]
          : []),
      ],
    );
    return {
      audited: (rows[0]?.audited ?? 0) > 0,
      inserted: rows.flatMap((r) =>
        r.id !== null && r.recipientId !== null
          ? [{ ...n, id: r.id, recipientId: r.recipientId, email: r.email }]
          : [],
      ),
    };
  }

  /** How many notifications the user has, and how many of them are unread. */
  async countsFor(recipientId: string): Promise<{ total: number; unread: number }> {
    const row = await first(
      this.db,
      z.object({ total: z.number().int(), unread: z.number().int() }),
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE recipient_id = $1`,
      [recipientId],
    );
    return row!;
  }

  /** A page of the user's notifications (unread only when asked), newest first. */
  pageFor(recipientId: string, q: { unreadOnly: boolean; page: number; pageSize: number }) {
    return many(
      this.db,
      notificationRow,
      `SELECT ${COLUMNS} FROM notifications n LEFT JOIN requests r ON r.id = n.request_id
        WHERE n.recipient_id = $1 AND (NOT $2 OR n.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id LIMIT $3 OFFSET $4`,
      [recipientId, q.unreadOnly, q.pageSize, (q.page - 1) * q.pageSize],
    );
  }

  /** Marks the user's notification read (the first reading counts); undefined when they have none by that id. */
  async markRead(id: string, recipientId: string) {
    const [row] = await many(
      this.db,
      notificationRow,
      `WITH n AS (UPDATE notifications SET read_at = COALESCE(read_at, now())
                   WHERE id = $1 AND recipient_id = $2 RETURNING *)
       SELECT ${COLUMNS} FROM n LEFT JOIN requests r ON r.id = n.request_id`,
      [id, recipientId],
    );
    return row;
  }

  /**
   * Marks every unread notification of the user read, up to `before` (the instant the reader saw the list: one
   * that arrived since is still news to them). Answers how many it marked.
   */
  async markAllRead(recipientId: string, before: Date): Promise<number> {
    const [, count] = (await this.db.query(
      `UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL AND created_at <= $2`,
      [recipientId, before],
    )) as [unknown, number];
    return count;
  }

  /**
   * Puts the composed mails in the outbox, on their notifications' rows and in the caller's transaction: once the
   * notification is committed its mail is too. The inserting activity claims them (`mail_claimed_at`), so the
   * resend job leaves them alone for its grace period while that activity sends them after its commit.
   */
  async enqueueMails(mails: { notificationId: string; to: string; subject: string; text: string }[]) {
    if (mails.length === 0) return;
    await execute(
      this.db,
      `UPDATE notifications n SET mail_to = m.mail_to, mail_subject = m.mail_subject, mail_text = m.mail_text,
              mail_claimed_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS m(id, mail_to, mail_subject, mail_text)
        WHERE n.id = m.id`,
      [
        mails.map((m) => m.notificationId),
        mails.map((m) => m.to),
        mails.map((m) => m.subject),
        mails.map((m) => m.text),
      ],
    );
  }

  /**
   * Claims up to `limit` outbox mails not sent, not given up, and not taken by any sender in the last
   * `graceSeconds`: a mail whose sender died between its commit and its send, or whose send failed. The claim is
   * committed at once (the caller sends outside any transaction); `FOR UPDATE SKIP LOCKED` makes two concurrent
   * claims take disjoint rows, and the fresh `mail_claimed_at` keeps a later claim off them for the grace period.
   */
  claimUnsentMails(graceSeconds: number, limit: number) {
    return updated(
      this.db,
      claimedMailRow,
      `UPDATE notifications n SET mail_claimed_at = now()
         FROM (SELECT id FROM notifications
                WHERE mail_to IS NOT NULL AND mailed_at IS NULL AND mail_gave_up_at IS NULL
                  AND (mail_claimed_at IS NULL OR mail_claimed_at < now() - make_interval(secs => $1))
                ORDER BY mail_claimed_at NULLS FIRST LIMIT $2
                  FOR UPDATE SKIP LOCKED) c
        WHERE n.id = c.id
        RETURNING n.id AS "notificationId", n.mail_to AS "to", n.mail_subject AS "subject", n.mail_text AS "text",
                  n.mail_attempts AS "attempts"`,
      [graceSeconds, limit],
    );
  }

  /** Records that the SMTP server accepted the e-mail copy (one more attempt, the last). */
  recordMailSent(id: string) {
    return execute(
      this.db,
      `UPDATE notifications SET mailed_at = now(), mail_error = NULL, mail_attempts = mail_attempts + 1 WHERE id = $1`,
      [id],
    );
  }

  /**
   * Records a failed attempt; gives the mail up when `giveUp` (a permanent refusal) or when this was attempt
   * `maxAttempts`. Answers whether it gave up, and after how many attempts. A mail another sender has meanwhile
   * sent is left as sent: a late failure from a stale sender does not undo it.
   */
  async recordMailFailure(id: string, error: string, opts: { giveUp: boolean; maxAttempts: number }) {
    const row = (
      await updated(
        this.db,
        mailFailureRow,
        `UPDATE notifications SET mail_error = $2, mail_attempts = mail_attempts + 1,
                mail_gave_up_at = CASE WHEN $3 OR mail_attempts + 1 >= $4 THEN now() END
          WHERE id = $1 AND mailed_at IS NULL RETURNING mail_gave_up_at IS NOT NULL AS "gaveUp", mail_attempts AS "attempts"`,
        [id, error, opts.giveUp, opts.maxAttempts],
      )
    )[0];
    return row ?? { gaveUp: false, attempts: 0 };
  }
}

const claimedMailRow = z.object({
  notificationId: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  attempts: z.number().int(),
});
export type ClaimedMail = z.output<typeof claimedMailRow>;

const mailFailureRow = z.object({ gaveUp: z.boolean(), attempts: z.number().int() });
