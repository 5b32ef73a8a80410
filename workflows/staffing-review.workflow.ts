import * as wf from '@temporalio/workflow';
import type { ReviewActivities } from '@activities/review-activities.types';
import { claimProblem } from '@domain/actor-claim';
import {
  approvalValidUntil,
  assertIsAssignee,
  assertMayDecide,
  assertMayReassign,
  type DecisionSubject,
} from '@domain/decision-rules';
import { dueAfter } from '@domain/deadlines';
import { assertMayBecomeRequester } from '@domain/leavers';
import { assertMayAnswer, assertMayAsk, movedByPause, questionText } from '@domain/questions';
import type { WithdrawalReason } from '@domain/enums';
import { DomainError, failureTypeOf, type RefusalCode } from '@domain/errors';
import { decidingLevels, planRoute, policyFor, routeOnResubmission, type PlannedStage } from '@domain/policy';
import {
  OUTCOME_RULES,
  assertOffered,
  isApproved,
  isFinal,
  isOpen,
  mayHappen,
  transition,
  type RouteMove,
} from '@domain/review-state';
import {
  answerQuestionUpdate,
  askQuestionUpdate,
  changeRequesterUpdate,
  decideUpdate,
  reassignUpdate,
  releaseUpdate,
  resubmitUpdate,
  stateQuery,
  submitUpdate,
  withdrawUpdate,
} from './messages';
import { REVIEW_CLAIM_KEYS } from './claim-keys';
import type {
  DecisionResult,
  OpenStageView,
  ResubmitUpdateInput,
  ReviewInput,
  ReviewState,
  RouteFacts,
  Vouched,
  WithdrawUpdateInput,
} from './types';

// Local activities: short idempotent PostgreSQL writes that cost no server round trip (design.md section 4).
// No attempt limit: while PostgreSQL is away the record catches up when it returns; nothing is decided for it.
const record = wf.proxyLocalActivities<ReviewActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '250 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** patched() ids, one per change of path; never reuse or rename one (running histories carry it). */
const OVERDUE_REMINDS_EVERY_LEVEL = 'overdue-reminders-every-deciding-level';
const RESUBMISSION_REPLANS_ROUTE = 'resubmission-replans-route';
const STAGE_QUESTIONS = 'stage-questions';

function refuse(code: RefusalCode, message: string, fields: DomainError['fields'] = []): never {
  throw wf.ApplicationFailure.create({
    type: failureTypeOf(code),
    message,
    nonRetryable: true,
    details: [fields],
  });
}

/** Domain rules throw DomainError; an update validator answers with a failure whose type the API maps. */
function asRefusal(check: () => void): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    refuse(e.code === 'unprocessable' ? 'unprocessable' : 'not_allowed', e.message, e.fields);
  }
}

/**
 * As asRefusal, but a rule about the state of a conversation (one open question) stays a 409 and a bad text a
 * 400, not a 403.
 */
function asQuestionRefusal(check: () => void): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const kept = e.code === 'invalid_state' || e.code === 'validation_failed';
    refuse(kept ? (e.code as 'invalid_state' | 'validation_failed') : 'not_allowed', e.message, e.fields);
  }
}

const now = () => new Date(Date.now());

/** Whether two versions of a request's facts would route it and bound its approval alike. */
function sameFacts(a: RouteFacts, b: RouteFacts): boolean {
  return (
    a.newPermanentPosition === b.newPermanentPosition &&
    a.urgent === b.urgent &&
    a.callOff?.periodFrom === b.callOff?.periodFrom &&
    a.callOff?.periodTo === b.callOff?.periodTo &&
    a.callOff?.estimatedCostSek === b.callOff?.estimatedCostSek
  );
}

