import { OUTCOMES, REQUEST_STATUSES, type Outcome, type RequestStatus, type WithdrawalReason } from './enums';
import { DomainError } from './errors';

/**
 * The review as a state machine: where each status stands, what every outcome of a stage and every event does,
 * and in which statuses each may happen. Pure data and functions (workflow code imports them): the workflow moves
 * by them, the statistics count by them, the API and the UI ask them what may happen next. Every table is keyed
 * by its enumeration, so a new status, outcome or event is a compile error here until it is placed.
 */

/** Where a status stands: a running review, one of the three ends, or a request recorded without a review. */
export type Standing = 'open' | 'approved' | 'rejected' | 'withdrawn' | 'unreviewed';

const STANDING = {
  in_review: 'open',
  returned: 'open',
  approved: 'approved',
  approved_with_conditions: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  not_required: 'unreviewed',
  exempted: 'unreviewed',
} as const satisfies Record<RequestStatus, Standing>;

type StatusOf<S extends Standing> = {
  [K in RequestStatus]: (typeof STANDING)[K] extends S ? K : never;
}[RequestStatus];

export type OpenStatus = StatusOf<'open'>;
export type ApprovedStatus = StatusOf<'approved'>;
/** Someone decided it: approved (with or without conditions) or rejected. */
export type DecidedStatus = StatusOf<'approved' | 'rejected'>;
/** The review is over and nothing moves it again: decided, or withdrawn (by the requester or as not completed). */
export type FinalStatus = StatusOf<'approved' | 'rejected' | 'withdrawn'>;
export type UnreviewedStatus = StatusOf<'unreviewed'>;

function statusesOf<S extends Standing>(...standings: S[]): StatusOf<S>[] {
  return REQUEST_STATUSES.filter((s): s is StatusOf<S> => (standings as Standing[]).includes(STANDING[s]));
}

export const OPEN_STATUSES: readonly OpenStatus[] = statusesOf('open');
export const APPROVED_STATUSES: readonly ApprovedStatus[] = statusesOf('approved');
export const DECIDED_STATUSES: readonly DecidedStatus[] = statusesOf('approved', 'rejected');
export const FINAL_STATUSES: readonly FinalStatus[] = statusesOf('approved', 'rejected', 'withdrawn');
export const UNREVIEWED_STATUSES: readonly UnreviewedStatus[] = statusesOf('unreviewed');

export const standingOf = (status: RequestStatus): Standing => STANDING[status];
// Plain booleans, not type guards: callers test statuses that change under them (the workflow's state).
export const isOpen = (status: RequestStatus): boolean => STANDING[status] === 'open';
export const isApproved = (status: RequestStatus): boolean => STANDING[status] === 'approved';
export const isDecided = (status: RequestStatus): boolean =>
  STANDING[status] === 'approved' || STANDING[status] === 'rejected';
export const isFinal = (status: RequestStatus): boolean =>
  isDecided(status) || STANDING[status] === 'withdrawn';

/** A stage either decides or recommends (domain.md "The route"); each kind of stage offers its own outcomes. */
export type StageMode = 'deciding' | 'recommending';

/** What an outcome does to the review. */
export type OutcomeEffect =
  /** The route moves on; after the last stage the request is approved. */
  | 'approve'
  /** The request is rejected; the review ends. */
  | 'reject'
  /**
   * Back to the requester, who completes and resubmits it (to the same stage, or to the first when they changed
   * the request), or it is withdrawn.
   */
  | 'return'
  /** The route moves on to the stage that decides, the recommendation recorded for it. */
  | 'recommend';

export interface OutcomeRule {
  modes: readonly StageMode[];
  effect: OutcomeEffect;
  /** An approval with conditions: they hold for the final approval, and a call-off's period or cost may shrink. */
  conditional: boolean;
  /** What the reviewer's comment is for: free, the reason for a rejection, or the questions for the requester. */
  comment: 'optional' | 'reason' | 'questions';
}

