import { answerReturnBy } from '@domain/deadlines';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DecisionsRepository } from '@db/repositories/decisions.repository';
import { AuditEventsRepository } from '@db/repositories/audit-events.repository';
import { OrgUnitsRepository } from '@db/repositories/org-units.repository';
import { RequestsRepository, type RequestRow } from '@db/repositories/requests.repository';
import { StagesRepository } from '@db/repositories/stages.repository';
import { stockholmDate } from '@domain/calendar';
import { parseDecisionInput } from '@domain/decision-input';
import { DomainError } from '@domain/errors';
import {
  isOpen,
  isRecommendation,
  mayHappen,
  outcomesFor,
  statusOnSubmission,
  type StageMode,
} from '@domain/review-state';
import { planRoute } from '@domain/policy';
import { needsNewRequester } from '@domain/leavers';
import { LeaversRepository } from '@db/repositories/leavers.repository';
import { QuestionsRepository } from '@db/repositories/questions.repository';
import { allowedActionsOf, type ActionFacts, type AllowedActions } from './allowed-actions';
import { changedFields, parseRequestInput, requestCostSek } from '@domain/request-input';
import type { ReviewState } from '@workflows/types';
import { pageOf } from '@contracts/paging';
import type * as contract from '@contracts/requests';
import { parseBody } from '../common/parse-body';
import type { CurrentUser } from '../auth/current-user';
import { asActor } from '../auth/current-user';
import { AuthService } from '../auth/auth.service';
import { ReviewPeriodsService } from '../review-periods/review-periods.service';
import { ExemptionsService } from '../exemptions/exemptions.service';
import { DelegationsService } from '../delegations/delegations.service';
import { MetricsService } from '../metrics/metrics.service';
import { DATA_SOURCE } from '../tokens';
import { PolicyVersionsService } from '../policy-versions/policy-versions.service';
import { ReviewGateway } from './review-gateway';
import { listQuerySchema, reassignSchema, resubmitSchema, withdrawSchema } from './request-bodies';
import { assertSameBody, bodyHash, isRepeatedKey, parseIdempotencyKey, uuidFromKey } from './idempotency';
import { assertIsRequester, assertMaySubmit, assertNotRequester } from './request-authorisation';
import { submissionAnswerOf, summaryOf } from './request-responses';
import { payloadDigest, reviewInputOf, routeFactsOf } from './review-input';

export { listQuerySchema, resubmitSchema, withdrawSchema } from './request-bodies';

/**
 * The requests' use cases: each parses its input, checks who may act, records through the repositories and asks
 * the review workflow (ReviewGateway) for what only it decides.
 */
