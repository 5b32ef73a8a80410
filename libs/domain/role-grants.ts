import type { FieldProblem } from './errors';
import type { Role } from './enums';

/**
 * The rules of a role assignment, shared by the organisation import and the admin pages so both agree on what a
 * grant may be: a role needs an explicit scope (a unit, a division, or the region written out), the scope must be
 * a unit that exists, the period runs forwards, and one person holds the same role over the same scope at most once
 * on any day. Dates are 'YYYY-MM-DD' on the Stockholm calendar; null ends are open.
 */

export interface GrantPeriod {
  validFrom: string | null;
  validTo: string | null;
}

/** Two periods share a day (inclusive ends; null is open). */
export const periodsOverlap = (a: GrantPeriod, b: GrantPeriod) =>
  (a.validFrom ?? '0000-00-00') <= (b.validTo ?? '9999-12-31') &&
  (b.validFrom ?? '0000-00-00') <= (a.validTo ?? '9999-12-31');

/** Why a period is not one (it ends before it starts), or undefined. */
export function periodProblem(p: GrantPeriod): string | undefined {
  return p.validFrom && p.validTo && p.validFrom > p.validTo
    ? `ends (${p.validTo}) before it starts (${p.validFrom})`
    : undefined;
}

/** The day before `date` ('YYYY-MM-DD'). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A grant counts on `day`. */
export const inForceOn = (g: GrantPeriod, day: string) =>
  (g.validFrom === null || g.validFrom <= day) && (g.validTo === null || g.validTo >= day);

export interface ExistingGrant extends GrantPeriod {
  id: string;
  role: Role;
  scopeUnitId: string | null;
}
export interface NewGrant extends GrantPeriod {
  role: Role;
  scopeUnitId: string | null;
}
/** The scope unit as the database holds it; undefined when there is none by that id. */
export interface ScopeUnit extends GrantPeriod {
  code: string;
}

/**
 * What is wrong with granting `grant` to a person who holds `existing`, on `today`: each problem names the field
 * of the request at fault. A grant may not start in the past (that would rewrite who could decide what), nor over
 * a unit that is closed by the day it would start.
 */
export function newGrantProblems(
  grant: NewGrant,
  ctx: { scope: ScopeUnit | undefined | null; existing: ExistingGrant[]; today: string },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (grant.validFrom !== null && grant.validFrom < ctx.today)
    problems.push({ field: 'validFrom', message: `starts before today (${ctx.today})` });
  const period = periodProblem(grant);
  if (period) problems.push({ field: 'validTo', message: period });
  if (grant.scopeUnitId !== null) {
    if (!ctx.scope) problems.push({ field: 'scopeUnitId', message: 'is no unit or division' });
    else {
      const starts = grant.validFrom ?? ctx.today;
      if (ctx.scope.validTo !== null && ctx.scope.validTo < starts)
        problems.push({ field: 'scopeUnitId', message: `${ctx.scope.code} closed on ${ctx.scope.validTo}` });
      else if (grant.validTo === null && ctx.scope.validTo !== null)
        problems.push({
          field: 'validTo',
          message: `${ctx.scope.code} closes on ${ctx.scope.validTo}: the role must end by then`,
        });
      else if (grant.validTo !== null && ctx.scope.validTo !== null && grant.validTo > ctx.scope.validTo)
        problems.push({
          field: 'validTo',
          message: `${ctx.scope.code} closes on ${ctx.scope.validTo}: the role must end by then`,
        });
    }
  }
  const clash = ctx.existing.find(
    (g) => g.role === grant.role && g.scopeUnitId === grant.scopeUnitId && periodsOverlap(g, grant),
  );
  if (clash)
    problems.push({
      field: 'role',
      message: `${grant.role} over this scope is already held for an overlapping period (${clash.validFrom ?? '…'} – ${clash.validTo ?? '…'})`,
    });
  return problems;
}

/**
 * What ending `grant` on `validTo` (its last day; today when not given) does: `end` sets the new last day,
 * `remove` takes away a grant that has not begun and so never counted. Problems name the field at fault: an end
 * in the past would rewrite who could decide what, a later end would lengthen the grant, and an admin ending
 * their own admin role could lock the region out of its administration.
 */
export function endGrantPlan(
  grant: ExistingGrant & { userId: string },
  ctx: { actorId: string; today: string; validTo?: string },
): { problems: FieldProblem[]; action?: 'end' | 'remove'; validTo?: string } {
  if (grant.userId === ctx.actorId && grant.role === 'admin')
    return {
      problems: [{ field: 'assignmentId', message: 'is your own admin role: another admin must end it' }],
    };
  if (grant.validTo !== null && grant.validTo < ctx.today)
    return { problems: [{ field: 'assignmentId', message: `ended already on ${grant.validTo}` }] };
  const validTo = ctx.validTo ?? ctx.today;
  if (validTo < ctx.today)
    return { problems: [{ field: 'validTo', message: `is before today (${ctx.today})` }] };
  if (grant.validTo !== null && validTo > grant.validTo)
    return {
      problems: [{ field: 'validTo', message: `is after the role's current end (${grant.validTo})` }],
    };
  if (grant.validFrom !== null && validTo < grant.validFrom)
    return ctx.validTo === undefined
      ? { problems: [], action: 'remove' }
      : { problems: [{ field: 'validTo', message: `is before the role starts (${grant.validFrom})` }] };
  return { problems: [], action: 'end', validTo };
}

/** An admin may not deactivate themselves: the region could be left with no one to administer it. */
export function deactivationProblems(
  targetId: string,
  actorId: string,
  active: boolean | undefined,
): FieldProblem[] {
  return active === false && targetId === actorId
    ? [{ field: 'active', message: 'you cannot deactivate yourself: another admin must' }]
    : [];
}
