import { DomainError } from '@domain/errors';
import {
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
    reason: 'Patientsäkerhet',
    decisionRef: 'HSN/77/2026',
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
});
