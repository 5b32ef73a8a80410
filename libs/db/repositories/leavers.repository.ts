import { requestPayload } from './requests.repository';
import { z } from 'zod';
import { REQUEST_KINDS, REQUEST_STATUSES, REVIEWER_ROLES, ROLES, STAGE_NAMES } from '@domain/enums';
import { OPEN_STATUSES } from '@domain/review-state';
import { sqlList } from '../sql-list';
import { STOCKHOLM_TODAY, validOn } from './period-validity';
import { many, type Queryable, timestamp } from './rows';

const grants = z.array(z.object({ role: z.enum(ROLES), scopeUnitId: z.string().nullable() }));

/** A person's grants valid today (Stockholm) as a JSON array, for the user row aliased `u`. */
const GRANTS_TODAY = `COALESCE((SELECT json_agg(json_build_object('role', ra.role, 'scopeUnitId', ra.scope_unit_id))
                           FROM role_assignments ra WHERE ra.user_id = u.id AND ${validOn('ra')}), '[]')`;

const assignedStageRow = z.object({
  stageId: z.string(),
  name: z.enum(STAGE_NAMES),
  escalationLevel: z.number().int(),
  requestId: z.string(),
  kind: z.enum(REQUEST_KINDS),
  policyVersion: z.number().int(),
  unitId: z.string(),
  divisionId: z.string(),
  assigneeUserId: z.string(),
  active: z.boolean(),
  grants,
});
export type AssignedStageRow = z.output<typeof assignedStageRow>;

const openRequestRow = z.object({
  id: z.string(),
  kind: z.enum(REQUEST_KINDS),
  status: z.enum(REQUEST_STATUSES),
  unitId: z.string(),
  unitName: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  submittedAt: timestamp,
  caseYear: z.number().int(),
  caseSeq: z.number().int(),
  payload: requestPayload,
  requesterId: z.string(),
  requesterName: z.string(),
  active: z.boolean(),
  grants,
  decidedBy: z.array(z.string()),
  assigneeUserId: z.string().nullable(),
});
export type OpenRequestRow = z.output<typeof openRequestRow>;

const REQUEST_WITH_REQUESTER = `SELECT r.id, r.kind, r.status, r.unit_id AS "unitId", un.name AS "unitName",
         r.division_id AS "divisionId", dv.name AS "divisionName", r.submitted_at AS "submittedAt",
         r.case_year AS "caseYear", r.case_seq AS "caseSeq", r.payload,
         u.id AS "requesterId", u.display_name AS "requesterName", u.active, ${GRANTS_TODAY} AS grants,
         COALESCE((SELECT json_agg(d.actor_id) FROM decisions d WHERE d.request_id = r.id), '[]') AS "decidedBy",
         (SELECT s.assignee_user_id FROM stages s WHERE s.request_id = r.id AND s.closed_at IS NULL
           ORDER BY s.opened_at DESC LIMIT 1) AS "assigneeUserId"
    FROM requests r JOIN users u ON u.id = r.requester_id
    JOIN org_units un ON un.id = r.unit_id JOIN org_units dv ON dv.id = r.division_id`;

const candidateRow = z.object({ id: z.string(), displayName: z.string(), grants });
export type CandidateRow = z.output<typeof candidateRow>;

/**
 * What the leavers' reconciler (issue 18) reads: work held by one person, with that person's standing today, so
 * the rules in libs/domain/leavers.ts can say what is stuck. Which of it is stuck is the domain's to decide.
 */
export class LeaversRepository {
  constructor(private readonly db: Queryable) {}

  /** Every open stage reassigned to one person, with that person's active flag and grants valid today. */
  assignedOpenStages() {
    return many(
      this.db,
      assignedStageRow,
      `SELECT s.id AS "stageId", s.name, s.escalation_level AS "escalationLevel", r.id AS "requestId", r.kind,
              r.policy_version AS "policyVersion", r.unit_id AS "unitId", r.division_id AS "divisionId",
              u.id AS "assigneeUserId", u.active, ${GRANTS_TODAY} AS grants
         FROM stages s JOIN requests r ON r.id = s.request_id JOIN users u ON u.id = s.assignee_user_id
        WHERE s.closed_at IS NULL AND r.status = 'in_review'
        ORDER BY s.opened_at, s.id`,
    );
  }

  /**
   * Open requests whose requester is inactive or holds no requester grant over the unit today (SQL narrows what
   * the domain rule then confirms), within the divisions given (every one when `divisionIds` is null).
   */
  openRequestsWithoutRequester(divisionIds: string[] | null) {
    return many(
      this.db,
      openRequestRow,
      `${REQUEST_WITH_REQUESTER}
        WHERE r.status IN (${sqlList(OPEN_STATUSES)})
          AND ($1::uuid[] IS NULL OR r.division_id = ANY($1::uuid[]) OR r.unit_id = ANY($1::uuid[]))
          AND NOT (u.active AND EXISTS (
                SELECT 1 FROM role_assignments ra
                 WHERE ra.user_id = u.id AND ra.role = 'requester' AND ${validOn('ra')}
                   AND (ra.scope_unit_id IS NULL OR ra.scope_unit_id IN (r.unit_id, r.division_id))))
        ORDER BY r.submitted_at, r.id`,
      [divisionIds],
    );
  }

  /** One request, whatever its status, with its requester's standing today. */
  async requestWithRequester(id: string): Promise<OpenRequestRow | undefined> {
    const [row] = await many(this.db, openRequestRow, `${REQUEST_WITH_REQUESTER} WHERE r.id = $1`, [id]);
    return row;
  }

  /** Active users holding a requester grant valid today over one of these units or divisions, or region-wide. */
  requesterCandidates(scopeUnitIds: string[]) {
    return many(
      this.db,
      candidateRow,
      `SELECT u.id, u.display_name AS "displayName", ${GRANTS_TODAY} AS grants
         FROM users u
        WHERE u.active AND EXISTS (
                SELECT 1 FROM role_assignments ra
                 WHERE ra.user_id = u.id AND ra.role = 'requester' AND ${validOn('ra')}
                   AND (ra.scope_unit_id IS NULL OR ra.scope_unit_id = ANY($1::uuid[])))
        ORDER BY u.display_name, u.id`,
      [scopeUnitIds],
    );
  }

  /**
   * People on either side of a delegation still in force who are inactive or hold no reviewing role that has not
   * ended (a role starting later still counts): such a delegation hands nothing on, so it ends.
   */
  async delegationLeavers(): Promise<string[]> {
    const rows = await many(
      this.db,
      z.object({ id: z.string() }),
      `SELECT DISTINCT u.id FROM delegations d JOIN users u ON u.id IN (d.delegator_id, d.delegate_id)
        WHERE d.revoked_at IS NULL AND d.valid_to >= ${STOCKHOLM_TODAY}
          AND (NOT u.active OR NOT EXISTS (
                SELECT 1 FROM role_assignments ra
                 WHERE ra.user_id = u.id AND ra.role IN (${sqlList(REVIEWER_ROLES)})
                   AND (ra.valid_to IS NULL OR ra.valid_to >= ${STOCKHOLM_TODAY})))`,
    );
    return rows.map((r) => r.id);
  }
}
