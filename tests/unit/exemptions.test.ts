import { DomainError } from '@domain/errors';
import type { Actor } from '@domain/decision-rules';
import {
  assertMayRevokeExemption,
  exemptionCovers,
  parseNewExemption,
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
  decisionRef: 'HSN/77/2026',
  revokedAt: null,
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

describe('exemptionCovers', () => {
  it('covers a request of its kind, scope, category and cost on a date within its validity', () => {
    expect(exemptionCovers(anExemption(), aSubject())).toBe(true);
    expect(exemptionCovers(anExemption({ scopeUnitId: UNIT }), aSubject())).toBe(true);
  });

  it.each<[string, Partial<Exemption>, Partial<ExemptionSubject>]>([
    ['another kind', {}, { kind: 'hire' }],
    ['another division', { scopeUnitId: OTHER }, {}],
    ['another category', {}, { occupationalCategory: 'nurse' }],
    ['a cost above the ceiling', {}, { costSek: 500_001 }],
    ['a date before it starts', {}, { date: '2026-05-31' }],
    ['a date after it ends', {}, { date: '2026-09-01' }],
    ['a revoked exemption', { revokedAt: '2026-06-15T10:00:00Z' }, {}],
  ])('does not cover %s', (_, exemption, subject) => {
    expect(exemptionCovers(anExemption(exemption), aSubject(subject))).toBe(false);
  });

  it('covers every category when none is listed, and any cost without a ceiling', () => {
    const open = anExemption({ occupationalCategories: [], costCeilingSek: null });
    expect(exemptionCovers(open, aSubject({ occupationalCategory: 'nurse', costSek: 9_000_000 }))).toBe(true);
  });
});

describe('parseNewExemption', () => {
  const body = {
    scopeUnitId: DIVISION,
    kind: 'hire',
    validFrom: '2026-06-01',
    validTo: '2026-08-31',
    costCeilingSek: 500_000,
    reason: 'Patientsäkerhet',
    decisionRef: 'HSN/77/2026',
  };
  const fieldsOf = (input: unknown) => {
    try {
      parseNewExemption(input);
    } catch (e) {
      if (e instanceof DomainError) return e.fields;
      throw e;
    }
    throw new Error('expected a DomainError');
  };

  it('defaults to every category', () => {
    expect(parseNewExemption(body).occupationalCategories).toEqual([]);
  });

  it('names each bad field', () => {
    try {
      parseNewExemption({ ...body, kind: 'x', costCeilingSek: -1, validTo: '2026-02-30', extra: 1 });
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).fields.map((f) => f.field).sort()).toEqual([
        'costCeilingSek',
        'extra',
        'kind',
        'validTo',
      ]);
    }
  });

  it('refuses an end before the start', () => {
    expect(() => parseNewExemption({ ...body, validTo: '2026-05-01' })).toThrow(DomainError);
  });

  it('requires an end date and a cost ceiling', () => {
    const { validTo: _v, costCeilingSek: _c, ...open } = body;
    expect(fieldsOf(open)).toEqual(
      expect.arrayContaining([
        { field: 'validTo', message: 'is required' },
        { field: 'costCeilingSek', message: 'is required' },
      ]),
    );
    expect(fieldsOf({ ...body, costCeilingSek: null }).map((f) => f.field)).toEqual(['costCeilingSek']);
  });

  it('runs at most 12 months: to the same day a year on, not a day longer', () => {
    expect(parseNewExemption({ ...body, validTo: '2027-06-01' }).validTo).toBe('2027-06-01');
    expect(fieldsOf({ ...body, validTo: '2027-06-02' })).toEqual([
      { field: 'validTo', message: 'must be at most 12 months after validFrom' },
    ]);
    expect(parseNewExemption({ ...body, validFrom: '2028-02-29', validTo: '2029-02-28' }).validTo).toBe(
      '2029-02-28',
    );
  });
});

describe('assertMayRevokeExemption', () => {
  const director = (id: string): Actor => ({
    userId: id,
    grants: [{ role: 'director', scopeUnitId: DIVISION }],
  });
  const executive: Actor = { userId: 'exec', grants: [{ role: 'executive', scopeUnitId: null }] };
  const admin: Actor = { userId: 'admin', grants: [{ role: 'admin', scopeUnitId: null }] };

  it('lets the executive and the admin revoke any exemption', () => {
    for (const revoker of [executive, admin]) {
      expect(() => assertMayRevokeExemption(revoker, executive)).not.toThrow();
      expect(() => assertMayRevokeExemption(revoker, director('d1'))).not.toThrow();
      expect(() => assertMayRevokeExemption(revoker, null)).not.toThrow();
    }
  });

  it('lets a director revoke one a director granted', () => {
    expect(() => assertMayRevokeExemption(director('d2'), director('d1'))).not.toThrow();
  });

  it('refuses a director one the executive or admin granted, or whose granter is unknown (403)', () => {
    for (const granter of [executive, admin, null]) {
      try {
        assertMayRevokeExemption(director('d1'), granter);
        throw new Error('expected a DomainError');
      } catch (e) {
        expect((e as DomainError).code).toBe('not_allowed');
      }
    }
  });
});
