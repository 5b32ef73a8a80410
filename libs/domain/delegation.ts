import { z } from 'zod';
import type { Actor, RoleGrant } from './decision-rules';
import { REQUEST_KINDS, isReviewerRole, type RequestKind } from './enums';
import { DomainError } from './errors';
import { isoDate, zodProblems } from './schema-parts';

export const newDelegationSchema = z
  .object({
    /** The absent reviewer; the caller themselves when left out. */
    delegatorId: z.string().uuid('must be a user id (uuid)').optional(),
    delegateId: z.string().uuid('must be a user id (uuid)'),
    validFrom: isoDate,
    validTo: isoDate,
    kind: z.enum(REQUEST_KINDS).optional(),
  })
  .strict();

export type NewDelegation = z.infer<typeof newDelegationSchema>;

export function parseNewDelegation(body: unknown): NewDelegation {
  const parsed = newDelegationSchema.safeParse(body);
  if (!parsed.success) {
    throw new DomainError(
      'validation_failed',
      'The delegation has invalid fields',
      zodProblems(parsed.error),
    );
  }
  if (parsed.data.validTo < parsed.data.validFrom) {
    throw new DomainError('validation_failed', 'The delegation has invalid fields', [
      { field: 'validTo', message: 'must not be before validFrom' },
    ]);
  }
  return parsed.data;
}

const covers = (holder: RoleGrant, needed: RoleGrant) =>
  holder.role === needed.role && (holder.scopeUnitId === null || holder.scopeUnitId === needed.scopeUnitId);

/**
 * Whether the delegate holds, now, the role and scope the delegated work needs. A delegation was checked when it
 * was recorded, but roles change after that: every use checks again, so a delegate who lost the role gets
 * nothing from it (no inbox items, no decisions on the delegator's behalf, no mails).
 */
export function delegateQualifiesFor(delegate: Actor, needed: RoleGrant): boolean {
  return delegate.grants.some((held) => covers(held, needed));
}

/**
 * The delegator's reviewer grants a delegation carries to the delegate today: only those the delegate still
 * covers with their own current grants (the same test as when the delegation was recorded).
 */
export function carriedGrants(delegator: Actor, delegate: Actor): RoleGrant[] {
  return delegator.grants.filter((g) => isReviewerRole(g.role) && delegateQualifiesFor(delegate, g));
}

/**
 * Who may record a delegation for an absent reviewer: the reviewer themselves, the HR lead for HR reviewers, and a
 * director for reviewers in their division. The delegate must hold every reviewer role and scope of the delegator.
 */
export function assertMayDelegate(creator: Actor, delegator: Actor, delegate: Actor): void {
  const reviewerGrants = delegator.grants.filter((g) => isReviewerRole(g.role));
  if (reviewerGrants.length === 0) {
    throw new DomainError('unprocessable', 'Only reviewers delegate their stages', [
      { field: 'delegatorId', message: 'holds no reviewer role' },
    ]);
  }
  if (delegate.userId === delegator.userId) {
    throw new DomainError('unprocessable', 'A reviewer cannot delegate to themselves', [
      { field: 'delegateId', message: 'must be someone else' },
    ]);
  }
  const isSelf = creator.userId === delegator.userId;
  const isHrLead =
    creator.grants.some((g) => g.role === 'hr_lead' && g.scopeUnitId === null) &&
    reviewerGrants.every((g) => g.role === 'hr_reviewer');
  const isDirector = reviewerGrants.every(
    (g) =>
      g.role !== 'executive' &&
      creator.grants.some(
        (c) => c.role === 'director' && (c.scopeUnitId === null || c.scopeUnitId === g.scopeUnitId),
      ),
  );
  if (!isSelf && !isHrLead && !isDirector) {
    throw new DomainError(
      'not_allowed',
      'You may record delegations only for yourself or for reviewers you lead',
    );
  }
  const missing = reviewerGrants.filter((needed) => !delegate.grants.some((held) => covers(held, needed)));
  if (missing.length > 0) {
    throw new DomainError('unprocessable', 'The delegate lacks the role or scope the stages need', [
      {
        field: 'delegateId',
        message: `must hold ${missing.map((g) => g.role).join(', ')} with the same scope`,
      },
    ]);
  }
}

export interface ActiveDelegation {
  delegatorId: string;
  delegateId: string;
  validFrom: string;
  validTo: string;
  kind: RequestKind | null;
}

/** Is the delegation in force on `date` for a request of `kind`? One level only: delegations never chain. */
export function delegationApplies(d: ActiveDelegation, date: string, kind: RequestKind): boolean {
  return d.validFrom <= date && date <= d.validTo && (d.kind === null || d.kind === kind);
}

/**
 * Whether `delegate` may stand in for `delegator`: they hold every reviewer role of the delegator over the same
 * scope (or region-wide). The rule `assertMayDelegate` enforces, for the stand-in picker to offer only such people.
 */
export function mayStandInFor(delegator: Pick<Actor, 'grants'>, delegate: Pick<Actor, 'grants'>): boolean {
  const needed = delegator.grants.filter((g) => isReviewerRole(g.role));
  return needed.length > 0 && needed.every((n) => delegate.grants.some((held) => covers(held, n)));
}
