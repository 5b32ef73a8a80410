import type { EntityManager } from 'typeorm';
import type { Role } from '@domain/enums';

export type Recipients = { role: Role; scopeUnitId: string | null } | { userId: string };

/**
 * Users who hold `role` over the scope: region-wide holders always, division holders when the scope is theirs.
 */
export async function resolveRecipients(db: EntityManager, recipients: Recipients): Promise<string[]> {
  if ('userId' in recipients) return [recipients.userId];
  const rows: { user_id: string }[] = await db.query(
    `SELECT DISTINCT user_id FROM role_assignments
      WHERE role = $1 AND (scope_unit_id IS NULL OR $2::uuid IS NULL OR scope_unit_id = $2::uuid)`,
    [recipients.role, recipients.scopeUnitId],
  );
  return rows.map((r) => r.user_id);
}

/**
 * Delegates standing in for any of `userIds` on the day of `at` (Stockholm), for the request's kind: absent
 * reviewers' notifications reach whoever covers for them, including for stages opened before the absence began.
 */
async function delegatesOf(db: EntityManager, userIds: string[], at: string, requestId: string | null) {
  const rows: { delegate_id: string }[] = await db.query(
    `SELECT DISTINCT d.delegate_id FROM delegations d
      WHERE d.delegator_id = ANY($1::uuid[]) AND d.revoked_at IS NULL
        AND ($2::timestamptz AT TIME ZONE 'Europe/Stockholm')::date BETWEEN d.valid_from AND d.valid_to
        AND (d.kind IS NULL OR d.kind = (SELECT kind FROM requests WHERE id = $3::uuid))`,
    [userIds, at, requestId],
  );
  return rows.map((r) => r.delegate_id);
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

/**
 * One notification per event and recipient, however often the activity is retried. Returns only the rows this
 * call inserted, so their e-mail copies go out once: a retry or a replayed workflow inserts nothing new.
 */
export async function notify(
  db: EntityManager,
  recipients: Recipients,
  n: NotificationInput,
): Promise<InsertedNotification[]> {
  const direct = await resolveRecipients(db, recipients);
  const userIds = [...new Set([...direct, ...(await delegatesOf(db, direct, n.at, n.requestId))])];
  if (userIds.length === 0) return [];
  const rows: { id: string; recipient_id: string; email: string | null }[] = await db.query(
    `WITH inserted AS (
       INSERT INTO notifications (event_key, recipient_id, request_id, type, data, created_at)
       SELECT $1, unnest($2::uuid[]), $3, $4, $5::jsonb, $6
       ON CONFLICT (event_key, recipient_id) DO NOTHING
       RETURNING id, recipient_id)
     SELECT i.id, i.recipient_id, u.email FROM inserted i JOIN users u ON u.id = i.recipient_id`,
    [n.eventKey, userIds, n.requestId, n.type, JSON.stringify(n.data), n.at],
  );
  return rows.map((r) => ({ ...n, id: r.id, recipientId: r.recipient_id, email: r.email }));
}

/** Appends to the audit trail once per event key. */
export async function audit(
  db: EntityManager,
  e: {
    eventKey: string;
    requestId: string | null;
    type: string;
    actorId?: string | null;
    at: string;
    data?: object;
  },
): Promise<boolean> {
  const inserted: unknown[] = await db.query(
    `INSERT INTO audit_events (event_key, request_id, type, actor_id, at, data)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (event_key) DO NOTHING RETURNING id`,
    [e.eventKey, e.requestId, e.type, e.actorId ?? null, e.at, JSON.stringify(e.data ?? {})],
  );
  // false on a retry: the event was recorded by an earlier attempt, and what follows from it must not repeat.
  return inserted.length > 0;
}
