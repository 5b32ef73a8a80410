import type { CaseNumber } from '@domain/case-number';
import { z } from 'zod';
import {
  OCCUPATIONAL_CATEGORIES,
  OUTCOMES,
  REQUEST_KINDS,
  type RequestKind,
  ROLES,
  STAGE_NAMES,
} from '@domain/enums';
import { statusesWhere } from '@domain/review-state';
import { sqlList } from '../sql-list';
import { requestPayload } from './requests.repository';
import { bigintNumber, execute, first, many, type Queryable, timestamp } from './rows';

const stageRow = z.object({
  id: z.string(),
  name: z.enum(STAGE_NAMES),
  round: z.number().int(),
  assigneeRole: z.enum(ROLES),
  assigneeScopeUnitId: z.string().nullable(),
  openedAt: timestamp,
  dueAt: timestamp,
  escalationLevel: z.number().int(),
  closedAt: timestamp.nullable(),
  outcome: z.enum([...OUTCOMES, 'withdrawn']).nullable(),
  mode: z.enum(['deciding', 'recommending']),
});

const openStageRow = z.object({
  name: z.enum(STAGE_NAMES),
  assigneeUserId: z.string().nullable(),
  assigneeRole: z.enum(ROLES),
  assigneeScopeUnitId: z.string().nullable(),
});
export type OpenStageRow = z.output<typeof openStageRow>;

const reviewableRow = z.object({
  stageId: z.string(),
  name: z.enum(STAGE_NAMES),
  round: z.number().int(),
  dueAt: timestamp,
  openedAt: timestamp,
  escalationLevel: z.number().int(),
  assigneeUserId: z.string().nullable(),
  requestId: z.string(),
  kind: z.enum(REQUEST_KINDS),
  unitId: z.string(),
  unitName: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  requesterId: z.string(),
  requesterName: z.string(),
  occupationalCategory: z.enum(OCCUPATIONAL_CATEGORIES),
  costSek: bigintNumber,
  payload: requestPayload,
  policyVersion: z.number().int(),
  submittedAt: timestamp,
  caseYear: z.number().int(),
  caseSeq: z.number().int(),
  decidedBy: z.array(z.object({ stage: z.string(), userId: z.string() })),
});
export type ReviewableStageRow = z.output<typeof reviewableRow>;

/** The review stages of requests (`stages`): one row per stage and round. */
export class StagesRepository {
  constructor(private readonly db: Queryable) {}