/** One execution per request subject to review: its route, deadlines, reminders, escalations and decisions. */
export async function staffingReviewWorkflow(input: ReviewInput): Promise<ReviewState> {
  const policy = input.policy ?? policyFor(input.policyVersion);
  /** Planned from the request's facts; a resubmission that changes them plans it again (routeOnResubmission). */
  let route = planRoute(policy, input);
  let facts: RouteFacts = {
    newPermanentPosition: input.newPermanentPosition,
    urgent: input.urgent,
    callOff: input.callOff,
  };
  /** The digest of the request the route's stages have reviewed, where the API sent one. */
  let reviewedDigest = input.payloadDigest;
  const state: ReviewState = {
    requestId: input.requestId,
    status: 'in_review',
    policyVersion: input.policyVersion,
    decisions: [],
  };
  let stageIndex = 0;
  const rounds = new Map<string, number>();
  let decisionInFlight = false;
  /** Set by a decision, for the route to take the move it makes. */
  let decided: { move: RouteMove } | undefined;
  let withdrawal: WithdrawUpdateInput | undefined;
  let resubmission: ResubmitUpdateInput | undefined;
  let approvedPeriodTo: string | undefined;
  /**
   * Who answers for the request: its submitter until the HR lead moves it to another requester (changeRequester,
   * when the first one left). Initialised from the input, so histories recorded before it existed replay as they ran.
   */
  let requesterId = input.requesterId;
  let requesterChangeInFlight = false;
  /** A question or answer being recorded: the stage's reviewer and the requester can race one another. */
  let questionInFlight = false;
  /**
   * Counts changes to the open stage's clock (a question that pauses it, the answer that moves it on), so the
   * stage's supervisor wakes and sets its timer again. Stays 0 in every review without a question.
   */
  let clockChanges = 0;
  /** The open stage's timers, moved on by `shift` when a paused question is answered. */
  let moveStageClock: ((shift: (at: Date) => Date) => void) | undefined;
  const pausesDeadline = () => policy.questions?.pauseDeadline === true;

  const subject = (): DecisionSubject => ({
    requesterId,
    divisionId: input.divisionId,
    unitId: input.unitId,
    decidedStages: state.decisions.map((d) => ({ stage: d.stage, userId: d.userId })),
  });
  /** MACs of the claims this review has acted on: a claim copied from the history cannot be used twice. */
  const spentClaims = new Set<string>();
  /**
   * Refuses, before any rule that would reveal state, an update the API did not sign for this review. Validators
   * do not run on replay, and reviews started before claims existed verify like new ones: the keys are in the
   * worker's bundle, not in the history.
   */
  const assertVouched = (update: { name: string }, body: Vouched) => {
    const scope = { workflowId: wf.workflowInfo().workflowId, update: update.name };
    const problem = claimProblem(REVIEW_CLAIM_KEYS, scope, body, now(), spentClaims);
    if (problem) refuse('not_allowed', `The API did not vouch for this ${update.name} (claim ${problem})`);
  };
  /** Handlers spend the claim first; it changes no command, so no patch (histories before it carry none). */
  const spend = (body: Vouched) => {
    if (body.claim?.mac) spentClaims.add(body.claim.mac);
  };
  const settled = () => state.currentStage !== undefined || state.status !== 'in_review';

  wf.setHandler(stateQuery, () => state);

  wf.setHandler(submitUpdate, async () => {
    await wf.condition(settled);
    return state;
  });

  wf.setHandler(
    decideUpdate,
    async (decision): Promise<DecisionResult> => {
      spend(decision);
      // Two decisions can pass validation in one activation; the first to run claims the stage.
      if (decisionInFlight || withdrawal || state.currentStage?.name !== decision.stage) {
        refuse('stage_not_open', `The ${decision.stage} stage is no longer open`);
      }
      decisionInFlight = true;
      // A shortened period from any stage's conditions holds for the final approval.
      approvedPeriodTo = decision.approvedPeriodTo ?? approvedPeriodTo;
      const stage = state.currentStage!;
      const decidedAt = now();
      const isLast = stageIndex === route.length - 1;
      const hadConditions = state.decisions.some((d) => OUTCOME_RULES[d.outcome].conditional);
      const step = transition(state.status, {
        type: 'decide',
        outcome: decision.outcome,
        lastStage: isLast,
        conditionsSoFar: hadConditions,
      });
      const status = step.status;
      const final = isFinal(status);
      const validUntil = isApproved(status)
        ? approvalValidUntil(
            decidedAt,
            policy.hireApprovalValidDays,
            facts.callOff && {
              periodTo: facts.callOff.periodTo,
              approvedPeriodTo,
            },
          )
        : undefined;
      await record.recordDecision({
        decisionId: decision.decisionId,
        requestId: input.requestId,
        requesterId,
        stageId: stage.stageId,
        stageName: stage.name,
        outcome: decision.outcome,
        actorId: decision.actor.userId,
        onBehalfOfId: decision.onBehalfOfId,
        comment: decision.comment,
        conditions: decision.conditions,
        approvedPeriodTo: decision.approvedPeriodTo,
        approvedCostSek: decision.approvedCostSek,
        status,
        final,
        validUntil,
        decidedAt: decidedAt.toISOString(),
      });
      state.decisions.push({
        stage: stage.name,
        round: stage.round,
        outcome: decision.outcome,
        userId: decision.actor.userId,
        at: decidedAt.toISOString(),
      });
      state.status = status;
      state.currentStage = undefined;
      if (validUntil) state.validUntil = validUntil;
      decided = { move: step.move };
      decisionInFlight = false;
      // Answer with what comes next (the next stage's deadline), so the reviewer's screen is right at once.
      await wf.condition(settled);
      return {
        decisionId: decision.decisionId,
        stage: stage.name,
        outcome: decision.outcome,
        status: state.status,
        decidedAt: decidedAt.toISOString(),
        validUntil,
        nextStage: state.currentStage,
      };
    },
    {
      validator: (decision) => {
        assertVouched(decideUpdate, decision);
        const stage = state.currentStage;
        if (!stage || stage.name !== decision.stage || decisionInFlight || withdrawal) {
          refuse('stage_not_open', `The ${decision.stage} stage is not open for a decision`);
        }
        const planned = route[stageIndex];
        asRefusal(() => {
          assertMayDecide(decision.actor, planned, stage.escalationLevel, subject());
          const escalated = planned.escalations.slice(0, stage.escalationLevel).map((e) => e.role);
          // A delegate stands in for the reviewer the stage was reassigned to (the API checked the delegation).
          if (decision.onBehalfOfId !== stage.assigneeUserId) {
            assertIsAssignee(decision.actor, stage.assigneeUserId, escalated);
          }
        });
        // A recommending stage tillstyrker or avstyrker, a deciding one decides (422 naming `outcome`); asked after
        // who may act, so the stage's mode is told only to its reviewers. Validators issue no commands and do not
        // run on replay, so this needs no patch (version 1 decides everywhere, which offers what it always did).
        asRefusal(() => assertOffered(planned.mode, decision.outcome));
      },
    },
  );

  wf.setHandler(
    reassignUpdate,
    async (reassign) => {
      spend(reassign);
      const stage = state.currentStage!;
      await record.reassignStage({
        reassignmentId: reassign.reassignmentId,
        requestId: input.requestId,
        stageId: stage.stageId,
        stageName: stage.name,
        actorId: reassign.actor.userId,
        toUserId: reassign.to.userId,
        at: now().toISOString(),
      });
      stage.assigneeUserId = reassign.to.userId;
      return stage;
    },
    {
      validator: (reassign) => {
        assertVouched(reassignUpdate, reassign);
        const stage = state.currentStage;
        if (!stage || stage.name !== reassign.stage || decisionInFlight || withdrawal) {
          refuse('stage_not_open', `The ${reassign.stage} stage is not open`);
        }
        // The rule (only stages at or below the reassigner's level) lives in libs/domain and may tighten without
        // patched(): a validator issues no commands and is not run again when an accepted update replays.
        asRefusal(() =>
          assertMayReassign(reassign.actor, reassign.to, route[stageIndex], stage.escalationLevel, subject()),
        );
      },
    },
  );

  wf.setHandler(
    releaseUpdate,
    async (release) => {
      spend(release);
      const stage = state.currentStage!;
      // Two releases can pass validation in one activation; the first to run takes the assignee off the stage.
      if (stage.assigneeUserId !== release.fromUserId) {
        refuse('invalid_state', `The ${release.stage} stage is no longer assigned to that reviewer`);
      }
      // Back to the pool at once: every holder of the stage's roles in scope may decide it again.
      delete stage.assigneeUserId;
      await record.releaseStage({
        releaseId: release.releaseId,
        requestId: input.requestId,
        divisionId: input.divisionId,
        stageId: stage.stageId,
        stageName: stage.name,
        fromUserId: release.fromUserId,
        reason: release.reason,
        actorId: release.actorId,
        at: now().toISOString(),
      });
      return stage;
    },
    {
      validator: (release) => {
        assertVouched(releaseUpdate, release);
        const stage = state.currentStage;
        if (!stage || stage.name !== release.stage || decisionInFlight || withdrawal) {
          refuse('stage_not_open', `The ${release.stage} stage is not open`);
        }
        // A reconciler run that raced another, or a reassignment made since it read the record, releases nothing.
        if (stage.assigneeUserId !== release.fromUserId) {
          refuse('invalid_state', `The ${release.stage} stage is no longer assigned to that reviewer`);
        }
      },
    },
  );

  wf.setHandler(
    changeRequesterUpdate,
    async (change) => {
      spend(change);
      // As for decisions: two changes can pass validation in one activation; the first to run takes it.
      if (requesterChangeInFlight || change.fromUserId !== requesterId) {
        refuse('invalid_state', 'The request has another requester by now');
      }
      requesterChangeInFlight = true;
      await record.changeRequester({
        changeId: change.changeId,
        requestId: input.requestId,
        fromUserId: requesterId,
        toUserId: change.to.userId,
        actorId: change.actorId,
        at: now().toISOString(),
      });
      requesterId = change.to.userId;
      requesterChangeInFlight = false;
      return state;
    },
    {
      validator: (change) => {
        assertVouched(changeRequesterUpdate, change);
        if (!isOpen(state.status) || withdrawal || requesterChangeInFlight) {
          refuse('invalid_state', `The request's requester can no longer change (it is ${state.status})`);
        }
        if (change.fromUserId !== requesterId) {
          refuse('invalid_state', 'The request has another requester by now');
        }
        asRefusal(() =>
          assertMayBecomeRequester(
            {
              unitId: input.unitId,
              divisionId: input.divisionId,
              requesterId,
              decidedBy: state.decisions.map((d) => d.userId),
              assigneeUserId: state.currentStage?.assigneeUserId,
            },
            // The API loaded them as an active user; their grants are checked here as for a reassignment.
            { userId: change.to.userId, active: true, grants: change.to.grants },
          ),
        );
      },
    },
  );

  wf.setHandler(
    askQuestionUpdate,
    async (ask) => {
      spend(ask);
      // As for decisions: two questions can pass validation in one activation; the first to run asks.
      const stage = state.currentStage;
      if (!stage || stage.name !== ask.stage || decisionInFlight || withdrawal || questionInFlight) {
        refuse('stage_not_open', `The ${ask.stage} stage is not open`);
      }
      asQuestionRefusal(() => assertMayAsk(state.openQuestion, stage.stageId));
      // No history before this change can hold a question (old workers refuse the update): the marker names the
      // path in new histories, so a later change of it can tell them apart.
      wf.patched(STAGE_QUESTIONS);
      questionInFlight = true;
      const at = now().toISOString();
      try {
        await record.askQuestion({
          questionId: ask.questionId,
          requestId: input.requestId,
          requesterId,
          stageId: stage.stageId,
          stageName: stage.name,
          actorId: ask.actor.userId,
          text: ask.text,
          at,
        });
      } finally {
        questionInFlight = false;
      }
      // The stage may have been decided while the record was written; then there is nothing left to answer.
      if (state.currentStage?.stageId !== stage.stageId)
        return { questionId: ask.questionId, stageId: stage.stageId, at };
      state.openQuestion = {
        questionId: ask.questionId,
        stageId: stage.stageId,
        askedBy: ask.actor.userId,
        askedAt: at,
      };
      // A paused clock stops now: the supervisor sets no timer while the question is open.
      if (pausesDeadline()) clockChanges += 1;
      return { questionId: ask.questionId, stageId: stage.stageId, at, dueAt: stage.dueAt };
    },
    {
      validator: (ask) => {
        assertVouched(askQuestionUpdate, ask);
        const stage = state.currentStage;
        if (!stage || stage.name !== ask.stage || decisionInFlight || withdrawal || questionInFlight) {
          refuse('stage_not_open', `The ${ask.stage} stage is not open`);
        }
        // Whoever may decide the stage now may ask: the same rules as a decision (not the requester, in scope,
        // the assignee after a reassignment).
        const planned = route[stageIndex];
        asRefusal(() => {
          assertMayDecide(ask.actor, planned, stage.escalationLevel, subject());
          const escalated = planned.escalations.slice(0, stage.escalationLevel).map((e) => e.role);
          assertIsAssignee(ask.actor, stage.assigneeUserId, escalated);
        });
        asQuestionRefusal(() => assertMayAsk(state.openQuestion, stage.stageId));
        // The API checked the text already; a signed client that skipped it is held to the same bounds.
        asQuestionRefusal(() => questionText(ask.text, 'text'));
      },
    },
  );

  wf.setHandler(
    answerQuestionUpdate,
    async (answer) => {
      spend(answer);
      const open = state.openQuestion;
      const stage = state.currentStage;
      if (questionInFlight || !stage || !open || open.questionId !== answer.questionId) {
        refuse('invalid_state', 'The question is not open (answered, or its stage was decided)');
      }
      questionInFlight = true;
      const answeredAt = now();
      let dueAt: string | undefined;
      if (pausesDeadline() && moveStageClock) {
        const planned = route[stageIndex];
        const askedAt = new Date(open.askedAt);
        moveStageClock((at) => movedByPause(at, planned.deadline, askedAt, answeredAt));
        dueAt = stage.dueAt;
      }
      try {
        await record.answerQuestion({
          questionId: answer.questionId,
          requestId: input.requestId,
          stageId: open.stageId,
          stageName: stage.name,
          askedBy: open.askedBy,
          actorId: answer.actorId,
          text: answer.text,
          at: answeredAt.toISOString(),
          dueAt,
        });
      } finally {
        questionInFlight = false;
      }
      state.openQuestion = undefined;
      if (dueAt) clockChanges += 1;
      return {
        questionId: answer.questionId,
        stageId: open.stageId,
        at: answeredAt.toISOString(),
        dueAt: stage.dueAt,
      };
    },
    {
      validator: (answer) => {
        assertVouched(answerQuestionUpdate, answer);
        if (withdrawal || questionInFlight) refuse('invalid_state', 'The question is not open');
        asQuestionRefusal(() =>
          assertMayAnswer(state.openQuestion, answer.questionId, answer.actorId, requesterId),
        );
        asQuestionRefusal(() => questionText(answer.text, 'text'));
      },
    },
  );

  wf.setHandler(
    resubmitUpdate,
    async (resubmit) => {
      spend(resubmit);
      resubmission = resubmit;
      await wf.condition(() => state.status !== 'returned' && settled());
      return state;
    },
    {
      validator: (resubmit) => {
        assertVouched(resubmitUpdate, resubmit);
        if (resubmit.actorId !== requesterId) refuse('not_allowed', 'Only the requester may resubmit');
        if (!mayHappen(state.status, 'resubmit') || resubmission) {
          refuse('invalid_state', `A request can be resubmitted only when returned (it is ${state.status})`);
        }
        if (resubmit.facts && (resubmit.facts.callOff !== undefined) !== (input.kind === 'agency_call_off')) {
          refuse(
            'unprocessable',
            `The facts of a ${input.kind} must ${input.kind === 'hire' ? 'not ' : ''}name a period`,
          );
        }
      },
    },
  );

  wf.setHandler(
    withdrawUpdate,
    async (withdraw) => {
      spend(withdraw);
      if (decisionInFlight || !mayHappen(state.status, 'withdraw')) {
        refuse('invalid_state', `The request can no longer be withdrawn (it is ${state.status})`);
      }
      withdrawal ??= withdraw;
      await wf.condition(() => state.status === 'withdrawn');
      return state;
    },
    {
      validator: (withdraw) => {
        assertVouched(withdrawUpdate, withdraw);
        if (withdraw.actorId !== requesterId) refuse('not_allowed', 'Only the requester may withdraw');
        if (!mayHappen(state.status, 'withdraw')) {
          refuse('invalid_state', `The request can no longer be withdrawn (it is ${state.status})`);
        }
      },
    },
  );

  async function withdraw(reason: WithdrawalReason, actorId?: string, comment?: string) {
    const stage = state.currentStage;
    const step = transition(state.status, {
      type: reason === 'not_completed' ? 'not_completed' : 'withdraw',
    });
    await record.recordStatus({
      requestId: input.requestId,
      requesterId,
      status: step.status,
      eventKey: `withdrawn:${input.requestId}`,
      eventType: 'withdrawn',
      reason: step.withdrawalReason,
      actorId,
      comment,
      closeStageId: stage?.stageId,
      at: now().toISOString(),
    });
    state.currentStage = undefined;
    state.returnedUntil = undefined;
    state.withdrawalReason = step.withdrawalReason;
    state.status = step.status;
  }

  /**
   * Waits for `done`, calling `fire` whenever the time `next()` names has come. With `clock`, a change of its
   * value (a question paused or moved the stage's timers) wakes the wait to set the timer again.
   */
  async function waitOrFire(
    done: () => boolean,
    next: () => Date | undefined,
    fire: () => Promise<void>,
    clock?: () => number,
  ) {
    while (!done()) {
      const at = next();
      const ms = at ? at.getTime() - Date.now() : undefined;
      if (ms !== undefined && ms <= 0) {
        await fire();
        continue;
      }
      const seen = clock?.();
      const woken = () => done() || (clock !== undefined && clock() !== seen);
      if (await wf.condition(woken, ms as number)) {
        if (done()) return;
      }
    }
  }

  async function openStage(planned: PlannedStage): Promise<OpenStageView> {
    const round = (rounds.get(planned.name) ?? 0) + 1;
    rounds.set(planned.name, round);
    const openedAt = now();
    const dueAt = dueAfter(openedAt, planned.deadline);
    const scopeUnitId = planned.scope === 'division' ? input.divisionId : null;
    const { stageId } = await record.openStage({
      requestId: input.requestId,
      divisionId: input.divisionId,
      name: planned.name,
      round,
      // An activity's input is not compared on replay: older histories, which sent no mode, replay as they ran.
      mode: planned.mode,
      role: planned.role,
      scopeUnitId,
      openedAt: openedAt.toISOString(),
      dueAt: dueAt.toISOString(),
    });
    return {
      stageId,
      name: planned.name,
      mode: planned.mode,
      round,
      openedAt: openedAt.toISOString(),
      dueAt: dueAt.toISOString(),
      escalationLevel: 0,
      assignees: assigneesAt(planned, 0),
    };
  }

  function assigneesAt(planned: PlannedStage, level: number) {
    return decidingLevels(planned, level).map((l) => ({
      role: l.role,
      scopeUnitId: l.scope === 'division' ? input.divisionId : null,
    }));
  }

  /** Runs one open stage's clock: reminder, escalations, then reminders until someone decides. */
  async function superviseStage(planned: PlannedStage, stage: OpenStageView) {
    let reminderAt = planned.reminderAfter
      ? dueAfter(new Date(stage.openedAt), planned.reminderAfter)
      : undefined;
    let dueAt = new Date(stage.dueAt);
    let overdueReminders = 0;
    const stop = () => decisionInFlight || decided !== undefined || withdrawal !== undefined;
    // Issue 21: a question on a route version that pauses the clock holds every timer of the stage until it is
    // answered, and the answer moves them on by the time it was open. Reviews without one never touch these.
    moveStageClock = (shift) => {
      if (reminderAt) reminderAt = shift(reminderAt);
      dueAt = shift(dueAt);
      stage.dueAt = dueAt.toISOString();
    };
    const paused = () => pausesDeadline() && state.openQuestion?.stageId === stage.stageId;
    await waitOrFire(
      stop,
      () => (paused() ? undefined : reminderAt && reminderAt < dueAt ? reminderAt : dueAt),
      async () => {
        const level = stage.escalationLevel;
        if (reminderAt && reminderAt < dueAt) {
          await record.sendReminder({
            requestId: input.requestId,
            reminderKey: `${stage.stageId}:reminder:${level}`,
            type: 'stage_reminder',
            recipients: { role: planned.role, scopeUnitId: stage.assignees[0].scopeUnitId },
            stageId: stage.stageId,
            dueAt: dueAt.toISOString(),
            at: now().toISOString(),
          });
          reminderAt = undefined;
          return;
        }
        if (level < planned.escalations.length) {
          const next = planned.escalations[level];
          const newDue = dueAfter(dueAt, next.after);
          await record.escalateStage({
            requestId: input.requestId,
            divisionId: input.divisionId,
            stageId: stage.stageId,
            stageName: stage.name,
            level: level + 1,
            role: next.role,
            scopeUnitId: next.scope === 'division' ? input.divisionId : null,
            dueAt: newDue.toISOString(),
            at: now().toISOString(),
          });
          stage.escalationLevel = level + 1;
          stage.dueAt = newDue.toISOString();
          stage.assignees = assigneesAt(planned, level + 1);
          dueAt = newDue;
          return;
        }
        // Past the last level: remind every business day, never decide on anyone's behalf.
        overdueReminders += 1;
        const top = stage.assignees[stage.assignees.length - 1];
        // Every level that may still decide is reminded, not only the top one: after escalation the first
        // reviewer keeps the right to decide (decidingLevels) and is often the one who acts, so reminding only the
        // HR lead or executive left the person nearest the case unaware it was overdue. Reviews that were already
        // overdue when this shipped take the new path from their next reminder on; their recorded histories
        // replay on the old one (tests/replay, tests/workflows/worker-upgrade.test.ts).
        const remind = wf.patched(OVERDUE_REMINDS_EVERY_LEVEL) ? stage.assignees.slice(0, -1) : [];
        for (const level of remind) {
          await record.sendReminder({
            requestId: input.requestId,
            reminderKey: `${stage.stageId}:overdue:${overdueReminders}:${level.role}`,
            type: 'stage_overdue',
            recipients: { role: level.role as PlannedStage['role'], scopeUnitId: level.scopeUnitId },
            stageId: stage.stageId,
            dueAt: stage.dueAt,
            at: now().toISOString(),
          });
        }
        await record.sendReminder({
          requestId: input.requestId,
          reminderKey: `${stage.stageId}:overdue:${overdueReminders}`,
          type: 'stage_overdue',
          recipients: { role: top.role as PlannedStage['role'], scopeUnitId: top.scopeUnitId },
          stageId: stage.stageId,
          dueAt: stage.dueAt,
          at: now().toISOString(),
        });
        dueAt = dueAfter(dueAt, policy.afterLastEscalation.reminderEvery);
      },
      () => clockChanges,
    );
    moveStageClock = undefined;
    // A question left open when the stage closed is no longer the open stage's: nobody can answer it now.
    if (state.openQuestion?.stageId === stage.stageId) state.openQuestion = undefined;
    // A decision may be mid-way through its record write; wait for it so the route moves on after it.
    await wf.condition(() => !decisionInFlight);
  }

  /** The request is back with the requester: resubmission, withdrawal, or withdrawn as not completed. */
  async function awaitCompletion(): Promise<'resubmitted' | 'withdrawn'> {
    const returnedAt = now();
    const deadline = dueAfter(returnedAt, policy.returned.deadline);
    let reminderAt: Date | undefined = dueAfter(returnedAt, policy.returned.reminderAfter);
    state.returnedUntil = deadline.toISOString();
    let expired = false;
    await waitOrFire(
      () => resubmission !== undefined || withdrawal !== undefined || expired,
      () => reminderAt ?? deadline,
      async () => {
        if (reminderAt) {
          await record.sendReminder({
            requestId: input.requestId,
            reminderKey: `${input.requestId}:return:${state.decisions.length}:reminder`,
            type: 'return_reminder',
            recipients: { userId: requesterId },
            dueAt: deadline.toISOString(),
            at: now().toISOString(),
          });
          reminderAt = undefined;
        } else expired = true;
      },
    );
    if (withdrawal) return 'withdrawn';
    if (expired && !resubmission) {
      await withdraw('not_completed');
      return 'withdrawn';
    }
    const resubmit = resubmission!;
    // Resubmissions that carry the request's facts plan the route again from them; those recorded before (no
    // facts, no marker) keep the route planned at submission when they replay.
    const replans = resubmit.facts !== undefined && wf.patched(RESUBMISSION_REPLANS_ROUTE);
    const digestDiffers =
      reviewedDigest !== undefined &&
      resubmit.payloadDigest !== undefined &&
      resubmit.payloadDigest !== reviewedDigest;
    const requestChanged =
      replans &&
      ((resubmit.changedFields ?? []).length > 0 || !sameFacts(facts, resubmit.facts!) || digestDiffers);
    const step = transition(state.status, { type: 'resubmit', requestChanged });
    const replanned = replans
      ? routeOnResubmission(
          policy,
          { kind: input.kind, ...resubmit.facts! },
          route[stageIndex].name,
          step.move === 'first_stage',
        )
      : undefined;
    await record.recordStatus({
      requestId: input.requestId,
      requesterId,
      status: step.status,
      eventKey: `resubmitted:${resubmit.resubmissionId}`,
      eventType: 'resubmitted',
      actorId: resubmit.actorId,
      comment: resubmit.comment,
      ...(replanned && {
        changedFields: resubmit.changedFields ?? [],
        route: replanned.route.map((s) => s.name),
      }),
      at: now().toISOString(),
    });
    if (replanned) {
      facts = resubmit.facts!;
      reviewedDigest = resubmit.payloadDigest ?? reviewedDigest;
      route = replanned.route;
      stageIndex = replanned.stageIndex;
    }
    resubmission = undefined;
    state.returnedUntil = undefined;
    state.status = step.status;
    return 'resubmitted';
  }

  while (!isFinal(state.status)) {
    const planned = route[stageIndex];
    state.currentStage = await openStage(planned);
    await superviseStage(planned, state.currentStage);
    if (withdrawal && !decided) {
      await withdraw('by_requester', withdrawal.actorId, withdrawal.comment);
      break;
    }
    const { move } = decided!;
    decided = undefined;
    if (move === 'await_completion') {
      if ((await awaitCompletion()) === 'withdrawn') {
        if (state.status !== 'withdrawn')
          await withdraw('by_requester', withdrawal!.actorId, withdrawal!.comment);
        break;
      }
      continue; // re-enter the stage that returned it
    }
    if (move === 'next_stage') stageIndex += 1;
    // 'end': the status is final and the loop is over.
  }
  // Let update handlers that are still waiting on `settled` answer before the execution closes.
  await wf.condition(wf.allHandlersFinished);
  return state;
}
