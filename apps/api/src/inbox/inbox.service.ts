import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { stockholmDate } from '@domain/calendar';
import { assertIsAssignee, decidingRolesOf, type Actor } from '@domain/decision-rules';
import { REQUEST_KINDS, isReviewerRole, type RequestKind } from '@domain/enums';
import { planRoute, policyFor } from '@domain/policy';
import { isNewPermanentPosition, type RequestInput } from '@domain/request-input';
import { DomainError } from '@domain/errors';
import { statusesWhere } from '@domain/review-state';
import { sqlList } from '@db/sql-list';
import { AuthService } from '../auth/auth.service';
import { asActor, type CurrentUser } from '../auth/current-user';
import { parseBody } from '../common/parse-body';
import { DATA_SOURCE } from '../tokens';
import { pageQuery } from '../common/paging';

const querySchema = z
  .object({
    kind: z.enum(REQUEST_KINDS).optional(),
    divisionId: z.string().uuid().optional(),
    ...pageQuery,
  })
  .strict();

interface OpenStageRow {
  stage_id: string;
  name: string;
  round: number;
  due_at: Date;
  opened_at: Date;
  escalation_level: number;
  assignee_user_id: string | null;
  request_id: string;
  kind: RequestKind;
  unit_id: string;
  unit_name: string;
  division_id: string;
  division_name: string;
  requester_id: string;
  requester_name: string;
  occupational_category: string;
  cost_sek: string;
  payload: RequestInput;
  policy_version: number;
  submitted_at: Date;
  decided_by: { stage: string; userId: string }[];
}

/**
 * The reviewer's work list: every open stage they may decide now, in their own right or standing in for an absent
 * colleague, earliest deadline first. The same domain rules as the workflow's validator decide what is listed.
 */
@Injectable()
export class InboxService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  async inbox(query: unknown, user: CurrentUser, now = new Date()) {
    const q = parseBody(querySchema, query);
    const today = stockholmDate(now);
    const delegations: { delegator_id: string; kind: RequestKind | null }[] = await this.dataSource.query(
      `SELECT delegator_id, kind FROM delegations
        WHERE delegate_id = $1 AND revoked_at IS NULL AND valid_from <= $2 AND valid_to >= $2`,
      [user.id, today],
    );
    const delegators = new Map<string, { actor: Actor; kind: RequestKind | null }>();
    for (const d of delegations) {
      const delegator = await this.auth.loadUser({ id: d.delegator_id });
      if (delegator) delegators.set(delegator.id, { actor: asActor(delegator), kind: d.kind });
    }
    const scopeUnits = [...user.grants, ...[...delegators.values()].flatMap((d) => d.actor.grants)];
    const regionWide = scopeUnits.some((g) => isReviewerRole(g.role) && g.scopeUnitId === null);
    const rows: OpenStageRow[] = await this.dataSource.query(
      `SELECT s.id AS stage_id, s.name, s.round, s.due_at, s.opened_at, s.escalation_level, s.assignee_user_id,
              r.id AS request_id, r.kind, r.unit_id, un.name AS unit_name, r.division_id, dv.name AS division_name,
              r.requester_id, ru.display_name AS requester_name, r.occupational_category, r.cost_sek, r.payload,
              r.policy_version, r.submitted_at,
              COALESCE((SELECT json_agg(json_build_object('stage', d.stage_name, 'userId', d.actor_id))
                          FROM decisions d WHERE d.request_id = r.id), '[]') AS decided_by
         FROM stages s
         JOIN requests r ON r.id = s.request_id
         JOIN org_units un ON un.id = r.unit_id
         JOIN org_units dv ON dv.id = r.division_id
         JOIN users ru ON ru.id = r.requester_id
        WHERE s.closed_at IS NULL AND r.status IN (${sqlList(statusesWhere('decide'))})
          AND ($1 OR r.division_id = ANY($2::uuid[]) OR r.unit_id = ANY($2::uuid[]))
          AND ($3::text IS NULL OR r.kind = $3) AND ($4::uuid IS NULL OR r.division_id = $4)
        ORDER BY s.due_at, s.id
        LIMIT 2000`,
      [
        regionWide,
        scopeUnits.map((g) => g.scopeUnitId).filter(Boolean),
        q.kind ?? null,
        q.divisionId ?? null,
      ],
    );
    const items = [];
    for (const row of rows) {
      const planned = planRoute(policyFor(row.policy_version), {
        kind: row.kind,
        newPermanentPosition: isNewPermanentPosition(row.payload),
        urgent: row.payload.kind === 'agency_call_off' && row.payload.urgent,
      }).find((p) => p.name === row.name);
      if (!planned) continue;
      const subject = {
        requesterId: row.requester_id,
        divisionId: row.division_id,
        unitId: row.unit_id,
        decidedStages: row.decided_by,
      };
      const escalated = planned.escalations.slice(0, row.escalation_level).map((e) => e.role);
      const mayAs = (actor: Actor, onBehalfOf?: string) => {
        if (user.id === row.requester_id) return false;
        if (row.decided_by.some((d) => d.userId === user.id && d.stage !== row.name)) return false;
        if (decidingRolesOf(actor, planned, row.escalation_level, subject).length === 0) return false;
        if (onBehalfOf === undefined || onBehalfOf !== row.assignee_user_id) {
          try {
            assertIsAssignee({ ...actor, userId: user.id }, row.assignee_user_id ?? undefined, escalated);
          } catch (e) {
            if (e instanceof DomainError) return false;
            throw e;
          }
        }
        return true;
      };
      let onBehalfOfId: string | undefined;
      let mine = mayAs(asActor(user));
      if (row.assignee_user_id && delegators.has(row.assignee_user_id)) {
        // Reassigned to someone I stand in for: mine, on their behalf.
        const d = delegators.get(row.assignee_user_id)!;
        if ((d.kind === null || d.kind === row.kind) && mayAs(asActor(user), row.assignee_user_id)) {
          mine = true;
          onBehalfOfId = row.assignee_user_id;
        }
      } else if (!mine) {
        for (const [id, d] of delegators) {
          if ((d.kind === null || d.kind === row.kind) && mayAs({ userId: id, grants: d.actor.grants })) {
            mine = true;
            onBehalfOfId = id;
            break;
          }
        }
      }
      if (!mine) continue;
      const p = row.payload;
      items.push({
        requestId: row.request_id,
        stage: row.name,
        round: row.round,
        dueAt: row.due_at,
        overdue: row.due_at.getTime() < now.getTime(),
        escalationLevel: row.escalation_level,
        delegated: onBehalfOfId !== undefined,
        onBehalfOfId: onBehalfOfId ?? null,
        kind: row.kind,
        unitId: row.unit_id,
        unitName: row.unit_name,
        divisionId: row.division_id,
        divisionName: row.division_name,
        requesterName: row.requester_name,
        occupationalCategory: row.occupational_category,
        summary: p.kind === 'hire' ? p.title : `${p.supplier}, ${p.periodFrom}–${p.periodTo}`,
        urgent: p.kind === 'agency_call_off' && p.urgent,
        costSek: Number(row.cost_sek),
        submittedAt: row.submitted_at,
      });
    }
    const start = (q.page - 1) * q.pageSize;
    return {
      items: items.slice(start, start + q.pageSize),
      total: items.length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
