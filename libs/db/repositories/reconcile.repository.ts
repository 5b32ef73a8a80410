import { z } from 'zod';
import { REQUEST_STATUSES } from '@domain/enums';
import type { RecordSide } from '@domain/reconcile';
import { many, type Queryable } from './rows';

const requestRow = z.object({ id: z.string(), status: z.enum(REQUEST_STATUSES) });
const stageRow = z.object({ requestId: z.string(), name: z.string() });
const decisionRow = z.object({ requestId: z.string(), stage: z.string(), outcome: z.string() });

/**
 * PostgreSQL's side of every review for the reconciler (scripts/reconcile.ts): each reviewed request with its
 * open stages and its decisions in the order they were made. Requests recorded without a review (not required,
 * exempted) have no workflow and are left out.
 */
export class ReconcileRepository {
  constructor(private readonly db: Queryable) {}

  async recordSides(): Promise<RecordSide[]> {
    const [requests, stages, decisions] = await Promise.all([
      many(
        this.db,
        requestRow,
        `SELECT id, status FROM requests WHERE status NOT IN ('not_required', 'exempted') ORDER BY id`,
        [],
      ),
      many(
        this.db,
        stageRow,
        `SELECT request_id AS "requestId", name FROM stages WHERE closed_at IS NULL ORDER BY request_id, name`,
        [],
      ),
      many(
        this.db,
        decisionRow,
        `SELECT request_id AS "requestId", stage_name AS stage, outcome FROM decisions
          ORDER BY request_id, decided_at, id`,
        [],
      ),
    ]);
    const sides = new Map<string, RecordSide>(
      requests.map((r) => [r.id, { requestId: r.id, status: r.status, openStages: [], decisions: [] }]),
    );
    for (const s of stages) sides.get(s.requestId)?.openStages.push(s.name);
    for (const d of decisions) sides.get(d.requestId)?.decisions.push(`${d.stage}:${d.outcome}`);
    return [...sides.values()];
  }
}
