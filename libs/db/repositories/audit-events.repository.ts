import { z } from 'zod';
import { execute, jsonObject, many, type Queryable, timestamp } from './rows';

/** An event for the audit trail. */
export interface AuditInput {
  eventKey: string;
  requestId: string | null;
  type: string;
  actorId?: string | null;
  at: string;
  data?: object;
}

const timelineRow = z.object({
  id: z.string(),
  type: z.string(),
  at: timestamp,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  data: jsonObject,
});

/** The append-only audit trail (`audit_events`; the database refuses UPDATE and DELETE). */
export class AuditEventsRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Appends once per event key; false on a retry, when an earlier attempt recorded the event and what follows
   * from it must not repeat.
   */
  async appendOnce(e: AuditInput): Promise<boolean> {
    const inserted = await many(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO audit_events (event_key, request_id, type, actor_id, at, data)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (event_key) DO NOTHING RETURNING id`,
      [e.eventKey, e.requestId, e.type, e.actorId ?? null, e.at, JSON.stringify(e.data ?? {})],
    );
    return inserted.length > 0;
  }

  /** An administrative event (periods, exemptions, delegations) at the database's now; its key must be new. */
  appendAdministrative(e: { eventKey: string; type: string; actorId: string; data: object }) {
    return execute(
      this.db,
      `INSERT INTO audit_events (event_key, type, actor_id, at, data) VALUES ($1, $2, $3, now(), $4::jsonb)`,
      [e.eventKey, e.type, e.actorId, JSON.stringify(e.data)],
    );
  }

  /** A request's events in order, with the actors' names. */
  ofRequest(requestId: string) {
    return many(
      this.db,
      timelineRow,
      `SELECT a.id, a.type, a.at, a.actor_id AS "actorId", u.display_name AS "actorName", a.data
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id WHERE a.request_id = $1 ORDER BY a.at, a.id`,
      [requestId],
    );
  }
}
