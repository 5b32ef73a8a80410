import type { Outcome, RequestStatus, Role, StageName, WithdrawalReason } from '@domain/enums';
import type { NOTIFIED_BY } from '@domain/notification-types';
import type { StageMode } from '@domain/review-state';

/**
 * What the review workflow asks of the record. Every call is idempotent (a unique key per request, stage and
 * event), because Temporal retries activities and a retry must never duplicate a row or a notification.
 */
export interface OpenStageInput {
  requestId: string;
  divisionId: string;
  name: StageName;
  round: number;
  /** Whether the stage decides or recommends; absent from reviews recorded before stages could recommend. */
  mode?: StageMode;
  role: Role;
  scopeUnitId: string | null;
  openedAt: string;
  dueAt: string;
}

export interface EscalateStageInput {
  requestId: string;
  divisionId: string;
  stageId: string;
  stageName: StageName;
  level: number;
  role: Role;
  scopeUnitId: string | null;
  dueAt: string;
  at: string;
}

export interface ReminderInput {
  requestId: string;
  /** Unique per reminder: the workflow numbers them. */
  reminderKey: string;
  type: (typeof NOTIFIED_BY.remind)[number];
  /** Who gets it: the reviewers of a role in scope, or one user (the requester). */
  recipients: { role: Role; scopeUnitId: string | null } | { userId: string };
  stageId?: string;
  dueAt: string;
  at: string;
}

export interface RecordDecisionInput {
  decisionId: string;
  requestId: string;
  requesterId: string;
  stageId: string;
  stageName: StageName;
  outcome: Outcome;
  actorId: string;
  onBehalfOfId?: string;
  comment?: string;
  conditions?: string;
  approvedPeriodTo?: string;
  approvedCostSek?: number;
  /** The request's status after this decision. */
  status: RequestStatus;
  final: boolean;
  validUntil?: string;
  decidedAt: string;
}

export interface RecordStatusInput {
  requestId: string;
  requesterId: string;
  status: RequestStatus;
  /** Unique per state change, e.g. `resubmitted:<id>`. */
  eventKey: string;
  eventType: 'resubmitted' | 'withdrawn';
  reason?: WithdrawalReason;
  actorId?: string;
  /** An open stage to close with the change (a withdrawal). */
  closeStageId?: string;
  comment?: string;
  /** A resubmission: the fields it changed, and the route planned again from them (stage names, in order). */
  changedFields?: string[];
  route?: StageName[];
  at: string;
}

export interface ReassignStageInput {
  reassignmentId: string;
  requestId: string;
  stageId: string;
  stageName: StageName;
  actorId: string;
  toUserId: string;
  at: string;
}

export interface ReleaseStageInput {
  releaseId: string;
  requestId: string;
  divisionId: string;
  stageId: string;
  stageName: StageName;
  fromUserId: string;
  reason: 'inactive' | 'role_ended';
  actorId?: string;
  at: string;
}

export interface ChangeRequesterInput {
  changeId: string;
  requestId: string;
  fromUserId: string;
  toUserId: string;
  actorId: string;
  at: string;
}

/** An open request whose requester left or lost the role: the HR lead hears of it once per requester. */
export interface RequesterNeededInput {
  requestId: string;
  divisionId: string;
  requesterId: string;
  reason: 'inactive' | 'role_ended';
  at: string;
}

export interface PeriodWarningInput {
  subject: 'review_period' | 'exemption';
  periodId: string;
  kind: string;
  validTo: string;
  decisionRef: string;
  daysBefore: number;
  at: string;
}

/** A reviewer's question on the open stage: on the timeline, the requester told (issue 21). */
export interface AskQuestionInput {
  questionId: string;
  requestId: string;
  requesterId: string;
  stageId: string;
  stageName: StageName;
  actorId: string;
  text: string;
  at: string;
}

/** The requester's answer: on the timeline, the asker told; a paused stage's new deadline with it. */
export interface AnswerQuestionInput {
  questionId: string;
  requestId: string;
  stageId: string;
  stageName: StageName;
  askedBy: string;
  actorId: string;
  text: string;
  at: string;
  /** Set when the route version pauses the clock: the stage's deadline moved on by the time it was open. */
  dueAt?: string;
}

export interface ReviewActivities {
  askQuestion(input: AskQuestionInput): Promise<void>;
  answerQuestion(input: AnswerQuestionInput): Promise<void>;
  /** Warns admins and the executive that a period (or exemption) is ending, unless extended (or revoked). */
  warnPeriodEnding(input: PeriodWarningInput): Promise<{ extendedBy?: string; revoked?: boolean }>;
  reassignStage(input: ReassignStageInput): Promise<void>;
  /** The stage back to its pool, on the timeline, the division's HR lead told. */
  releaseStage(input: ReleaseStageInput): Promise<void>;
  /** The request's requester becomes another user, on the timeline, the new requester told. */
  changeRequester(input: ChangeRequesterInput): Promise<void>;
  /**
   * Not called by the workflow (nothing in it changes): the API's reconciler records it through the same closure,
   * so its notification is mailed like the others. Resolves false when it was recorded before.
   */
  announceRequesterNeeded(input: RequesterNeededInput): Promise<boolean>;
  openStage(input: OpenStageInput): Promise<{ stageId: string }>;
  escalateStage(input: EscalateStageInput): Promise<void>;
  sendReminder(input: ReminderInput): Promise<void>;
  recordDecision(input: RecordDecisionInput): Promise<void>;
  recordStatus(input: RecordStatusInput): Promise<void>;
}