@Injectable()
export class RequestsService {
  private readonly requests: RequestsRepository;
  private readonly stages: StagesRepository;
  private readonly decisions: DecisionsRepository;
  private readonly auditEvents: AuditEventsRepository;
  private readonly orgUnits: OrgUnitsRepository;
  private readonly questions: QuestionsRepository;
  private readonly leavers: LeaversRepository;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly periods: ReviewPeriodsService,
    private readonly gateway: ReviewGateway,
    private readonly auth: AuthService,
    private readonly exemptions: ExemptionsService,
    private readonly delegations: DelegationsService,
    private readonly metrics: MetricsService,
    private readonly policies: PolicyVersionsService,
  ) {
    this.requests = new RequestsRepository(dataSource);
    this.stages = new StagesRepository(dataSource);
    this.decisions = new DecisionsRepository(dataSource);
    this.auditEvents = new AuditEventsRepository(dataSource);
    this.orgUnits = new OrgUnitsRepository(dataSource);
    this.questions = new QuestionsRepository(dataSource);
    this.leavers = new LeaversRepository(dataSource);
  }

  async submit(body: unknown, key: string | undefined, user: CurrentUser): Promise<contract.Submission> {
    const idemKey = parseIdempotencyKey(key);
    const now = new Date();
    const today = stockholmDate(now);
    const input = parseRequestInput(body, today);
    const unit = await this.unit(input.unitId);
    assertMaySubmit(user, unit);
    const hash = bodyHash(body);
    // The version in force on the submission date (Stockholm) is the request's for good: it travels whole in the
    // review's input, so a version published later never reaches it.
    const policy = await this.policies.inForceOn(today);
    let row: RequestRow;
    try {
      row = await this.dataSource.transaction(async (db) => {
        const period = await this.periods.covering(db, input.kind, today);
        // An exemption matters only where review would otherwise apply.
        const exemption = period
          ? await this.exemptions.covering(db, {
              kind: input.kind,
              unitId: unit.id,
              divisionId: unit.divisionId,
              occupationalCategory: input.occupationalCategory,
              costSek: requestCostSek(input),
              date: today,
            })
          : undefined;
        const status = statusOnSubmission(!!period, !!exemption);
        return new RequestsRepository(db).insertSubmitted({
          id: randomUUID(),
          kind: input.kind,
          unitId: unit.id,
          divisionId: unit.divisionId,
          requesterId: user.id,
          input,
          costSek: requestCostSek(input),
          status,
          periodId: period?.id ?? null,
          exemptionId: exemption?.id ?? null,
          policyVersion: isOpen(status) ? policy.version : null,
          submittedAt: now,
          idempotencyKey: idemKey ?? null,
          bodyHash: hash,
        });
      });
    } catch (error) {
      // The answer to a repeated key is the first request's. Looking the key up only on a conflict saves every
      // first submission a round trip.
      if (isRepeatedKey(error) && idemKey) {
        const existing = await this.requests.byIdempotencyKey(user.id, idemKey);
        if (existing) {
          assertSameBody(existing.bodyHash, hash);
          return this.submissionAnswer(existing);
        }
      }
      throw error;
    }
    const answer = await this.submissionAnswer(row);
    this.metrics.submitted(row.kind, answer.status);
    return answer;
  }

  /** Starts (or, on a replay, finds) the review and answers with its open stage. */
  private async submissionAnswer(row: RequestRow): Promise<contract.Submission> {
    let state: ReviewState | undefined;
    const { policyVersion } = row;
    if (policyVersion !== null && isOpen(row.status)) {
      state = await this.gateway.submit(reviewInputOf(row, await this.policies.policy(policyVersion)));
    }
    return submissionAnswerOf(row, state);
  }

  private async unit(unitId: string) {
    const unit = await this.orgUnits.placed(unitId);
    if (!unit || unit.level !== 'unit') {
      throw new DomainError('unprocessable', 'No such unit', [
        { field: 'unitId', message: 'is not a known unit' },
      ]);
    }
    if (!unit.open) {
      throw new DomainError('unprocessable', 'The unit is closed', [
        { field: 'unitId', message: 'is closed (or not yet open) and takes no new requests' },
      ]);
    }
    return unit;
  }

  private async visibleRow(id: string, user: CurrentUser): Promise<RequestRow> {
    const row = await this.requests.visibleById(id, user.id);
    // Not yours and not there look the same: ids are not a way to learn what exists.
    if (!row) throw new DomainError('not_found', `No request ${id}`);
    return row;
  }

  async list(query: unknown, user: CurrentUser): Promise<contract.RequestList> {
    const q = parseBody(listQuerySchema, query);
    const { total, rows } = await this.requests.pageVisible(
      user.id,
      {
        status: q.status,
        kind: q.kind,
        unitId: q.unitId,
        divisionId: q.divisionId,
        requesterId: q.mine === 'true' ? user.id : undefined,
        caseNumber: q.caseNumber,
      },
      { oldestFirst: q.sort === 'submittedAt', page: q.page, pageSize: q.pageSize },
    );
    const items = rows.map((r) => ({
      ...summaryOf(r),
      currentStage: r.stageName ? { name: r.stageName, dueAt: r.stageDueAt! } : null,
    }));
    return pageOf(items, total, q);
  }

  async get(id: string, user: CurrentUser): Promise<contract.RequestDetail> {
    const row = await this.visibleRow(id, user);
    const stages = await this.stages.ofRequest(id);
    const decisions = await this.decisions.ofRequest(id);
    const open = stages.find((s) => s.closedAt === null);
    const exemption = row.exemptionId ? await this.exemptions.decisionOf(row.exemptionId) : null;
    const actions = await this.allowedActions(row, open, decisions, user);
    return {
      ...summaryOf(row),
      ...row.payload,
      currentStage: open
        ? {
            name: open.name,
            dueAt: open.dueAt,
            escalationLevel: open.escalationLevel,
            mode: open.mode,
            outcomes: outcomesFor(open.mode),
          }
        : null,
      answerReturnBy: await this.answerReturnBy(row, decisions),
      stages,
      decisions,
      exemption,
      recommendations: decisions.filter((d) => isRecommendation(d.outcome)),
      ...actions,
    };
  }

  /** What the caller may do now, from the facts the endpoints look at (allowedActionsOf holds the rules). */
  private async allowedActions(
    row: RequestRow,
    open: { id: string; name: string; escalationLevel: number; mode: StageMode } | undefined,
    decisions: contract.Decision[],
    user: CurrentUser,
  ): Promise<AllowedActions> {
    const now = new Date();
    let standing: ActionFacts['open'];
    let openQuestion = false;
    if (open && row.policyVersion !== null && mayHappen(row.status, 'decide')) {
      const planned = planRoute(await this.policies.policy(row.policyVersion), {
        kind: row.kind,
        ...routeFactsOf(row.payload),
      }).find((p) => p.name === open.name);
      const assigned = await this.stages.openOf(row.id);
      if (planned) {
        standing = {
          planned,
          mode: open.mode,
          escalationLevel: open.escalationLevel,
          assigneeUserId: assigned?.assigneeUserId ?? null,
          kind: row.kind,
          subject: {
            requesterId: row.requesterId,
            divisionId: row.divisionId,
            unitId: row.unitId,
            decidedStages: decisions.map((d) => ({ stage: d.stage, userId: d.actorId })),
          },
        };
      }
      openQuestion = (await this.questions.ofRequest(row.id)).some(
        (q) => q.stageId === open.id && q.answeredAt === null,
      );
    }
    const isHrLead = user.grants.some((g) => g.role === 'hr_lead');
    const leaver = isHrLead ? await this.leavers.requestWithRequester(row.id) : undefined;
    return allowedActionsOf({
      user,
      request: { ...row, submittedAt: new Date(row.submittedAt) },
      open: standing,
      standIns: standing ? await this.delegations.standInsFor(user, stockholmDate(now)) : new Map(),
      openQuestion,
      needsNewRequester: leaver ? needsNewRequester(leaver, leaver) : false,
      now,
    });
  }

  /** A returned request's deadline for completion, from the return and its policy version (as the review waits). */
  private async answerReturnBy(row: RequestRow, decisions: contract.Decision[]): Promise<string | null> {
    if (row.status !== 'returned' || row.policyVersion === null) return null;
    const returned = decisions.filter((d) => d.outcome === 'return').at(-1);
    if (!returned) return null;
    const policy = await this.policies.policy(row.policyVersion);
    return answerReturnBy(new Date(returned.decidedAt), policy.returned).toISOString();
  }

  async timeline(id: string, user: CurrentUser): Promise<contract.Timeline> {
    await this.visibleRow(id, user);
    return this.auditEvents.ofRequest(id);
  }

  async decide(
    id: string,
    body: unknown,
    key: string | undefined,
    user: CurrentUser,
  ): Promise<contract.DecisionResult> {
    const idemKey = parseIdempotencyKey(key);
    return this.decideOne(id, body, idemKey ? uuidFromKey(user.id, id, idemKey) : undefined, user);
  }

  /**
   * One decision on one request, as every way of deciding makes it (a single decision, each item of a bulk one):
   * the body parsed for this request, the requester refused, the stage checked and the review's own Update, with
   * its validator and the vouched claim, deciding. `decisionId` names the decision when the caller can repeat it
   * (from an Idempotency-Key): a decision already recorded under it is answered, not made again.
   */
  async decideOne(
    id: string,
    body: unknown,
    keyedDecisionId: string | undefined,
    user: CurrentUser,
  ): Promise<contract.DecisionResult> {
    const row = await this.visibleRow(id, user);
    const p = row.payload;
    const input = parseDecisionInput(
      body,
      p.kind === 'agency_call_off'
        ? { periodFrom: p.periodFrom, periodTo: p.periodTo, estimatedCostSek: p.estimatedCostSek }
        : undefined,
    );
    assertNotRequester(row, user);
    const decisionId = keyedDecisionId ?? randomUUID();
    // Only a keyed decision can have been recorded before; a random id cannot.
    const earlier = keyedDecisionId ? await this.decisions.recorded(decisionId) : undefined;
    if (earlier) return this.confirmEarlier(id, earlier, input, decisionId, user, row.kind);
    const open = await this.openStage(
      id,
      `Request ${id} has no stage open for a decision (it is ${row.status})`,
    );
    if (input.stage && input.stage !== open.name) {
      throw new DomainError(
        'stage_not_open',
        `The ${input.stage} stage is no longer open (now: ${open.name})`,
      );
    }
    const onBehalfOfId = await this.delegations.onBehalfOf(user, row.kind, open);
    try {
      const decided = await this.gateway.decide(id, {
        ...input,
        decisionId,
        stage: open.name,
        actor: asActor(user),
        onBehalfOfId,
      });
      this.metrics.decided(row.kind, input.outcome);
      return decided;
    } catch (error) {
      // A retry after the review finished: the first attempt's decision is the answer. Only then: a row beside a
      // failed update (Temporal unreachable) may be one the workflow lost (confirmEarlier), so no answer yet.
      const recorded = error instanceof DomainError ? await this.decisions.recorded(decisionId) : undefined;
      if (recorded) return recorded;
      throw error;
    }
  }

  /**
   * A retried decision whose row exists. The row is written by the workflow's local activity before Temporal has
   * saved the workflow's step, so a server or database crash in between can lose the update while the row stays
   * (the cluster chaos run found three). The row alone is therefore no proof: the update is sent again under the
   * same update id. Temporal answers a completed one from the workflow's record without running it again; a lost
   * one runs now, its insert a no-op. Only when the workflow can no longer take updates (it finished) is the row
   * the answer, as for any retry after the review ended.
   */
  private async confirmEarlier(
    requestId: string,
    earlier: Awaited<ReturnType<DecisionsRepository['recorded']>> & object,
    input: ReturnType<typeof parseDecisionInput>,
    decisionId: string,
    user: CurrentUser,
    kind: RequestRow['kind'],
  ) {
    const open = await this.stages.openOf(requestId);
    const onBehalfOfId =
      open && open.name === earlier.stage ? await this.delegations.onBehalfOf(user, kind, open) : undefined;
    try {
      return await this.gateway.decide(requestId, {
        ...input,
        decisionId,
        stage: earlier.stage,
        actor: asActor(user),
        onBehalfOfId,
      });
    } catch (error) {
      // The review finished, or its workflow refused the repeat (the stage moved on after this decision): the
      // first answer stands. Anything else (Temporal unreachable) is no answer yet, and the client retries.
      if (error instanceof DomainError) return earlier;
      throw error;
    }
  }

  /** The workflow's status where it can be asked; the record's otherwise (a finished or unreachable review). */
  private async workflowStatus(
    requestId: string,
    recorded: RequestRow['status'],
  ): Promise<RequestRow['status']> {
    if (!isOpen(recorded)) return recorded;
    try {
      return await this.gateway.status(requestId);
    } catch {
      return recorded;
    }
  }

  private async openStage(requestId: string, whenNone: string) {
    const open = await this.stages.openOf(requestId);
    if (!open) throw new DomainError('stage_not_open', whenNone);
    return open;
  }

  async resubmit(id: string, body: unknown, user: CurrentUser): Promise<contract.Resubmission> {
    const { changes, comment } = parseBody(resubmitSchema, body);
    const row = await this.visibleRow(id, user);
    assertIsRequester(row, user, 'resubmit');
    // The record moves on in the workflow's local activity, before Temporal saves the step; after a crash in between
    // the record says in review while the workflow still waits for the completion. The workflow decides then (its
    // validator refuses a resubmission it cannot take), so the requester's retry is not refused by the record.
    if (
      !mayHappen(row.status, 'resubmit') &&
      !mayHappen(await this.workflowStatus(id, row.status), 'resubmit')
    ) {
      throw new DomainError(
        'invalid_state',
        `Only a returned request can be resubmitted (it is ${row.status})`,
      );
    }
    let payload = row.payload;
    let changed: string[] = [];
    if (changes) {
      if ('kind' in changes || 'unitId' in changes) {
        throw new DomainError('validation_failed', 'Kind and unit cannot change on resubmission', [
          { field: 'kind' in changes ? 'changes.kind' : 'changes.unitId', message: 'cannot change' },
        ]);
      }
      const updated = parseRequestInput({ ...row.payload, ...changes }, stockholmDate(new Date()));
      changed = changedFields(row.payload, updated);
      if (changed.length > 0) {
        await this.dataSource.transaction((db) =>
          new RequestsRepository(db).changeFields(id, updated, requestCostSek(updated)),
        );
        payload = updated;
      }
    }
    // The review plans its route again from the facts as they now stand and, when anything changed, starts it
    // again at the first stage: the route is always the one these facts would get at submission.
    const state = await this.gateway.resubmit(id, {
      actorId: user.id,
      resubmissionId: randomUUID(),
      comment,
      facts: routeFactsOf(payload),
      changedFields: changed,
      payloadDigest: payloadDigest(payload),
    });
    return { id, status: state.status, currentStage: state.currentStage ?? null };
  }

  async reassign(id: string, body: unknown, user: CurrentUser): Promise<contract.Reassignment> {
    const { userId } = parseBody(reassignSchema, body);
    await this.visibleRow(id, user);
    const target = await this.auth.loadUser({ id: userId });
    if (!target) {
      throw new DomainError('unprocessable', 'No such user', [
        { field: 'userId', message: 'is not a known user' },
      ]);
    }
    const open = await this.openStage(id, `Request ${id} has no open stage to reassign`);
    const stage = await this.gateway.reassign(id, {
      reassignmentId: randomUUID(),
      stage: open.name,
      actor: asActor(user),
      to: asActor(target),
    });
    return { id, currentStage: stage };
  }

  async withdraw(id: string, body: unknown, user: CurrentUser): Promise<contract.Withdrawal> {
    const { comment } = parseBody(withdrawSchema, body);
    const row = await this.visibleRow(id, user);
    assertIsRequester(row, user, 'withdraw');
    if (!mayHappen(row.status, 'withdraw')) {
      throw new DomainError('invalid_state', `The request can no longer be withdrawn (it is ${row.status})`);
    }
    const state = await this.gateway.withdraw(id, { actorId: user.id, withdrawalId: randomUUID(), comment });
    return { id, status: state.status };
  }
}