  /** Opens the stage once: a retried activity finds the stage the first attempt opened. */
  async open(s: {
    requestId: string;
    name: string;
    round: number;
    mode?: string;
    role: string;
    scopeUnitId: string | null;
    openedAt: string;
    dueAt: string;
  }): Promise<string> {
    const [row] = await many(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO stages (request_id, name, round, assignee_role, assignee_scope_unit_id, opened_at, due_at, mode)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (request_id, name, round) DO UPDATE SET name = EXCLUDED.name
       RETURNING id`,
      [s.requestId, s.name, s.round, s.role, s.scopeUnitId, s.openedAt, s.dueAt, s.mode ?? 'deciding'],
    );
    return row.id;
  }

  /** Moves an open stage to the next escalation level; a level already reached changes nothing. */
  escalate(e: { stageId: string; level: number; dueAt: string; role: string; scopeUnitId: string | null }) {
    return execute(
      this.db,
      `UPDATE stages SET escalation_level = $2, due_at = $3, assignee_role = $4, assignee_scope_unit_id = $5
        WHERE id = $1 AND closed_at IS NULL AND escalation_level < $2`,
      [e.stageId, e.level, e.dueAt, e.role, e.scopeUnitId],
    );
  }

  /** A paused stage's deadline, moved on when its question was answered (issue 21). */
  moveDeadline(stageId: string, dueAt: string) {
    return execute(this.db, `UPDATE stages SET due_at = $2 WHERE id = $1 AND closed_at IS NULL`, [
      stageId,
      dueAt,
    ]);
  }

  reassign(stageId: string, userId: string) {
    return execute(this.db, `UPDATE stages SET assignee_user_id = $2 WHERE id = $1 AND closed_at IS NULL`, [
      stageId,
      userId,
    ]);
  }

  /** Back to the pool: only while it is still assigned to `fromUserId` (a later reassignment stays). */
  release(stageId: string, fromUserId: string) {
    return execute(
      this.db,
      `UPDATE stages SET assignee_user_id = NULL WHERE id = $1 AND closed_at IS NULL AND assignee_user_id = $2`,
      [stageId, fromUserId],
    );
  }

  /** Closes an open stage because the request was withdrawn (nobody decided it). */
  closeWithdrawn(stageId: string, at: string) {
    return execute(
      this.db,
      `UPDATE stages SET closed_at = $2, outcome = 'withdrawn' WHERE id = $1 AND closed_at IS NULL`,
      [stageId, at],
    );
  }

  /** Every stage of a request, in the order they opened. */
  ofRequest(requestId: string) {
    return many(
      this.db,
      stageRow,
      `SELECT id, name, round, assignee_role AS "assigneeRole", assignee_scope_unit_id AS "assigneeScopeUnitId",
              opened_at AS "openedAt", due_at AS "dueAt", escalation_level AS "escalationLevel",
              closed_at AS "closedAt", outcome, mode
         FROM stages WHERE request_id = $1 ORDER BY opened_at, round`,
      [requestId],
    );
  }

  /** The id of the request's open stage, if one is open (questions belong to it, issue 21). */
  async openStageId(requestId: string): Promise<string | undefined> {
    const row = await first(
      this.db,
      z.object({ id: z.string() }),
      `SELECT id FROM stages WHERE request_id = $1 AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 1`,
      [requestId],
    );
    return row?.id;
  }

  /** The request's open stage and to whom it is assigned, if one is open. */
  openOf(requestId: string) {
    return first(
      this.db,
      openStageRow,
      `SELECT name, assignee_user_id AS "assigneeUserId", assignee_role AS "assigneeRole",
              assignee_scope_unit_id AS "assigneeScopeUnitId"
         FROM stages WHERE request_id = $1 AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 1`,
      [requestId],
    );
  }

  /**
   * The open stages of requests in review within the scopes (every scope when `regionWide`), earliest deadline
   * first, at most 2 000, each with its request and who decided its earlier stages. Who may decide each is for
   * the domain rules to say.
   */
  openForReview(q: {
    regionWide: boolean;
    scopeUnitIds: string[];
    kind?: RequestKind;
    divisionId?: string;
    caseNumber?: CaseNumber;
  }) {
    return many(
      this.db,
      reviewableRow,
      `SELECT s.id AS "stageId", s.name, s.round, s.due_at AS "dueAt", s.opened_at AS "openedAt",
              s.escalation_level AS "escalationLevel", s.assignee_user_id AS "assigneeUserId",
              r.id AS "requestId", r.kind, r.unit_id AS "unitId", un.name AS "unitName", r.division_id AS "divisionId",
              dv.name AS "divisionName", r.requester_id AS "requesterId", ru.display_name AS "requesterName",
              r.occupational_category AS "occupationalCategory", r.cost_sek AS "costSek", r.payload,
              r.policy_version AS "policyVersion", r.submitted_at AS "submittedAt",
              r.case_year AS "caseYear", r.case_seq AS "caseSeq",
              COALESCE((SELECT json_agg(json_build_object('stage', d.stage_name, 'userId', d.actor_id))
                          FROM decisions d WHERE d.request_id = r.id), '[]') AS "decidedBy"
         FROM stages s
         JOIN requests r ON r.id = s.request_id
         JOIN org_units un ON un.id = r.unit_id
         JOIN org_units dv ON dv.id = r.division_id
         JOIN users ru ON ru.id = r.requester_id
        WHERE s.closed_at IS NULL AND r.status IN (${sqlList(statusesWhere('decide'))})
          AND ($1 OR r.division_id = ANY($2::uuid[]) OR r.unit_id = ANY($2::uuid[]))
          AND ($3::text IS NULL OR r.kind = $3) AND ($4::uuid IS NULL OR r.division_id = $4)
          AND ($5::int IS NULL OR (r.case_year = $5 AND r.case_seq = $6))
        ORDER BY s.due_at, s.id
        LIMIT 2000`,
      [
        q.regionWide,
        q.scopeUnitIds,
        q.kind ?? null,
        q.divisionId ?? null,
        q.caseNumber?.year ?? null,
        q.caseNumber?.seq ?? null,
      ],
    );
  }
}
