import fc from 'fast-check';
import { parseDecisionInput } from '@domain/decision-input';
import { DomainError } from '@domain/errors';
import { parseRequestInput } from '@domain/request-input';
import { aCallOffBody, aHireBody } from '../support/http-fixtures';

/**
 * The validators at the API's edge, fed anything a client can send as JSON: either the body passes and what comes
 * out survives a JSON round trip unchanged (so the stored payload is what was validated), or a DomainError
 * `validation_failed` (the API's 400) names at least one field, and only fields that exist in the schema or in
 * the body. Nothing else may happen: no other exception, no silent coercion.
 */
const TODAY = '2026-11-23';
const UNIT = '5b0e6c39-5a83-4a8e-9d0c-2f1a4c3e8b7d';
const RUNS = { numRuns: 400 };

const HIRE_FIELDS = Object.keys(aHireBody(UNIT));
const CALL_OFF_FIELDS = Object.keys(aCallOffBody(UNIT));
const DECISION_FIELDS = ['outcome', 'stage', 'comment', 'conditions', 'approvedPeriodTo', 'approvedCostSek'];
/** A change to one field may make a rule spanning two fail on the other one. */
const PARTNERS: Record<string, string[]> = {
  startDate: ['endDate'],
  employmentForm: ['endDate'],
  periodFrom: ['periodTo'],
  periodTo: ['periodFrom'],
};

function outcomeOf(parse: () => unknown): { ok: unknown } | { fields: string[] } {
  try {
    return { ok: parse() };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    expect(e.code).toBe('validation_failed');
    expect(e.fields.length).toBeGreaterThan(0);
    return { fields: e.fields.map((f) => f.field) };
  }
}

/** Top-level name of a reported field: `alternativesTried.0` → `alternativesTried` (an unknown key may hold dots). */
const topOf = (field: string) => field.split('.')[0];

const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Objects that look like bodies: known keys with any values, and some unknown ones. */
const bodyLike = (fields: string[]) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 })), anyJson, { maxKeys: 12 });

describe('parseRequestInput on any JSON', () => {
  it('passes and round-trips, or names fields that exist', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, bodyLike([...HIRE_FIELDS, ...CALL_OFF_FIELDS])), (body) => {
        const result = outcomeOf(() => parseRequestInput(body, TODAY));
        if ('ok' in result) {
          expect(parseRequestInput(JSON.parse(JSON.stringify(result.ok)), TODAY)).toEqual(result.ok);
          return;
        }
        const known = new Set([
          '(body)',
          ...HIRE_FIELDS,
          ...CALL_OFF_FIELDS,
          ...(body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : []),
        ]);
        for (const field of result.fields) {
          expect([
            field,
            known.has(field) || known.has(topOf(field)) || field.endsWith('(empty field name)'),
          ]).toEqual([field, true]);
        }
      }),
      RUNS,
    );
  });

  it.each([
    ['hire', aHireBody(UNIT)],
    ['agency call-off', aCallOffBody(UNIT)],
  ])('names the field when one field of a valid %s is replaced by any JSON', (_, valid) => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(valid)), anyJson, (field, value) => {
        const body = { ...valid, [field]: value };
        const result = outcomeOf(() => parseRequestInput(body, TODAY));
        if ('ok' in result) {
          expect(JSON.parse(JSON.stringify(result.ok))).toEqual(result.ok);
          return;
        }
        const allowed = new Set([field, ...(PARTNERS[field] ?? [])]);
        // Changing the kind makes it the other kind's body: its own fields are then the unknown ones.
        if (field === 'kind') expect(result.fields.length).toBeGreaterThan(0);
        else expect(result.fields.map(topOf).filter((f) => !allowed.has(f))).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('parseDecisionInput on any JSON', () => {
  const callOff = { periodFrom: '2031-06-15', periodTo: '2031-08-15', estimatedCostSek: 450_000 };

  it('passes and round-trips, or names fields that exist', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, bodyLike(DECISION_FIELDS)), fc.boolean(), (body, isCallOff) => {
        const terms = isCallOff ? callOff : undefined;
        const result = outcomeOf(() => parseDecisionInput(body, terms));
        if ('ok' in result) {
          expect(parseDecisionInput(JSON.parse(JSON.stringify(result.ok)), terms)).toEqual(result.ok);
          return;
        }
        const known = new Set([
          '(body)',
          ...DECISION_FIELDS,
          ...(body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : []),
        ]);
        for (const field of result.fields) {
          expect([
            field,
            known.has(field) || known.has(topOf(field)) || field.endsWith('(empty field name)'),
          ]).toEqual([field, true]);
        }
      }),
      RUNS,
    );
  });
});
