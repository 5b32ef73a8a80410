import { DomainError } from '@domain/errors';
import type { Actor } from '@domain/decision-rules';
import type { ReviewPeriod } from '@domain/review-periods';
import {
  exemptionCovers,
  exemptionStatus,
  mayRecordExemption,
  parseNewExemption,
  parseRevocation,
  regimeEnd,
  type Exemption,
  type ExemptionSubject,
} from '@domain/exemptions';

const DIVISION = '11111111-1111-4111-8111-111111111111';
const UNIT = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';

const anExemption = (overrides: Partial<Exemption> = {}): Exemption => ({
  id: 'e1',
  scopeUnitId: DIVISION,
  kind: 'agency_call_off',
  occupationalCategories: ['physician'],
  validFrom: '2026-06-01',
  validTo: '2026-08-31',
  costCeilingSek: 500_000,
  reason: 'Sommarbemanning akuten',
  decisionBody: 'Hälso- och sjukvårdsnämnden',
  decisionRef: 'HSN/77/2026 § 12',
  decidedOn: '2026-05-20',
  revokedOn: null,
  ...overrides,
});

const aSubject = (overrides: Partial<ExemptionSubject> = {}): ExemptionSubject => ({
  kind: 'agency_call_off',
  unitId: UNIT,
  divisionId: DIVISION,
  occupationalCategory: 'physician',
  costSek: 400_000,
  date: '2026-07-01',
  ...overrides,
});

const aPeriod = (overrides: Partial<ReviewPeriod> = {}): ReviewPeriod => ({
  id: 'p1',
  kind: 'agency_call_off',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  decisionRef: 'HSN/1/2026',
  decidedBy: 'Hälso- och sjukvårdsnämnden',
  decidedOn: '2025-12-10',
  extendsId: null,
  ...overrides,
});

const fieldsOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e.fields;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('exemptionCovers', () => {
  it('covers a request of its kind, scope, category and cost on a date within its validity', () => {
    expect(exemptionCovers(anExemption(), aSubject())).toBe(true);
    expect(exemptionCovers(anExemption({ scopeUnitId: UNIT }), aSubject())).toBe(true);
    expect(exemptionCovers(anExemption(), aSubject({ costSek: 500_000 }))).toBe(true);
  });

  it.each<[string, Partial<Exemption>, Partial<ExemptionSubject>]>([
    ['another kind', {}, { kind: 'hire' }],
    ['another division', { scopeUnitId: OTHER }, {}],
    ['another category', {}, { occupationalCategory: 'nurse' }],
    ['a cost above the ceiling (it goes to review)', {}, { costSek: 500_001 }],
    ['a date before it starts', {}, { date: '2026-05-31' }],
    ['a date after it ends', {}, { date: '2026-09-01' }],
    ['a date from its revocation on', { revokedOn: '2026-07-01' }, {}],
    [
      'any request when it has no ceiling (a migrated, incomplete one)',
      { costCeilingSek: null },
      { costSek: 1 },
    ],
  ])('does not cover %s', (_, exemption, subject) => {
    expect(exemptionCovers(anExemption(exemption), aSubject(subject))).toBe(false);
  });

  it('still covers the days before a revocation takes effect', () => {
    expect(exemptionCovers(anExemption({ revokedOn: '2026-07-02' }), aSubject())).toBe(true);
  });

  it('covers every category when none is listed', () => {
    const open = anExemption({ occupationalCategories: [] });
    expect(exemptionCovers(open, aSubject({ occupationalCategory: 'nurse' }))).toBe(true);
  });
});

describe('regimeEnd', () => {
  it('is the end of the period in force, followed through its recorded extensions', () => {
    const extension = aPeriod({ id: 'p2', validFrom: '2027-01-01', validTo: '2027-06-30', extendsId: 'p1' });
    const again = aPeriod({ id: 'p3', validFrom: '2027-07-01', validTo: '2027-12-31', extendsId: 'p2' });
    expect(regimeEnd([aPeriod()], 'agency_call_off', '2026-06-01')).toBe('2026-12-31');
    expect(regimeEnd([again, aPeriod(), extension], 'agency_call_off', '2026-06-01')).toBe('2027-12-31');
    expect(regimeEnd([aPeriod(), extension], 'agency_call_off', '2027-02-01')).toBe('2027-06-30');
  });

  it('is undefined when no period of the kind is in force that day; a later unrelated period is not followed', () => {
    const later = aPeriod({ id: 'p9', validFrom: '2027-01-01', validTo: '2027-12-31' });
    expect(regimeEnd([aPeriod()], 'hire', '2026-06-01')).toBeUndefined();
    expect(regimeEnd([aPeriod()], 'agency_call_off', '2025-12-31')).toBeUndefined();
    expect(regimeEnd([aPeriod(), later], 'agency_call_off', '2026-06-01')).toBe('2026-12-31');
  });
});