export const OUTCOME_RULES = {
  approve: { modes: ['deciding'], effect: 'approve', conditional: false, comment: 'optional' },
  approve_with_conditions: {
    modes: ['deciding'],
    effect: 'approve',
    conditional: true,
    comment: 'optional',
  },
  reject: { modes: ['deciding'], effect: 'reject', conditional: false, comment: 'reason' },
  // A recommendation is never final: the deciding stage reads it, with its reasoning, and may decide against it.
  recommend_approve: {
    modes: ['recommending'],
    effect: 'recommend',
    conditional: false,
    comment: 'optional',
  },
  recommend_reject: { modes: ['recommending'], effect: 'recommend', conditional: false, comment: 'reason' },
  return: { modes: ['deciding', 'recommending'], effect: 'return', conditional: false, comment: 'questions' },
} as const satisfies Record<Outcome, OutcomeRule>;

export const outcomeRule = (outcome: Outcome): OutcomeRule => OUTCOME_RULES[outcome];

/** The outcomes a stage of this mode offers, in the order of OUTCOMES. */
export function outcomesFor(mode: StageMode): Outcome[] {
  return OUTCOMES.filter((o) => offers(mode, o));
}

/** Whether a stage of this mode offers the outcome. */
export const offers = (mode: StageMode, outcome: Outcome): boolean =>
  (OUTCOME_RULES[outcome].modes as readonly StageMode[]).includes(mode);

/** Refuses (422, naming `outcome`) an outcome the stage's mode does not offer: a recommending stage cannot decide. */
export function assertOffered(mode: StageMode, outcome: Outcome): void {
  if (offers(mode, outcome)) return;
  const offered = outcomesFor(mode).join(', ');
  throw new DomainError('unprocessable', `A ${mode} stage does not take ${outcome}`, [
    {
      field: 'outcome',
      message: `this stage ${mode === 'recommending' ? 'recommends' : 'decides'}: one of ${offered}`,
    },
  ]);
}

/** A recommendation (tillstyrkan/avstyrkan), as opposed to a decision or a return. */
export const isRecommendation = (outcome: Outcome): boolean => OUTCOME_RULES[outcome].effect === 'recommend';

/** Everything that can happen to a request, from its submission to the end of its review. */
export const REVIEW_EVENTS = [
  'submit',
  'decide',
  'resubmit',
  'withdraw',
  'not_completed',
  'escalate',
  'remind',
  'reassign',
] as const;
export type ReviewEventType = (typeof REVIEW_EVENTS)[number];

export type ReviewEvent =
  /** Subject to review when a review period of its kind covers the day; exempted when an exemption covers it. */
  | { type: 'submit'; subjectToReview: boolean; exempted: boolean }
  | { type: 'decide'; outcome: Outcome; lastStage: boolean; conditionsSoFar: boolean }
  /** `requestChanged`: the requester changed the request's fields, which every stage then reviews again. */
  | { type: 'resubmit'; requestChanged?: boolean }
  | { type: 'withdraw' }
  /** The time for completion ran out. */
  | { type: 'not_completed' }
  | { type: 'escalate' }
  | { type: 'remind' }
  | { type: 'reassign' };

/** `null` stands for a request not yet submitted. */
export type StatusBefore = RequestStatus | null;

/** The statuses in which each event may happen; in every other it is refused. */
const EVENT_FROM = {
  submit: [null],
  decide: ['in_review'],
  resubmit: ['returned'],
  withdraw: ['in_review', 'returned'],
  not_completed: ['returned'],
  escalate: ['in_review'],
  // A stage's reminders while it is open, the requester's while the request is back with them.
  remind: ['in_review', 'returned'],
  reassign: ['in_review'],
} as const satisfies Record<ReviewEventType, readonly StatusBefore[]>;

