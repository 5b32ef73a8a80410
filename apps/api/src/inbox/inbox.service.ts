import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { DelegationsRepository } from '@db/repositories/delegations.repository';
import { StagesRepository } from '@db/repositories/stages.repository';
import { stockholmDate } from '@domain/calendar';
import { assertIsAssignee, decidingRolesOf, type Actor } from '@domain/decision-rules';
import { carriedGrants } from '@domain/delegation';
import { REQUEST_KINDS, isReviewerRole, type RequestKind } from '@domain/enums';
import { planRoute } from '@domain/policy';
import { DomainError } from '@domain/errors';
import { AuthService } from '../auth/auth.service';
import { asActor, type CurrentUser } from '../auth/current-user';
import { parseBody } from '../common/parse-body';
import { DATA_SOURCE } from '../tokens';
import { PolicyVersionsService } from '../policy-versions/policy-versions.service';
import { routeFactsOf } from '../requests/review-input';
import { caseNumberQuery } from '../requests/request-bodies';
import { formatCaseNumber } from '@domain/case-number';
import { requestTitles } from '@domain/request-title';
import type { Inbox, InboxItem } from '@contracts/inbox';
import { MAX_PAGE_SIZE, pageOf, pageQuery } from '@contracts/paging';

const querySchema = z
  .object({
    kind: z.enum(REQUEST_KINDS).optional(),
    divisionId: z.string().uuid().optional(),
    caseNumber: caseNumberQuery.optional(),
    ...pageQuery(MAX_PAGE_SIZE),
  })
  .strict();

/**
 * The reviewer's work list: every open stage they may decide now, in their own right or standing in for an absent
 * colleague, earliest deadline first. The same domain rules as the workflow's validator decide what is listed.
 */
@Injectable()
export class InboxService {
  private readonly delegations: DelegationsRepository;
  private readonly stages: StagesRepository;
  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly policies: PolicyVersionsService,
  ) {
    this.delegations = new DelegationsRepository(dataSource);
    this.stages = new StagesRepository(dataSource);
  }

  async inbox(query: unknown, user: CurrentUser, now = new Date()): Promise<Inbox> {
    const q = parseBody(querySchema, query);
    const today = stockholmDate(now);
    const delegations = await this.delegations.activeFor(user.id, today);
    const delegators = new Map<string, { actor: Actor; kind: RequestKind | null }>();
    for (const d of delegations) {
      const delegator = await this.auth.loadUser({ id: d.delegatorId });
      if (!delegator) continue;
      // Only the delegator's grants the user still holds themselves: a stand-in who lost the role lists nothing.
      const grants = carriedGrants(asActor(delegator), asActor(user));
      if (grants.length > 0)
        delegators.set(delegator.id, { actor: { userId: delegator.id, grants }, kind: d.kind });
    }
    const scopeUnits = [...user.grants, ...[...delegators.values()].flatMap((d) => d.actor.grants)];
    const regionWide = scopeUnits.some((g) => isReviewerRole(g.role) && g.scopeUnitId === null);
    const rows = await this.stages.openForReview({
      regionWide,
      scopeUnitIds: scopeUnits.map((g) => g.scopeUnitId).filter((id): id is string => !!id),
      kind: q.kind,
      divisionId: q.divisionId,
      caseNumber: q.caseNumber,
    });
    const items: InboxItem[] = [];
    for (const row of rows) {
      // The stage as the review runs it: planned from the request's facts under the version it was submitted with.
      const planned = planRoute(await this.policies.policy(row.policyVersion), {
        kind: row.kind,
        ...routeFactsOf(row.payload),
      }).find((p) => p.name === row.name);
      if (!planned) continue;
      const subject = {
        requesterId: row.requesterId,
        divisionId: row.divisionId,
        unitId: row.unitId,
        decidedStages: row.decidedBy,
      };
      const escalated = planned.escalations.slice(0, row.escalationLevel).map((e) => e.role);
      const mayAs = (actor: Actor, onBehalfOf?: string) => {
        if (user.id === row.requesterId) return false;
        if (row.decidedBy.some((d) => d.userId === user.id && d.stage !== row.name)) return false;
        if (decidingRolesOf(actor, planned, row.escalationLevel, subject).length === 0) return false;
        if (onBehalfOf === undefined || onBehalfOf !== row.assigneeUserId) {
          try {
            assertIsAssignee({ ...actor, userId: user.id }, row.assigneeUserId ?? undefined, escalated);
          } catch (e) {
            if (e instanceof DomainError) return false;
            throw e;
          }
        }
        return true;
      };
      let onBehalfOfId: string | undefined;
      let mine = mayAs(asActor(user));
      if (row.assigneeUserId && delegators.has(row.assigneeUserId)) {
        // Reassigned to someone I stand in for: mine, on their behalf.
        const d = delegators.get(row.assigneeUserId)!;
        if ((d.kind === null || d.kind === row.kind) && mayAs(asActor(user), row.assigneeUserId)) {
          mine = true;
          onBehalfOfId = row.assigneeUserId;
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
      const summaries = requestTitles(p);
      items.push({
        requestId: row.requestId,
        caseNumber: formatCaseNumber({ year: row.caseYear, seq: row.caseSeq }),
        ...summaries,
        stage: row.name,
        mode: planned.mode,
        round: row.round,
        dueAt: row.dueAt,
        overdue: row.dueAt.getTime() < now.getTime(),
        escalationLevel: row.escalationLevel,
        delegated: onBehalfOfId !== undefined,
        onBehalfOfId: onBehalfOfId ?? null,
        kind: row.kind,
        unitId: row.unitId,
        unitName: row.unitName,
        divisionId: row.divisionId,
        divisionName: row.divisionName,
        requesterName: row.requesterName,
        occupationalCategory: row.occupationalCategory,
        urgent: p.kind === 'agency_call_off' && p.urgent,
        costSek: row.costSek,
        submittedAt: row.submittedAt,
      });
    }
    const start = (q.page - 1) * q.pageSize;
    return pageOf(items.slice(start, start + q.pageSize), items.length, q);
  }
}
