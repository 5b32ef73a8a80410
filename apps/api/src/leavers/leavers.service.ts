import { formatCaseNumber } from '@domain/case-number';
import { requestTitles } from '@domain/request-title';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createSmtpMailer } from '@activities/mailer';
import { createReviewActivities } from '@activities/review-activities';
import type { ReviewActivities } from '@activities/review-activities.types';
import type { AppConfig } from '@config/config';
import type * as contract from '@contracts/leavers';
import { pageOf, type PageParams } from '@contracts/paging';
import { DelegationsRepository } from '@db/repositories/delegations.repository';
import { LeaversRepository, type OpenRequestRow } from '@db/repositories/leavers.repository';
import { OrgImportRepository } from '@db/repositories/org-import.repository';
import { RequestsRepository } from '@db/repositories/requests.repository';
import { DomainError } from '@domain/errors';
import {
  assertMayBecomeRequester,
  assigneeMayStillAct,
  mayBecomeRequester,
  needsNewRequester,
} from '@domain/leavers';
import { asActor, type CurrentUser } from '../auth/current-user';
import { AuthService } from '../auth/auth.service';
import { ReviewGateway } from '../requests/review-gateway';
import { CONFIG, DATA_SOURCE } from '../tokens';
import { PolicyVersionsService } from '../policy-versions/policy-versions.service';

/** How often the reconciler runs besides after imports and admin changes: roles also end by their date. */
export const SETTLE_EVERY_MS = 60 * 60_000;

export interface SettleOutcome {
  delegationsEnded: number;
  stagesReleased: number;
  requestsFlagged: number;
}

/**
 * Leavers and role changes (issue 18, item 4), as one reconciler: whatever path a person left by (the import,
 * an admin's change, a role that ended on its date), `settle` finds what they still hold and hands it on. Each
 * step is idempotent, so running it twice, or on two API instances at once, changes nothing the first did.
 */
