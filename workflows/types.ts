import type { ActorClaim } from '@domain/actor-claim';
import type { Actor } from '@domain/decision-rules';
import type { DecisionInput } from '@domain/decision-input';
import type { RoutingPolicy } from '@domain/policy';
import type { StageMode } from '@domain/review-state';
import type {
  OccupationalCategory,
  Outcome,
  RequestKind,
  RequestStatus,
  Role,
  StageName,
  WithdrawalReason,
} from '@domain/enums';

/** The facts of a request that its route and its approval's validity depend on; a resubmission may change them. */
export type RouteFacts = Pick<
  ReviewInput,
  'newPermanentPosition' | 'urgent' | 'callOff' | 'monthlyCostSek' | 'occupationalCategory'
>;

/** Everything the workflow needs to route a request, fixed at submission (its facts until a resubmission). */
export interface ReviewInput {
  requestId: string;
  policyVersion: number;
  /**
   * The whole route version the request runs on, as published when it was submitted: the workflow never reads
   * routes from the database, so replay does not depend on it. Absent in reviews started before versions were
   * data; those run version `policyVersion` from code (POLICY_V1).
   */
  policy?: RoutingPolicy;
  kind: RequestKind;
  requesterId: string;
  unitId: string;
  divisionId: string;
  newPermanentPosition: boolean;
  urgent: boolean;
  /**
   * Hires: the monthly cost, for a route's cost conditions (×12: annual). This and the category are absent in
   * reviews started before conditions were data; version 1 has no condition that reads them.
   */
  monthlyCostSek?: number;
  occupationalCategory?: OccupationalCategory;
  /** Call-offs: the requested period, for validity and conditions. */
  callOff?: { periodFrom: string; periodTo: string; estimatedCostSek: number };
  /** A digest of the request as submitted: a resubmission whose digest differs changed it (payloadDigest). */
  payloadDigest?: string;
}

export interface OpenStageView {
  stageId: string;
  name: StageName;
  /** Whether the stage decides or recommends; absent from the state of reviews begun before it was kept. */
  mode?: StageMode;
  round: number;
  openedAt: string;
  dueAt: string;
  escalationLevel: number;
  /** Roles that may decide now, each with its scope (a division id, or null for the region). */
  assignees: { role: Role; scopeUnitId: string | null }[];
  /** Set when the stage was reassigned to one reviewer. */
  assigneeUserId?: string;
}

export interface ReviewState {
  requestId: string;
  status: RequestStatus;
  policyVersion: number;
  currentStage?: OpenStageView;
  /** Set while the request is back with the requester. */
  returnedUntil?: string;
  decisions: { stage: StageName; round: number; outcome: Outcome; userId: string; at: string }[];
  validUntil?: string;
  withdrawalReason?: WithdrawalReason;
  /** The open stage's unanswered question (issue 21); absent when none is open. */
  openQuestion?: { questionId: string; stageId: string; askedBy: string; askedAt: string };
}

/**
 * An update that carries an actor: the API's signing client adds the claim (libs/temporal/claim-signing.ts);
 * the workflow refuses one without a valid claim. Optional in the type because the callers never write it.
 */
export interface Vouched {
  claim?: ActorClaim;
}

export interface DecideUpdateInput extends DecisionInput, Vouched {
  /** Makes a retried decision harmless: the same id is recorded once. */
  decisionId: string;
  /** The stage the reviewer saw; a decision for any other stage is refused (409). */
  stage: StageName;
  actor: Actor;
  onBehalfOfId?: string;
}

export interface DecisionResult {
  decisionId: string;
  stage: StageName;
  outcome: Outcome;
  status: RequestStatus;
  decidedAt: string;
  validUntil?: string;
  nextStage?: OpenStageView;
}

export interface ResubmitUpdateInput extends Vouched {
  actorId: string;
  resubmissionId: string;
  /** The requester's answer to the reviewer's questions. */
  comment?: string;
  /**
   * The request's facts as they stand after the resubmission: the route is planned again from them. Absent from
   * resubmissions sent before routes were re-planned (their histories replay on the old path).
   */
  facts?: RouteFacts;
  /** The fields whose values the resubmission changed; any change sends the request back to the first stage. */
  changedFields?: string[];
  /**
   * A digest of the request as it now stands. A change recorded by an earlier attempt whose Update failed names
   * no field the second time; the digest still differs from the one the stages reviewed.
   */
  payloadDigest?: string;
}

export interface ReassignUpdateInput extends Vouched {
  reassignmentId: string;
  stage: StageName;
  actor: Actor;
  /** The new assignee with their roles, so the workflow can check they may decide the stage. */
  to: Actor;
}

/** A reassigned stage goes back to its pool because its assignee may no longer act (LeaversService.settle). */
export interface ReleaseUpdateInput extends Vouched {
  releaseId: string;
  stage: StageName;
  /** The assignee being released: refused when the stage is no longer theirs (someone reassigned it meanwhile). */
  fromUserId: string;
  reason: 'inactive' | 'role_ended';
  /** Who settled it: the admin whose change ran the reconciler, or none (the daily run). */
  actorId?: string;
}

/** The HR lead moves a request whose requester left, or lost the role, to another requester of its unit. */
export interface ChangeRequesterUpdateInput extends Vouched {
  changeId: string;
  actorId: string;
  /** The requester the HR lead saw: refused when it changed meanwhile. */
  fromUserId: string;
  /** The new requester with their grants, so the workflow can check they may take it over. */
  to: Actor;
}

export interface WithdrawUpdateInput extends Vouched {
  actorId: string;
  withdrawalId: string;
  comment?: string;
}

/** The reviewer at the open stage asks the requester a question; the stage stays open (issue 21). */
export interface AskQuestionUpdateInput extends Vouched {
  /** Makes a retried question harmless: the same id is recorded once. */
  questionId: string;
  /** The stage the reviewer saw; a question for any other stage is refused (409). */
  stage: StageName;
  actor: Actor;
  text: string;
}

export interface AnswerQuestionUpdateInput extends Vouched {
  questionId: string;
  actorId: string;
  text: string;
}

export interface QuestionResult {
  questionId: string;
  stageId: string;
  at: string;
  /** The open stage's deadline after the answer (moved on when the route version pauses it). */
  dueAt?: string;
}
