import { DomainError } from '@domain/errors';
import type { CallOffTerms } from '@domain/decision-input';
import type { Actor, DecisionSubject, RoleGrant } from '@domain/decision-rules';
import type { Role } from '@domain/enums';
import type { CallOffInput, HireInput } from '@domain/request-input';
import type { NewPeriod, ReviewPeriod } from '@domain/review-periods';

/**
 * Small builders for the pure domain tests: each returns a valid value that a test changes only where the
 * rule under test looks. Dates are chosen around TODAY, the Stockholm submission date the tests pass in.
 */
export const TODAY = '2026-06-01';

/** The demo organisation's shape, with fixed ids: two divisions, a unit in each. */
export const SOMATIK = '7a0c6b2e-1d3f-4e5a-8b9c-0d1e2f3a4b5c';
export const AKUTEN = '9b1d7c3f-2e4a-4f6b-9c0d-1e2f3a4b5c6d';
export const PSYKIATRI = '3c2e8d4a-3f5b-4a7c-8d1e-2f3a4b5c6d7e';
export const PSYK_AVD = '5d3f9e5b-4a6c-4b8d-9e2f-3a4b5c6d7e8f';

export function aHire(overrides: Partial<HireInput> = {}): HireInput {
  return {
    kind: 'hire',
    unitId: AKUTEN,
    occupationalCategory: 'nurse',
    justification:
      'Replaces a nurse who retires; the emergency department runs below minimum staffing at night.',
    title: 'Sjuksköterska, akutmottagningen',
    employmentForm: 'permanent',
    fte: 1,
    startDate: '2026-09-01',
    replacement: true,
    withinBudget: true,
    monthlyCostSek: 48_500,
    alternativesTried: ['internal_pool'],
    consequenceIfRejected: 'Night shifts uncovered; patient safety at risk.',
    savingsNote: 'Overtime budget reduced by the same amount.',
    ...overrides,
  };
}

/** A hire for a limited time: fixed-term, substitute and hourly employments need an end date. */
export function aFixedTermHire(overrides: Partial<HireInput> = {}): HireInput {
  return aHire({ employmentForm: 'fixed_term', endDate: '2027-02-28', replacement: false, ...overrides });
}

export function aCallOff(overrides: Partial<CallOffInput> = {}): CallOffInput {
  return {
    kind: 'agency_call_off',
    unitId: AKUTEN,
    occupationalCategory: 'physician',
    justification: 'Two of five specialists on sick leave over the summer.',
    supplier: 'Exempel Bemanning AB',
    frameworkAgreement: 'RAM-2025-017',
    periodFrom: '2026-06-15',
    periodTo: '2026-08-15',
    extentHours: 320,
    estimatedCostSek: 640_000,
    reason: 'sick_leave',
    alternativesTried: ['internal_pool', 'overtime'],
    urgent: false,
    ...overrides,
  };
}

/** A copy of `body` without the named fields, as a client that left them out would send it. */
export function without(body: object, ...fields: string[]): Record<string, unknown> {
  const copy = { ...body } as Record<string, unknown>;
  for (const field of fields) delete copy[field];
  return copy;
}

export function aGrant(role: Role, scopeUnitId: string | null = SOMATIK): RoleGrant {
  return { role, scopeUnitId };
}

export function anActor(userId: string, ...grants: RoleGrant[]): Actor {
  return { userId, grants };
}

/** A request at Akutmottagningen (division Somatik), submitted by chef.akuten, nobody having decided yet. */
export function aDecisionSubject(overrides: Partial<DecisionSubject> = {}): DecisionSubject {
  return { requesterId: 'chef.akuten', divisionId: SOMATIK, unitId: AKUTEN, decidedStages: [], ...overrides };
}

/** The terms of the call-off being decided, matching aCallOff(). */
export function callOffTerms(overrides: Partial<CallOffTerms> = {}): CallOffTerms {
  const { periodFrom, periodTo, estimatedCostSek } = aCallOff();
  return { periodFrom, periodTo, estimatedCostSek, ...overrides };
}

export function aNewPeriod(overrides: Partial<NewPeriod> = {}): NewPeriod {
  return {
    kind: 'agency_call_off',
    validFrom: '2026-01-01',
    validTo: '2026-03-31',
    decisionRef: 'HSN/1895/2025 §42',
    decidedBy: 'Hälso- och sjukvårdsnämnden',
    decidedOn: '2025-12-10',
    ...overrides,
  };
}

export function aReviewPeriod(overrides: Partial<ReviewPeriod> = {}): ReviewPeriod {
  return { id: 'period-1', ...aNewPeriod(), extendsId: null, ...overrides };
}

/** The DomainError `fn` throws; fails the test when it throws nothing or something else. */
export function domainErrorFrom(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
