import type { EntityManager } from 'typeorm';
import type { Role } from '@domain/enums';

export type Recipients = { role: Role; scopeUnitId: string | null } | { userId: string };

/**
 * The recipients of one notification as SQL: users who hold `role` over the scope (region-wide holders always,
 * division holders when the scope is theirs), or one user; plus the delegates standing in for any of them on the
 * day of `at` (Stockholm) for the request's kind, so absent reviewers' notifications reach whoever covers for
 * them, including for stages opened before the absence began. `$1` is the request id and `$2` the instant; the
 * recipients' own parameters follow from `$3`.
 */
function recipientsSql(recipients: Recipients): { sql: string; params: unknown[] } {
  const direct =
    'userId' in recipients
      ? `SELECT $3::uuid AS user_id`
      : `SELECT user_id FROM role_assignments
          WHERE role = $3 AND (scope_unit_id IS NULL OR $4::uuid IS NULL OR scope_unit_id = $4::uuid)`;
  return {
    sql: `direct AS (${direct}),
     recipients AS (
       SELECT user_id FROM direct
       UNION
       SELECT d.delegate_id FROM delegations d
        WHERE d.delegator_id IN (SELECT user_id FROM direct) AND d.revoked_at IS NULL
          AND ($2::timestamptz AT TIME ZONE 'Europe/Stockholm')::date BETWEEN d.valid_from AND d.valid_to
          AND (d.kind IS NULL OR d.kind = (SELECT kind FROM requests WHERE id = $1::uuid)))`,
    params: 'userId' in recipients ? [recipients.userId] : [recipients.role, recipients.scopeUnitId],
  };
}

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

/** An event for the audit trail. */
export interface AuditInput {
  eventKey: string;
  requestId: string | null;
  type: string;
  actorId?: string | null;
  at: string;
  data?: object;
}

/**
 * The audit event (when given) and the notifications of one event as a single statement: each round trip to
 * PostgreSQL costs more than the work in it here (BENCHMARKS.md, "What the time went to").
 */
async function record(
  db: EntityManager,
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
  const rows: { audited: number; id: string | null; recipient_id: string; email: string | null }[] =
    await db.query(
      `WITH ${recipientsCte},
       audited AS (${audited}),
       inserted AS (
         INSERT INTO notifications (event_key, recipient_id, request_id, type, data, created_at)
         SELECT ${p(0)}, user_id, $1, ${p(1)}, ${p(2)}::jsonb, $2 FROM recipients
         ON CONFLICT (event_key, recipient_id) DO NOTHING
         RETURNING id, recipient_id)
       SELECT (SELECT count(*) FROM audited)::int AS audited, i.id, i.recipient_id, u.email
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
    audited: rows[0]?.audited > 0,
    inserted: rows
      .filter((r) => r.id !== null)
      .map((r) => ({ ...n, id: r.id!, recipientId: r.recipient_id, email: r.email })),
  };
}

/**
 * One notification per event and recipient, however often the activity is retried. Returns only the rows this
 * call inserted, so their e-mail copies go out once: a retry or a replayed workflow inserts nothing new.
 */
export async function notify(
  db: EntityManager,
  recipients: Recipients,
  n: NotificationInput,
): Promise<InsertedNotification[]> {
  return (await record(db, recipients, n)).inserted;
}

/**
 * An audit event and its notifications in one statement; the audit event takes the notification's request and
 * instant. `audited` is false when an earlier attempt already recorded the event; the notifications are keyed
 * the same way, so none is written twice either.
 */
export async function auditAndNotify(
  db: EntityManager,
  recipients: Recipients,
  event: Pick<AuditInput, 'eventKey' | 'type' | 'actorId' | 'data'>,
  notification: NotificationInput,
): Promise<{ audited: boolean; inserted: InsertedNotification[] }> {
  return record(db, recipients, notification, event);
}

/** Appends to the audit trail once per event key. */
export async function audit(db: EntityManager, e: AuditInput): Promise<boolean> {
  const inserted: unknown[] = await db.query(
    `INSERT INTO audit_events (event_key, request_id, type, actor_id, at, data)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (event_key) DO NOTHING RETURNING id`,
    [e.eventKey, e.requestId, e.type, e.actorId ?? null, e.at, JSON.stringify(e.data ?? {})],
  );
  // false on a retry: the event was recorded by an earlier attempt, and what follows from it must not repeat.
  return inserted.length > 0;
}