/** What the route does next. */
export type RouteMove =
  /** Open the route's first stage (submission, or resubmission of a changed request). */
  | 'first_stage'
  /** Open the stage after the one just decided. */
  | 'next_stage'
  /** Open the stage that returned the request again (resubmission). */
  | 'same_stage'
  /** Wait for the requester to complete the request. */
  | 'await_completion'
  /** Nothing moves: the open stage stays open (or the request stays with the requester). */
  | 'stay'
  /** The review is over, or never began. */
  | 'end';

export interface Transition {
  status: RequestStatus;
  move: RouteMove;
  /** Set when the request is withdrawn. */
  withdrawalReason?: WithdrawalReason;
}

export function mayHappen(status: StatusBefore, event: ReviewEventType): boolean {
  return (EVENT_FROM[event] as readonly StatusBefore[]).includes(status);
}

/** The statuses in which an event may happen (submission, which comes before any status, has none). */
export function statusesWhere(event: ReviewEventType): RequestStatus[] {
  return REQUEST_STATUSES.filter((s) => mayHappen(s, event));
}

/** The events that may happen in a status. */
export function eventsFrom(status: StatusBefore): ReviewEventType[] {
  return REVIEW_EVENTS.filter((e) => mayHappen(status, e));
}

/** Where a decision takes the request: the outcome's effect given the stage's place in the route. */
export function afterOutcome(
  rule: Pick<OutcomeRule, 'effect' | 'conditional'>,
  lastStage: boolean,
  conditionsSoFar: boolean,
): Transition {
  switch (rule.effect) {
    case 'reject':
      return { status: 'rejected', move: 'end' };
    case 'return':
      return { status: 'returned', move: 'await_completion' };
    case 'recommend':
      // A route ends with a stage that decides (policy); a recommendation past the last stage has nobody to go to.
      if (lastStage) throw new DomainError('invalid_state', 'A recommending stage cannot end the route');
      return { status: 'in_review', move: 'next_stage' };
    case 'approve':
      if (!lastStage) return { status: 'in_review', move: 'next_stage' };
      return {
        status: conditionsSoFar || rule.conditional ? 'approved_with_conditions' : 'approved',
        move: 'end',
      };
  }
}

/** The request's status after a stage's outcome. */
export function statusAfter(outcome: Outcome, lastStage: boolean, conditionsSoFar: boolean): RequestStatus {
  return afterOutcome(OUTCOME_RULES[outcome], lastStage, conditionsSoFar).status;
}

/** The one step `event` takes from `status`; throws `invalid_state` for an event that may not happen there. */
export function transition(status: StatusBefore, event: ReviewEvent): Transition {
  if (!mayHappen(status, event.type)) {
    throw new DomainError(
      'invalid_state',
      `A request ${status === null ? 'not yet submitted' : `that is ${status}`} cannot take the ${event.type} event`,
    );
  }
  switch (event.type) {
    case 'submit':
      if (!event.subjectToReview) return { status: 'not_required', move: 'end' };
      if (event.exempted) return { status: 'exempted', move: 'end' };
      return { status: 'in_review', move: 'first_stage' };
    case 'decide':
      return afterOutcome(OUTCOME_RULES[event.outcome], event.lastStage, event.conditionsSoFar);
    case 'resubmit':
      return { status: 'in_review', move: event.requestChanged ? 'first_stage' : 'same_stage' };
    case 'withdraw':
      return { status: 'withdrawn', move: 'end', withdrawalReason: 'by_requester' };
    case 'not_completed':
      return { status: 'withdrawn', move: 'end', withdrawalReason: 'not_completed' };
    case 'escalate':
    case 'remind':
    case 'reassign':
      return { status: status!, move: 'stay' };
  }
}

/** The status a request is recorded with on submission. */
export function statusOnSubmission(subjectToReview: boolean, exempted: boolean): RequestStatus {
  return transition(null, { type: 'submit', subjectToReview, exempted }).status;
}