describe('parseNewExemption', () => {
  const TODAY = '2026-05-25';
  const body = {
    scopeUnitId: DIVISION,
    kind: 'agency_call_off',
    validFrom: '2026-06-01',
    validTo: '2026-08-31',
    costCeilingSek: 500_000,
    reason: 'Patientsäkerhet',
    decisionBody: 'Hälso- och sjukvårdsnämnden',
    decisionRef: 'HSN/77/2026 § 12',
    decidedOn: '2026-05-20',
  };
  const parse = (input: unknown, periods = [aPeriod()]) => parseNewExemption(input, periods, TODAY);

  it('takes a decision with body, reference and date, and defaults to every category', () => {
    expect(parse(body)).toMatchObject({
      occupationalCategories: [],
      decisionBody: 'Hälso- och sjukvårdsnämnden',
    });
  });

  it('names each bad field', () => {
    expect(
      fieldsOf(() => parse({ ...body, kind: 'x', costCeilingSek: -1, validTo: '2026-02-30', extra: 1 }))
        .map((f) => f.field)
        .sort(),
    ).toEqual(['costCeilingSek', 'extra', 'kind', 'validTo']);
  });

  it('requires the decision behind it, an end date and a cost ceiling', () => {
    const {
      validTo: _v,
      costCeilingSek: _c,
      decisionBody: _b,
      decidedOn: _d,
      decisionRef: _r,
      ...open
    } = body;
    expect(
      fieldsOf(() => parse(open))
        .map((f) => f.field)
        .sort(),
    ).toEqual(['costCeilingSek', 'decidedOn', 'decisionBody', 'decisionRef', 'validTo']);
    expect(fieldsOf(() => parse({ ...body, costCeilingSek: null })).map((f) => f.field)).toEqual([
      'costCeilingSek',
    ]);
    expect(fieldsOf(() => parse({ ...body, decisionBody: '  ' })).map((f) => f.field)).toEqual([
      'decisionBody',
    ]);
  });

  it('refuses a decision dated after today, a start before the decision and an end before the start', () => {
    expect(fieldsOf(() => parse({ ...body, decidedOn: '2026-05-26' }))).toEqual([
      { field: 'decidedOn', message: 'must not be after today' },
    ]);
    expect(fieldsOf(() => parse({ ...body, validFrom: '2026-05-19' }))).toEqual([
      { field: 'validFrom', message: 'must not be before decidedOn' },
    ]);
    expect(fieldsOf(() => parse({ ...body, validTo: '2026-05-31' }))).toEqual([
      { field: 'validTo', message: 'must not be before validFrom' },
    ]);
  });

  it('ends no later than the review period in force on its first day, extensions included, and needs one', () => {
    expect(parse({ ...body, validTo: '2026-12-31' }).validTo).toBe('2026-12-31');
    expect(fieldsOf(() => parse({ ...body, validTo: '2027-01-01' }))).toEqual([
      { field: 'validTo', message: 'must be on or before 2026-12-31, when the review period ends' },
    ]);
    const extended = [
      aPeriod(),
      aPeriod({ id: 'p2', validFrom: '2027-01-01', validTo: '2027-03-31', extendsId: 'p1' }),
    ];
    expect(parse({ ...body, validTo: '2027-03-31' }, extended).validTo).toBe('2027-03-31');
    expect(fieldsOf(() => parse(body, []))).toEqual([
      { field: 'validFrom', message: 'no review period of kind agency_call_off is in force on this day' },
    ]);
  });
});

describe('parseRevocation', () => {
  const TODAY = '2026-07-01';
  it('ends the exemption from today or a later day with a reason', () => {
    expect(parseRevocation({ reason: 'Nytt beslut', revokedOn: TODAY }, anExemption(), TODAY)).toEqual({
      reason: 'Nytt beslut',
      revokedOn: TODAY,
    });
    expect(parseRevocation({ reason: 'x', revokedOn: '2026-09-01' }, anExemption(), TODAY).revokedOn).toBe(
      '2026-09-01',
    );
  });

  it('refuses a past date (exempted requests stay so), a date after it ends, and no reason', () => {
    expect(
      fieldsOf(() => parseRevocation({ reason: 'x', revokedOn: '2026-06-30' }, anExemption(), TODAY)),
    ).toEqual([{ field: 'revokedOn', message: 'must not be before today' }]);
    expect(
      fieldsOf(() => parseRevocation({ reason: 'x', revokedOn: '2026-09-02' }, anExemption(), TODAY))[0]
        .field,
    ).toBe('revokedOn');
    expect(fieldsOf(() => parseRevocation({ revokedOn: TODAY }, anExemption(), TODAY))[0].field).toBe(
      'reason',
    );
  });

  it('refuses revoking twice (409)', () => {
    expect(() =>
      parseRevocation({ reason: 'x', revokedOn: TODAY }, anExemption({ revokedOn: TODAY }), TODAY),
    ).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
});

describe('exemptionStatus', () => {
  it.each<[Partial<Exemption>, string, string]>([
    [{}, '2026-05-31', 'upcoming'],
    [{}, '2026-06-01', 'active'],
    [{}, '2026-09-01', 'ended'],
    [{ revokedOn: '2026-07-01' }, '2026-06-30', 'active'],
    [{ revokedOn: '2026-07-01' }, '2026-07-01', 'revoked'],
    [{ costCeilingSek: null }, '2026-07-01', 'incomplete'],
  ])('%o on %s is %s', (overrides, today, status) => {
    expect(exemptionStatus(anExemption(overrides), today)).toBe(status);
  });
});

describe('mayRecordExemption', () => {
  const as = (role: Actor['grants'][number]['role'], scopeUnitId: string | null = null): Actor => ({
    userId: role,
    grants: [{ role, scopeUnitId }],
  });
  it('lets the executive and the admin record and revoke, and no director or other role', () => {
    expect(mayRecordExemption(as('executive'))).toBe(true);
    expect(mayRecordExemption(as('admin'))).toBe(true);
    for (const role of ['director', 'hr_lead', 'hr_reviewer', 'requester'] as const) {
      expect(mayRecordExemption(as(role, DIVISION))).toBe(false);
    }
  });
});
