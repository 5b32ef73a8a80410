import { z } from 'zod';
import { OUTCOMES, REQUEST_STATUSES, STAGE_NAMES } from '@domain/enums';
import { dateText, first, many, type Queryable, timestamp } from './rows';

const decisionRow = z.object({
  id: z.string(),
  stage: z.enum(STAGE_NAMES),
  outcome: z.enum(OUTCOMES),
  actorId: z.string(),
  actorName: z.string(),
  onBehalfOfId: z.string().nullable(),
  comment: z.string().nullable(),
  conditions: z.string().nullable(),
  validUntil: dateText.nullable(),
  decidedAt: timestamp,
});

const recordedRow = z.object({
  decisionId: z.string(),
  stage: z.enum(STAGE_NAMES),
  outcome: z.enum(OUTCOMES),
  status: z.enum(REQUEST_STATUSES),
  decidedAt: timestamp,
  validUntil: dateText.nullable(),
});
export type RecordedDecision = z.output<typeof recordedRow>;

/** The decisions taken on stages (`decisions`): at most one per stage. */
export class DecisionsRepository {
  constructor(private readonly db: Queryable) {}

  /** Records the decision unless it (or another on its stage) is already there; true when this call wrote it. */
  async insertOnce(d: {
    decisionId: string;
    requestId: string;
    stageId: string;
    stageName: string;
    outcome: string;
    actorId: string;
    onBehalfOfId: string | null;
    comment: string | null;
    conditions: string | null;
    validUntil: string | null;
    decidedAt: string;
  }): Promise<boolean> {
    const inserted = await many(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO decisions (id, request_id, stage_id, stage_name, outcome, actor_id, on_behalf_of_id, comment,
                              conditions, valid_until, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        d.decisionId,
        d.requestId,
        d.stageId,
        d.stageName,
        d.outcome,
        d.actorId,
        d.onBehalfOfId,
        d.comment,
        d.conditions,
        d.validUntil,
        d.decidedAt,
      ],
    );
    return inserted.length > 0;
  }

  /** The id of the decision recorded on a stage, if any. */
  async idOnStage(stageId: string): Promise<string | undefined> {
    const row = await first(
      this.db,
      z.object({ id: z.string() }),
      `SELECT id FROM decisions WHERE stage_id = $1`,
      [stageId],
    );
    return row?.id;
  }

  /** A request's decisions in order, with the actors' names. */
  ofRequest(requestId: string) {
    return many(
      this.db,
      decisionRow,
      `SELECT d.id, d.stage_name AS stage, d.outcome, d.actor_id AS "actorId", u.display_name AS "actorName",
              d.on_behalf_of_id AS "onBehalfOfId", d.comment, d.conditions, d.valid_until::text AS "validUntil",
              d.decided_at AS "decidedAt"
         FROM decisions d JOIN users u ON u.id = d.actor_id WHERE d.request_id = $1 ORDER BY d.decided_at`,
      [requestId],
    );
  }

  /** A decision as its answer reports it, with the request's status now; undefined when it was never recorded. */
  recorded(decisionId: string) {
    return first(
      this.db,
      recordedRow,
      `SELECT d.id AS "decisionId", d.stage_name AS stage, d.outcome, r.status, d.decided_at AS "decidedAt",
              d.valid_until::text AS "validUntil"
         FROM decisions d JOIN requests r ON r.id = d.request_id WHERE d.id = $1`,
      [decisionId],
    );
  }
}
