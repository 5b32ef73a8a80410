import { addCalendarDays, stockholmDate } from './calendar';
import type { ReviewerRole, Role } from './enums';
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
 * How far up the line each reviewing role stands. A reassigner answers for the stages at or below their own
 * level, so nobody moves a stage someone above them decides.
 */
const REVIEW_LEVEL: Record<ReviewerRole, number> = { hr_reviewer: 0, hr_lead: 1, director: 2, executive: 3 };

/** Whose grant lets them reassign stages of this request at all: a region-wide HR lead, the division's director. */
function leadsRequest(
  grant: RoleGrant,
  subject: DecisionSubject,
): grant is RoleGrant & { role: 'hr_lead' | 'director' } {
  return (
    (grant.role === 'hr_lead' && grant.scopeUnitId === null) ||
    (grant.role === 'director' && (grant.scopeUnitId === null || grant.scopeUnitId === subject.divisionId))
  );
}

/**
 * The roles through which `actor` may move this stage: the region-wide HR lead the HR stages, the division's
 * director the HR stages and the director's stage. A stage is theirs only while every role that may decide it now
 * (the stage's own and those it has escalated to) stands at or below them: the executive's stage, or a director's
 * stage escalated to the executive, is the executive's alone.
 */
export function reassigningRolesOf(
  actor: Actor,
  stage: PlannedStage,
  escalationLevel: number,
  subject: DecisionSubject,
): ('hr_lead' | 'director')[] {
  const highest = Math.max(...decidingLevels(stage, escalationLevel).map((l) => REVIEW_LEVEL[l.role]));
  return [
    ...new Set(
      actor.grants
        .filter((g) => leadsRequest(g, subject) && REVIEW_LEVEL[g.role] >= highest)
        .map((g) => g.role as 'hr_lead' | 'director'),
    ),
  ];
}

/**
 * Who may move an open stage to another reviewer: the HR lead and the division's director, each only for the
 * stages they answer for (reassigningRolesOf). The new assignee must be able to decide the stage themselves,
 * segregation of duties included.
 */
export function assertMayReassign(
  actor: Actor,
  target: Actor,
  stage: PlannedStage,
  escalationLevel: number,
  subject: DecisionSubject,
): void {
  if (!actor.grants.some((g) => leadsRequest(g, subject))) {
    throw new DomainError('not_allowed', "Only the HR lead or the division's director may reassign a stage");
  }
  if (reassigningRolesOf(actor, stage, escalationLevel, subject).length === 0) {
    const deciders = decidingLevels(stage, escalationLevel).map((l) => l.role);
    throw new DomainError(
      'not_allowed',
      `The ${stage.name} stage is decided by ${deciders.join(' or ')}: only someone at or above that level may reassign it`,
    );
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
