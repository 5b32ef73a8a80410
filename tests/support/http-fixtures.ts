import type { Response } from 'supertest';
import type { CallOffInput, HireInput } from '@domain/request-input';
import type { NewPeriod } from '@domain/review-periods';
import type { TestApp } from './app';

/**
 * Small builders for the integration tests: request bodies as a client would send them over HTTP, and the
 * calls every file needs first (a token, a review period, the demo organisation's unit ids). Overrides may name
 * fields the API does not know, or set one to `undefined` to leave it out, so tests can send bad input too.
 */

/** The Authorization header of `username`, signed in through the dev login. */
export async function bearer(t: TestApp, username: string): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await t.token(username)}` };
}

/** The demo organisation's unit ids by code, e.g. `SOM`, `SOM-AKUT`, `PSY-VUX`. */
export async function unitIdsByCode(t: TestApp): Promise<Map<string, string>> {
  const rows: { id: string; code: string }[] = await t.db.dataSource.query(`SELECT id, code FROM org_units`);
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** A valid fixed-term replacement hire at `unitId`: routed through HR review and the director only. */
export function aHireBody(unitId: string, overrides: Partial<HireInput> & Record<string, unknown> = {}) {
  return {
    kind: 'hire',
    unitId,
    occupationalCategory: 'nurse',
    justification: 'Ersätter sjuksköterska som slutat; bemanningen under miniminivå.',
    title: 'Sjuksköterska akutmottagning',
    employmentForm: 'fixed_term',
    fte: 1,
    startDate: '2031-02-01',
    endDate: '2031-08-31',
    replacement: true,
    withinBudget: true,
    monthlyCostSek: 48_000,
    alternativesTried: ['internal_pool'],
    consequenceIfRejected: 'Patientsäkerheten på natten',
    savingsNote: 'Vakansen finansierar tjänsten',
    ...overrides,
  };
}

/** A valid, not urgent, agency call-off of a physician at `unitId`, in the future. */
export function aCallOffBody(
  unitId: string,
  overrides: Partial<CallOffInput> & Record<string, unknown> = {},
) {
  return {
    kind: 'agency_call_off',
    unitId,
    occupationalCategory: 'physician',
    justification: 'Vakans under sommaren',
    supplier: 'Läkarbemanning AB',
    frameworkAgreement: 'RA-2024-17',
    periodFrom: '2031-06-15',
    periodTo: '2031-08-15',
    extentHours: 320,
    estimatedCostSek: 450_000,
    reason: 'holiday_season',
    alternativesTried: ['internal_pool', 'overtime'],
    urgent: false,
    ...overrides,
  };
}

/** The body of a board decision to review requests of `kind` from `validFrom` to `validTo`. */
export function aReviewPeriodBody(
  kind: string,
  validFrom = '2020-01-01',
  validTo = '2099-12-31',
  overrides: Partial<NewPeriod> & Record<string, unknown> = {},
) {
  return {
    kind,
    validFrom,
    validTo,
    decisionRef: 'HSN/1895/2025',
    decidedBy: 'Hälso- och sjukvårdsnämnden',
    decidedOn: '2025-12-01',
    ...overrides,
  };
}

/**
 * Records a review period as `admin` through `POST /api/v1/review-periods` (by default one covering every date a
 * test submits on) and answers the API's response, so the caller asserts on its status.
 */
export async function openReviewPeriod(
  t: TestApp,
  kind: string,
  validFrom = '2020-01-01',
  validTo = '2099-12-31',
  overrides: Partial<NewPeriod> & Record<string, unknown> = {},
): Promise<Response> {
  return t.http
    .post('/api/v1/review-periods')
    .set(await bearer(t, 'admin'))
    .send(aReviewPeriodBody(kind, validFrom, validTo, overrides));
}
