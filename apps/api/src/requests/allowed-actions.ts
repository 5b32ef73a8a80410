import type { RequestAction, DecideRefusalReason } from '@contracts/requests';
import { attachmentContext } from '@domain/attachments';
import { reassigningRolesOf } from '@domain/decision-rules';
import { isReviewerRole, type RequestStatus, type StageName } from '@domain/enums';
import { mayDecideNow, type OpenStageStanding, type StandIn } from '@domain/may-decide-now';
import { mayHappen, type StageMode } from '@domain/review-state';
import { abilityFor } from '../auth/abilities';
import { asActor, type CurrentUser } from '../auth/current-user';

/** What the allowed actions are computed from: all read before, so this is the rules alone. */
export interface ActionFacts {
  user: CurrentUser;
  request: {
    requesterId: string;
    status: RequestStatus;
    submittedAt: Date;
    unitId: string;
    divisionId: string;
  };
  /** The open stage, when one is open in review. */
  open?: OpenStageStanding & { mode: StageMode };
  standIns: ReadonlyMap<string, StandIn>;
  /** The open stage has an unanswered question. */
  openQuestion: boolean;
  /** The request's requester can no longer answer for it (left, or lost the role): the HR lead may move it. */
  needsNewRequester: boolean;
  now: Date;
}

export interface AllowedActions {
  allowedActions: RequestAction[];
  decideAt: { stage: StageName; mode: StageMode; onBehalfOfId: string | null } | null;
  decideRefusal: DecideRefusalReason | null;
}

/**
 * The actions the endpoints would accept from the user now, by the rules each of them applies: the CASL ability
 * (the endpoint's @Can), the state machine (mayHappen), the workflow's decision rules (mayDecideNow: segregation
 * of duties, scope, assignee, stand-ins), the questions rule (one open question per stage, the requester answers),
 * the attachments rule (attachmentContext), the reassigning rule and the leavers rule.
 */
export function allowedActionsOf(f: ActionFacts): AllowedActions {
  const ability = abilityFor(f.user.grants);
  const isRequester = f.request.requesterId === f.user.id;
  const inReview = mayHappen(f.request.status, 'decide');
  const actions: RequestAction[] = [];
  let decideAt: AllowedActions['decideAt'] = null;
  let decideRefusal: DecideRefusalReason | null = null;

  if (ability.can('decide', 'Request')) {
    const verdict = f.open && inReview ? mayDecideNow(asActor(f.user), f.standIns, f.open) : undefined;
    if (verdict?.may) {
      actions.push('decide');
      decideAt = { stage: f.open!.planned.name, mode: f.open!.mode, onBehalfOfId: verdict.onBehalfOfId };
    } else decideRefusal = verdict ? verdict.reason : 'stage_not_open';
  }
  // Asking is the reviewer's own: the workflow checks the asker as themselves, with no stand-in's exception.
  if (ability.can('ask', 'Request') && f.open && inReview && !f.openQuestion) {
    const own = mayDecideNow(asActor(f.user), new Map(), f.open);
    if (own.may) actions.push('ask_question');
  }
  if (ability.can('answer', 'Request') && isRequester && inReview && f.openQuestion)
    actions.push('answer_question');
  if (ability.can('resubmit', 'Request') && isRequester && mayHappen(f.request.status, 'resubmit'))
    actions.push('resubmit');
  if (ability.can('withdraw', 'Request') && isRequester && mayHappen(f.request.status, 'withdraw'))
    actions.push('withdraw');
  if (
    ability.can('attach', 'Request') &&
    attachmentContext({
      isRequester,
      isReviewer: f.user.grants.some((g) => isReviewerRole(g.role)),
      status: f.request.status,
      submittedAt: f.request.submittedAt,
      now: f.now,
    })
  )
    actions.push('attach');
  if (
    ability.can('reassign', 'Request') &&
    f.open &&
    mayHappen(f.request.status, 'reassign') &&
    reassigningRolesOf(asActor(f.user), f.open.planned, f.open.escalationLevel, f.open.subject).length > 0
  )
    actions.push('reassign');
  if (ability.can('change_requester', 'Request') && f.needsNewRequester && hrLeadCovers(f.user, f.request))
    actions.push('change_requester');
  return { allowedActions: actions, decideAt, decideRefusal };
}

/** As LeaversService: an HR lead region-wide, or of the request's division or unit. */
function hrLeadCovers(user: CurrentUser, request: { unitId: string; divisionId: string }): boolean {
  return user.grants.some(
    (g) =>
      g.role === 'hr_lead' &&
      (g.scopeUnitId === null || g.scopeUnitId === request.divisionId || g.scopeUnitId === request.unitId),
  );
}