@Injectable()
export class LeaversService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Leavers');
  private readonly leavers: LeaversRepository;
  private readonly record: Pick<ReviewActivities, 'announceRequesterNeeded'>;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) config: AppConfig,
    private readonly gateway: ReviewGateway,
    private readonly auth: AuthService,
    private readonly policies: PolicyVersionsService,
  ) {
    this.leavers = new LeaversRepository(dataSource);
    // The HR lead's notice is recorded (and mailed) by the same code as the review's own notifications.
    this.record = createReviewActivities({
      dataSource,
      mailer: config.mail && createSmtpMailer(config.mail),
    });
  }

  /**
   * At start and then hourly: a role that ended at midnight (Stockholm) is settled within the hour, with no
   * import or admin change to set it off. A timer in the API, not a Temporal Schedule, because settling sends
   * vouched updates and only the API signs them; several instances may run it at once (see the class comment).
   */
  onApplicationBootstrap(): void {
    const run = () => {
      this.settle(null).catch((e: unknown) => this.logger.warn(`settle failed: ${(e as Error).message}`));
    };
    setImmediate(run);
    this.timer = setInterval(run, SETTLE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The hook for every change to people: after an applied import, after the people admin's changes, hourly. */
  async settle(actorId: string | null): Promise<SettleOutcome> {
    const delegationsEnded = await this.endDelegationsOfLeavers(actorId);
    const stagesReleased = await this.releaseStages(actorId);
    const requestsFlagged = await this.flagRequests();
    return { delegationsEnded, stagesReleased, requestsFlagged };
  }

  /** Delegations from and to people who left or hold no reviewing role: ended, each in the admin audit log. */
  private async endDelegationsOfLeavers(actorId: string | null): Promise<number> {
    return this.dataSource.transaction(async (db) => {
      const userIds = await new LeaversRepository(db).delegationLeavers();
      if (userIds.length === 0) return 0;
      const ended = await new DelegationsRepository(db).endAllOf(userIds);
      await new OrgImportRepository(db).audit(
        actorId,
        ended.map((d) => ({ entity: 'delegation', entityId: d.id, action: 'end', before: d, after: null })),
      );
      return ended.length;
    });
  }

  /** Stages reassigned to someone who may no longer decide them go back to their pool. */
  private async releaseStages(actorId: string | null): Promise<number> {
    let released = 0;
    for (const stage of await this.leavers.assignedOpenStages()) {
      if (assigneeMayStillAct(stage, stage, await this.policies.policy(stage.policyVersion))) continue;
      try {
        await this.gateway.release(stage.requestId, {
          releaseId: randomUUID(),
          stage: stage.name,
          fromUserId: stage.assigneeUserId,
          reason: stage.active ? 'role_ended' : 'inactive',
          ...(actorId ? { actorId } : {}),
        });
        released += 1;
      } catch (e) {
        // Another run released it, or the stage moved on: nothing is stuck. Anything else waits for the next run.
        if (!(e instanceof DomainError)) this.logger.warn(`stage ${stage.stageId}: ${(e as Error).message}`);
      }
    }
    return released;
  }

  /** Open requests whose requester left: the division's HR lead is told once per request and requester. */
  private async flagRequests(): Promise<number> {
    let flagged = 0;
    for (const r of await this.leavers.openRequestsWithoutRequester(null)) {
      if (!needsNewRequester(r, r)) continue;
      const recorded = await this.record.announceRequesterNeeded({
        requestId: r.id,
        divisionId: r.divisionId,
        requesterId: r.requesterId,
        reason: reasonOf(r),
        at: new Date().toISOString(),
      });
      if (recorded) flagged += 1;
    }
    return flagged;
  }

  /** The requests in the HR lead's scope that need a new requester, each with whom it may go to. */
  async withoutRequester(user: CurrentUser, at: PageParams): Promise<contract.RequestsWithoutRequester> {
    const scopes = hrLeadScopes(user);
    const rows = (await this.leavers.openRequestsWithoutRequester(scopes)).filter((r) =>
      needsNewRequester(r, r),
    );
    const page = rows.slice((at.page - 1) * at.pageSize, at.page * at.pageSize);
    const scopeIds = [...new Set(page.flatMap((r) => [r.unitId, r.divisionId]))];
    const candidates = page.length ? await this.leavers.requesterCandidates(scopeIds) : [];
    const items = page.map((r) => ({
      id: r.id,
      caseNumber: formatCaseNumber({ year: r.caseYear, seq: r.caseSeq }),
      ...requestTitles(r.payload),
      kind: r.kind,
      status: r.status,
      unitId: r.unitId,
      unitName: r.unitName,
      divisionId: r.divisionId,
      divisionName: r.divisionName,
      submittedAt: r.submittedAt,
      requesterId: r.requesterId,
      requesterName: r.requesterName,
      reason: reasonOf(r),
      candidates: candidates
        .filter((c) => mayBecomeRequester(subjectOf(r), { userId: c.id, active: true, grants: c.grants }))
        .map((c) => ({ id: c.id, displayName: c.displayName })),
    }));
    return pageOf(items, rows.length, at);
  }

  /** The HR lead moves a request whose requester left to another requester of its unit. */
  async changeRequester(id: string, userId: string, user: CurrentUser): Promise<contract.RequesterChange> {
    const visible = await new RequestsRepository(this.dataSource).visibleById(id, user.id);
    const request = visible && (await this.leavers.requestWithRequester(id));
    if (!request) throw new DomainError('not_found', `No request ${id}`);
    const scopes = hrLeadScopes(user);
    if (scopes && !scopes.some((s) => s === request.divisionId || s === request.unitId)) {
      throw new DomainError('not_allowed', "Only an HR lead of the request's division may move it");
    }
    if (!needsNewRequester(request, request)) {
      throw new DomainError(
        'invalid_state',
        `The request's requester can still answer for it (it is ${request.status}); it needs no new requester`,
      );
    }
    const target = await this.auth.loadUser({ id: userId });
    if (!target) {
      throw new DomainError('unprocessable', 'No such active user', [
        { field: 'userId', message: 'is not a known active user' },
      ]);
    }
    assertMayBecomeRequester(subjectOf(request), { userId: target.id, active: true, grants: target.grants });
    const state = await this.gateway.changeRequester(id, {
      changeId: randomUUID(),
      actorId: user.id,
      fromUserId: request.requesterId,
      to: asActor(target),
    });
    return { id, requesterId: target.id, status: state.status };
  }
}

const reasonOf = (r: OpenRequestRow): 'inactive' | 'role_ended' => (r.active ? 'role_ended' : 'inactive');

const subjectOf = (r: OpenRequestRow) => ({
  unitId: r.unitId,
  divisionId: r.divisionId,
  requesterId: r.requesterId,
  decidedBy: r.decidedBy,
  assigneeUserId: r.assigneeUserId,
});

/** The scopes of the user's HR lead grants; null when one is region-wide. */
function hrLeadScopes(user: CurrentUser): string[] | null {
  const grants = user.grants.filter((g) => g.role === 'hr_lead');
  if (grants.some((g) => g.scopeUnitId === null)) return null;
  return grants.map((g) => g.scopeUnitId!);
}
