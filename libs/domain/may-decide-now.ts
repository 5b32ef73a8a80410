import { assertIsAssignee, decidingRolesOf, type Actor, type DecisionSubject } from './decision-rules';
import type { RequestKind } from './enums';
import { DomainError } from './errors';
import type { PlannedStage } from './policy';

/** An open stage as the rules need it: as planned for the request, how far it escalated, and its assignee. */
export interface OpenStageStanding {
  planned: PlannedStage;
  escalationLevel: number;
  assigneeUserId: string | null;
  kind: RequestKind;
  subject: DecisionSubject;
}

/** Someone the user stands in for today, with the grants the user carries for them and the kinds it covers. */
export interface StandIn {
  actor: Actor;
  /** null: every kind. */
  kind: RequestKind | null;
}

/** Why a user may not decide an open stage now: what the screen tells them instead of offering a form. */
export const DECIDE_REFUSALS = [
  'own_request',
  'decided_other_stage',
  'not_stage_reviewer',
  'reassigned',
] as const;
export type DecideRefusal = (typeof DECIDE_REFUSALS)[number];

export type MayDecideNow = { may: true; onBehalfOfId: string | null } | { may: false; reason: DecideRefusal };

/** The first rule that keeps `userId`, acting through `actor`'s grants, from deciding the stage; none when they may. */
function refusalAs(
  userId: string,
  actor: Actor,
  s: OpenStageStanding,
  standingInForAssignee: boolean,
): DecideRefusal | undefined {
  if (userId === s.subject.requesterId) return 'own_request';
  if (s.subject.decidedStages.some((d) => d.userId === userId && d.stage !== s.planned.name))
    return 'decided_other_stage';
  if (decidingRolesOf(actor, s.planned, s.escalationLevel, s.subject).length === 0)
    return 'not_stage_reviewer';
  if (!standingInForAssignee) {
    const escalated = s.planned.escalations.slice(0, s.escalationLevel).map((e) => e.role);
    try {
      assertIsAssignee({ ...actor, userId }, s.assigneeUserId ?? undefined, escalated);
    } catch (e) {
      if (e instanceof DomainError) return 'reassigned';
      throw e;
    }
  }
  return undefined;
}

/**
 * Whether `user` may decide the open stage now, in their own right or standing in for someone (then on whose
 * behalf): the rules of the review workflow's validator (segregation of duties, role and scope, the assignee after
 * a reassignment), with a stand-in taking a stage reassigned to the one they stand in for. The inbox lists what
 * this allows and the request's page offers a decision form only where it allows one, so both say the same.
 */
export function mayDecideNow(
  user: Actor,
  standIns: ReadonlyMap<string, StandIn>,
  s: OpenStageStanding,
): MayDecideNow {
  const covers = (d: StandIn) => d.kind === null || d.kind === s.kind;
  const own = refusalAs(user.userId, user, s, false);
  if (s.assigneeUserId && standIns.has(s.assigneeUserId)) {
    // Reassigned to someone I stand in for: mine, on their behalf.
    const d = standIns.get(s.assigneeUserId)!;
    if (covers(d) && refusalAs(user.userId, user, s, true) === undefined)
      return { may: true, onBehalfOfId: s.assigneeUserId };
  } else if (own !== undefined) {
    for (const [id, d] of standIns) {
      if (covers(d) && refusalAs(user.userId, { userId: id, grants: d.actor.grants }, s, false) === undefined)
        return { may: true, onBehalfOfId: id };
    }
  }
  return own === undefined ? { may: true, onBehalfOfId: null } : { may: false, reason: own };
}
