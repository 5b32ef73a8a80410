import { addCalendarDays, stockholmDate } from './calendar';
import type { Role } from './enums';
import { DomainError } from './errors';
import { decidingLevels, type PlannedStage } from './policy';

export interface RoleGrant {
  role: Role;
  /** A division or unit id; null for the whole region. */
  scopeUnitId: string | null;
}

export interface Actor {
  userId: string;
  grants: RoleGrant[];
}

/** What the rules need to know about the request being decided. */
export interface DecisionSubject {
  requesterId: string;
  divisionId: string;
  unitId: string;
  /** Who decided which stage so far: nobody decides two stages of one request. */
  decidedStages: { stage: string; userId: string }[];
}

function grantCovers(grant: RoleGrant, role: Role, scope: 'division' | 'region', subject: DecisionSubject) {
  if (grant.role !== role) return false;
  if (grant.scopeUnitId === null) return true;
  return (
    scope === 'division' && (grant.scopeUnitId === subject.divisionId || grant.scopeUnitId === subject.unitId)
  );
}

/** The roles through which `actor` may decide this stage now; empty when they may not. */
export function decidingRolesOf(
  actor: Actor,
  stage: PlannedStage,
  escalationLevel: number,
  subject: DecisionSubject,
) {
  return decidingLevels(stage, escalationLevel)
    .filter((level) => actor.grants.some((g) => grantCovers(g, level.role, level.scope, subject)))
    .map((level) => level.role);
}

/** Throws `not_allowed` unless the actor holds the stage's role and scope and segregation of duties holds. */
export function assertMayDecide(
  actor: Actor,
  stage: PlannedStage,
  escalationLevel: number,
  subject: DecisionSubject,
): void {
  if (actor.userId === subject.requesterId) {
    throw new DomainError('not_allowed', 'Nobody may decide on a request they submitted');
  }
  const other = subject.decidedStages.find((d) => d.userId === actor.userId && d.stage !== stage.name);
  if (other) {
    throw new DomainError('not_allowed', `Already decided the ${other.stage} stage of this request`);
  }
  if (decidingRolesOf(actor, stage, escalationLevel, subject).length === 0) {
    const roles = decidingLevels(stage, escalationLevel).map((l) => l.role);
    throw new DomainError(
      'not_allowed',
      `The ${stage.name} stage is decided by ${roles.join(' or ')} with scope over the request's division`,
    );
  }
}

/** A final approval's last valid day: 90 days for a hire, the (possibly shortened) period for a call-off. */
export function approvalValidUntil(
  decidedAt: Date,
  hireValidDays: number,
  callOff?: { periodTo: string; approvedPeriodTo?: string },
): string {
  if (callOff) return callOff.approvedPeriodTo ?? callOff.periodTo;
  return addCalendarDays(stockholmDate(decidedAt), hireValidDays);
}

/**
 * Who may move an open stage to another reviewer: the HR lead (region-wide) and the division's director.
 * The new assignee must be able to decide the stage themselves, segregation of duties included.
 */
export function assertMayReassign(
  actor: Actor,
  target: Actor,
  stage: PlannedStage,
  escalationLevel: number,
  subject: DecisionSubject,
): void {
  const mayReassign = actor.grants.some(
    (g) =>
      (g.role === 'hr_lead' && g.scopeUnitId === null) ||
      (g.role === 'director' && (g.scopeUnitId === null || g.scopeUnitId === subject.divisionId)),
  );
  if (!mayReassign) {
    throw new DomainError('not_allowed', "Only the HR lead or the division's director may reassign a stage");
  }
  try {
    assertMayDecide(target, stage, escalationLevel, subject);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    throw new DomainError('unprocessable', `The new assignee cannot take this stage: ${e.message}`, [
      { field: 'userId', message: e.message },
    ]);
  }
}

/** After a reassignment only the assignee decides, unless the stage has escalated past its own role. */
export function assertIsAssignee(
  actor: Actor,
  assigneeUserId: string | undefined,
  escalatedRoles: Role[],
): void {
  if (!assigneeUserId || actor.userId === assigneeUserId) return;
  if (actor.grants.some((g) => escalatedRoles.includes(g.role))) return;
  throw new DomainError('not_allowed', 'This stage has been reassigned to another reviewer');
}
