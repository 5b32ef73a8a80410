import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { StagesRepository } from '@db/repositories/stages.repository';
import { stockholmDate } from '@domain/calendar';
import { REQUEST_KINDS, isReviewerRole } from '@domain/enums';
import { planRoute } from '@domain/policy';
import { mayDecideNow } from '@domain/may-decide-now';
import { DelegationsService } from '../delegations/delegations.service';
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
  private readonly stages: StagesRepository;
  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly policies: PolicyVersionsService,
    private readonly standIns: DelegationsService,
  ) {
    this.stages = new StagesRepository(dataSource);
  }

  async inbox(query: unknown, user: CurrentUser, now = new Date()): Promise<Inbox> {
    const q = parseBody(querySchema, query);
    const today = stockholmDate(now);
    const delegators = await this.standIns.standInsFor(user, today);
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
      const verdict = mayDecideNow(asActor(user), delegators, {
        planned,
        escalationLevel: row.escalationLevel,
        assigneeUserId: row.assigneeUserId,
        kind: row.kind,
        subject: {
          requesterId: row.requesterId,
          divisionId: row.divisionId,
          unitId: row.unitId,
          decidedStages: row.decidedBy,
        },
      });
      if (!verdict.may) continue;
      const onBehalfOfId = verdict.onBehalfOfId ?? undefined;
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
