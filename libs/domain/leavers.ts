import type { RoleGrant } from './decision-rules';
import { DomainError } from './errors';
import type { RequestKind, RequestStatus, Role } from './enums';
import { decidingLevels, type RoutingPolicy, type StageName } from './policy';
import { isOpen } from './review-state';

/**
 * When people leave or lose a role, nothing they held may stay stuck (issue 18, item 4). These rules say what is
 * stuck; the API's reconciler (LeaversService.settle) asks them about what the database holds and hands the work
 * on. A delegation is not a way to keep work: a deactivated or role-less assignee's stage goes back to its pool.
 */

/** A person as the record holds them today: active or not, and the grants valid today (Stockholm). */
export interface PersonToday {
  active: boolean;
  grants: RoleGrant[];
}

/** An open stage that was reassigned to one person. */
export interface AssignedStage {
  policyVersion: number;
  kind: RequestKind;
  name: StageName;
  escalationLevel: number;
  divisionId: string;
  unitId: string;
}

/** Whether a grant of `role` covers a level of `scope` on a request of this division and unit. */
function covers(
  grant: RoleGrant,
  role: Role,
  scope: 'division' | 'region',
  at: { divisionId: string; unitId: string },
) {
  if (grant.role !== role) return false;
  if (grant.scopeUnitId === null) return true;
  return scope === 'division' && (grant.scopeUnitId === at.divisionId || grant.scopeUnitId === at.unitId);
}

/**
 * Whether the person a stage was reassigned to may still decide it: active and holding, today, the role of one of
 * the levels that may decide it now (the stage's own and those it escalated to), over the request's division.
 */
export function assigneeMayStillAct(
  stage: AssignedStage,
  assignee: PersonToday,
  policy: RoutingPolicy,
): boolean {
  if (!assignee.active) return false;
  const planned = policy.routes[stage.kind].find((s) => s.name === stage.name);
  // A stage the policy no longer names cannot be judged here; leave it with its assignee rather than guess.
  if (!planned) return true;
  return decidingLevels(planned, stage.escalationLevel).some((level) =>
    assignee.grants.some((g) => covers(g, level.role, level.scope, stage)),
  );
}

/** Whether the person holds a requester grant today over the unit (directly, by its division, or region-wide). */
export function mayRequestFor(unit: { unitId: string; divisionId: string }, person: PersonToday): boolean {
  return (
    person.active &&
    person.grants.some(
      (g) =>
        g.role === 'requester' &&
        (g.scopeUnitId === null || g.scopeUnitId === unit.unitId || g.scopeUnitId === unit.divisionId),
    )
  );
}

/** An open request whose requester can no longer resubmit or withdraw it needs a new requester. */
export function needsNewRequester(
  request: { status: RequestStatus; unitId: string; divisionId: string },
  requester: PersonToday,
): boolean {
  return isOpen(request.status) && !mayRequestFor(request, requester);
}

/**
 * Throws unless `candidate` may take over the request: an active requester of its unit (or division) today, not
 * its requester already, and nobody who decided one of its stages or holds its open stage (nobody decides their own
 * request, so the stage would be stuck with them). The problem
 * names `userId`, the field of the HR lead's choice.
 */
export function assertMayBecomeRequester(
  request: {
    unitId: string;
    divisionId: string;
    requesterId: string;
    decidedBy: string[];
    /** Whom its open stage is reassigned to, if anyone: they would be left unable to decide it. */
    assigneeUserId?: string | null;
  },
  candidate: PersonToday & { userId: string },
): void {
  const refuse = (message: string) =>
    new DomainError('unprocessable', `The new requester cannot take this request: ${message}`, [
      { field: 'userId', message },
    ]);
  if (candidate.userId === request.requesterId) throw refuse('is already its requester');
  if (!mayRequestFor(request, candidate)) throw refuse("holds no requester role over the request's unit");
  if (request.decidedBy.includes(candidate.userId)) throw refuse('decided a stage of this request');
  if (request.assigneeUserId === candidate.userId) throw refuse('holds the open stage of this request');
}

/** Whether `candidate` may be offered as the new requester (assertMayBecomeRequester without the reason). */
export function mayBecomeRequester(
  request: Parameters<typeof assertMayBecomeRequester>[0],
  candidate: Parameters<typeof assertMayBecomeRequester>[1],
): boolean {
  try {
    assertMayBecomeRequester(request, candidate);
    return true;
  } catch (e) {
    if (e instanceof DomainError) return false;
    throw e;
  }
}
