import fc from 'fast-check';
import {
  CALL_OFF_ALTERNATIVES,
  CALL_OFF_REASONS,
  EMPLOYMENT_FORMS,
  HIRE_ALTERNATIVES,
  OCCUPATIONAL_CATEGORIES,
} from '@domain/enums';
import { DomainError } from '@domain/errors';
import {
  changedFields,
  isNewPermanentPosition,
  parseRequestInput,
  requestCostSek,
  type CallOffInput,
  type HireInput,
} from '@domain/request-input';
import { TODAY, aCallOff, aFixedTermHire, aHire, domainErrorFrom, without } from '../support/factories';

/** The field problems parseRequestInput reports for `body`, after checking it is a validation failure. */
function problemsOf(body: unknown, today = TODAY) {
  const error = domainErrorFrom(() => parseRequestInput(body, today));
  expect(error.code).toBe('validation_failed');
  expect(error.fields.length).toBeGreaterThan(0);
  return error.fields;
}
const fieldsOf = (body: unknown, today = TODAY) => problemsOf(body, today).map((p) => p.field);

function parsedHire(body: unknown): HireInput {
  const parsed = parseRequestInput(body, TODAY);
  if (parsed.kind !== 'hire') throw new Error(`expected a hire, parsed ${parsed.kind}`);
  return parsed;
}
function parsedCallOff(body: unknown): CallOffInput {
  const parsed = parseRequestInput(body, TODAY);
  if (parsed.kind !== 'agency_call_off') throw new Error(`expected a call-off, parsed ${parsed.kind}`);
  return parsed;
}
const messageFor = (body: unknown, field: string) => problemsOf(body).find((p) => p.field === field)?.message;

const HIRE_FIELDS = Object.keys(aHire()).filter((f) => f !== 'kind');
const CALL_OFF_FIELDS = Object.keys(aCallOff()).filter((f) => f !== 'kind' && f !== 'urgent');

describe('parseRequestInput: the body as a whole', () => {
  it('accepts a complete hire and returns it unchanged', () => {
    expect(parseRequestInput(aHire(), TODAY)).toEqual(aHire());
  });

  it('accepts a complete agency call-off and returns it unchanged', () => {
    expect(parseRequestInput(aCallOff(), TODAY)).toEqual(aCallOff());
  });

  it.each([
    ['null', null],
    ['a list', [aHire()]],
    ['a string', 'hire'],
    ['a number', 42],
    ['nothing', undefined],
  ])('refuses a body that is %s, naming the body itself', (_what, body) => {
    expect(problemsOf(body)).toEqual([{ field: '(body)', message: expect.any(String) }]);
  });

  it.each([
    ['missing', without(aHire(), 'kind')],
    ['unknown', { ...aHire(), kind: 'purchase' }],
    ['not a string', { ...aHire(), kind: 1 }],
  ])('refuses a kind that is %s: it must be hire or agency_call_off', (_what, body) => {
    expect(problemsOf(body)).toEqual([{ field: 'kind', message: 'must be hire or agency_call_off' }]);
  });

  it('throws a DomainError with code validation_failed and a message', () => {
    const error = domainErrorFrom(() => parseRequestInput({ ...aHire(), fte: 2 }, TODAY));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('The request has invalid fields');
  });

  it('names every bad field at once, not only the first', () => {
    const body = { ...aHire(), fte: 0, monthlyCostSek: -1, title: '', occupationalCategory: 'pilot' };
    expect(fieldsOf(body).sort()).toEqual(['fte', 'monthlyCostSek', 'occupationalCategory', 'title']);
  });

  it('refuses an unknown field, naming it', () => {
    expect(problemsOf({ ...aHire(), salary: 50_000 })).toEqual([
      { field: 'salary', message: 'is not a known field' },
    ]);
  });

  it('names each unknown field on its own', () => {
    expect(fieldsOf({ ...aCallOff(), a: 1, b: 2 })).toEqual(['a', 'b']);
  });

  it('refuses a call-off field on a hire and a hire field on a call-off', () => {
    expect(fieldsOf({ ...aHire(), urgent: true })).toEqual(['urgent']);
    expect(fieldsOf({ ...aCallOff(), fte: 1 })).toEqual(['fte']);
  });
});

describe('parseRequestInput: hire fields', () => {
  it.each(HIRE_FIELDS.map((f) => [f]))('requires %s', (field) => {
    expect(problemsOf(without(aHire(), field))).toContainEqual({ field, message: 'is required' });
  });

  it('requires the unit id to be a uuid', () => {
    expect(messageFor({ ...aHire(), unitId: 'akuten' }, 'unitId')).toBe('must be a unit id (uuid)');
    expect(fieldsOf({ ...aHire(), unitId: 17 })).toEqual(['unitId']);
  });

  it.each(OCCUPATIONAL_CATEGORIES.map((c) => [c]))('accepts occupational category %s', (category) => {
    expect(parsedHire(aHire({ occupationalCategory: category })).occupationalCategory).toBe(category);
  });

  it('refuses an occupational category outside the list', () => {
    expect(fieldsOf({ ...aHire(), occupationalCategory: 'pilot' })).toEqual(['occupationalCategory']);
    expect(fieldsOf({ ...aHire(), occupationalCategory: 'Nurse' })).toEqual(['occupationalCategory']);
  });

  it.each(EMPLOYMENT_FORMS.map((f) => [f]))('accepts employment form %s', (form) => {
    const body = form === 'permanent' ? aHire() : aFixedTermHire({ employmentForm: form });
    expect(parsedHire(body).employmentForm).toBe(form);
  });

  it('refuses an employment form outside the list', () => {
    expect(fieldsOf({ ...aHire(), employmentForm: 'consultant' })).toEqual(['employmentForm']);
  });

  it.each([
    ['title', 200],
    ['justification', 4000],
    ['consequenceIfRejected', 4000],
    ['savingsNote', 4000],
  ])('%s is text of 1 to %i characters', (field, max) => {
    expect(() => parseRequestInput({ ...aHire(), [field]: 'x'.repeat(max) }, TODAY)).not.toThrow();
    expect(messageFor({ ...aHire(), [field]: 'x'.repeat(max + 1) }, field)).toBe(
      `must be at most ${max} characters`,
    );
    expect(messageFor({ ...aHire(), [field]: '' }, field)).toBe('must not be empty');
    expect(messageFor({ ...aHire(), [field]: '   \n\t ' }, field)).toBe('must not be empty');
    expect(messageFor({ ...aHire(), [field]: 42 }, field)).toBe('must be text');
  });

  it('trims surrounding whitespace from text fields', () => {
    const parsed = parseRequestInput(
      aHire({ title: '  Barnmorska  ', savingsNote: '\nFewer agency shifts ' }),
      TODAY,
    );
    expect(parsed).toMatchObject({ title: 'Barnmorska', savingsNote: 'Fewer agency shifts' });
  });

  it.each([0.1, 0.25, 0.5, 0.75, 0.99, 1])('accepts an FTE of %p', (fte) => {
    expect(parsedHire(aHire({ fte })).fte).toBe(fte);
  });

  it.each([0, 0.09, 1.01, 1.5, -0.5])('refuses an FTE of %p: it must be between 0.1 and 1.0', (fte) => {
    expect(problemsOf(aHire({ fte }))).toEqual([{ field: 'fte', message: 'must be between 0.1 and 1.0' }]);
  });

  it.each([0.125, 0.333, 0.505])('refuses an FTE of %p: at most two decimals', (fte) => {
    expect(problemsOf(aHire({ fte }))).toEqual([{ field: 'fte', message: 'must have at most two decimals' }]);
  });

  it('accepts every FTE from 0.10 to 1.00 in hundredths, despite binary floating point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 100 }), (hundredths) => {
        expect(parsedHire(aHire({ fte: hundredths / 100 })).fte).toBe(hundredths / 100);
      }),
    );
  });

  it.each([['0.5'], [null], [true]])('refuses an FTE of %p: it must be a number', (fte) => {
    expect(fieldsOf({ ...aHire(), fte })).toEqual(['fte']);
  });

  it.each([1, 48_500, 1_000_000_000])('accepts a monthly cost of %i whole kronor', (monthlyCostSek) => {
    expect(parsedHire(aHire({ monthlyCostSek })).monthlyCostSek).toBe(monthlyCostSek);
  });

  it.each([
    [0, 'must be more than 0'],
    [-48_500, 'must be more than 0'],
    [48_500.5, 'must be whole kronor'],
    [1_000_000_001, 'is implausibly large'],
    ['48500', 'must be a number'],
  ])('refuses a monthly cost of %p (%s)', (monthlyCostSek, message) => {
    expect(problemsOf({ ...aHire(), monthlyCostSek })).toEqual([{ field: 'monthlyCostSek', message }]);
  });

  it.each(['replacement', 'withinBudget'])('%s must be true or false', (field) => {
    expect(parseRequestInput({ ...aHire(), [field]: false }, TODAY)).toMatchObject({ [field]: false });
    expect(problemsOf({ ...aHire(), [field]: 'yes' })).toEqual([{ field, message: 'must be true or false' }]);
    expect(fieldsOf({ ...aHire(), [field]: 1 })).toEqual([field]);
  });

  it.each([
    ['2026-9-1', 'must be a date YYYY-MM-DD'],
    ['20260901', 'must be a date YYYY-MM-DD'],
    ['2026-09-01T08:00:00Z', 'must be a date YYYY-MM-DD'],
    ['01/09/2026', 'must be a date YYYY-MM-DD'],
    [20260901, 'must be a date YYYY-MM-DD'],
    ['2026-02-29', 'is not a calendar date'],
    ['2026-04-31', 'is not a calendar date'],
    ['2026-13-01', 'is not a calendar date'],
    ['2026-00-10', 'is not a calendar date'],
  ])('refuses start date %p (%s)', (startDate, message) => {
    const problems = problemsOf({ ...aHire(), startDate });
    expect(problems).toContainEqual({ field: 'startDate', message });
    expect(new Set(problems.map((p) => p.field))).toEqual(new Set(['startDate']));
  });

  it('accepts 29 February in a leap year', () => {
    expect(parsedHire(aHire({ startDate: '2028-02-29' })).startDate).toBe('2028-02-29');
  });

  it('checks the end date the same way as the start date', () => {
    expect(problemsOf(aFixedTermHire({ endDate: '2027-02-30' }))).toEqual([
      { field: 'endDate', message: 'is not a calendar date' },
    ]);
  });

  it.each(HIRE_ALTERNATIVES.map((a) => [a]))('accepts internal alternative %s', (alternative) => {
    expect(parsedHire(aHire({ alternativesTried: [alternative] })).alternativesTried).toEqual([alternative]);
  });

  it('accepts an empty list of alternatives and both alternatives together', () => {
    expect(() => parseRequestInput(aHire({ alternativesTried: [] }), TODAY)).not.toThrow();
    expect(() =>
      parseRequestInput(aHire({ alternativesTried: ['redistribution', 'internal_pool'] }), TODAY),
    ).not.toThrow();
  });

  it('refuses an alternative named twice', () => {
    expect(problemsOf(aHire({ alternativesTried: ['internal_pool', 'internal_pool'] }))).toEqual([
      { field: 'alternativesTried', message: 'must not repeat a value' },
    ]);
  });

  it('refuses an alternative that only call-offs have, naming its position in the list', () => {
    expect(fieldsOf({ ...aHire(), alternativesTried: ['internal_pool', 'overtime'] })).toEqual([
      'alternativesTried.1',
    ]);
  });

  it('refuses alternatives that are not a list', () => {
    expect(problemsOf({ ...aHire(), alternativesTried: 'internal_pool' })).toEqual([
      { field: 'alternativesTried', message: 'must be a list' },
    ]);
  });
});

describe('parseRequestInput: hire cross-field rules', () => {
  it.each(['fixed_term', 'substitute', 'hourly'] as const)(
    'requires an end date unless the employment is permanent (%s)',
    (employmentForm) => {
      expect(problemsOf(without(aFixedTermHire({ employmentForm }), 'endDate'))).toEqual([
        { field: 'endDate', message: 'is required unless the employment is permanent' },
      ]);
    },
  );

  it('refuses an end date on a permanent employment', () => {
    expect(problemsOf(aHire({ employmentForm: 'permanent', endDate: '2027-09-01' }))).toEqual([
      { field: 'endDate', message: 'must be left out for a permanent employment' },
    ]);
  });

  it.each([
    ['the same day as', '2026-09-01'],
    ['before', '2026-08-31'],
  ])('refuses an end date %s the start date', (_when, endDate) => {
    expect(problemsOf(aFixedTermHire({ startDate: '2026-09-01', endDate }))).toEqual([
      { field: 'endDate', message: 'must be after startDate' },
    ]);
  });

  it('accepts an end date the day after the start date', () => {
    expect(() =>
      parseRequestInput(aFixedTermHire({ startDate: '2026-09-01', endDate: '2026-09-02' }), TODAY),
    ).not.toThrow();
  });
});

describe('parseRequestInput: agency call-off fields', () => {
  it.each(CALL_OFF_FIELDS.map((f) => [f]))('requires %s', (field) => {
    expect(problemsOf(without(aCallOff(), field))).toContainEqual({ field, message: 'is required' });
  });

  it('treats a call-off as not urgent unless it says so', () => {
    expect(parsedCallOff(without(aCallOff(), 'urgent')).urgent).toBe(false);
    expect(parsedCallOff(aCallOff({ urgent: true })).urgent).toBe(true);
    expect(problemsOf({ ...aCallOff(), urgent: 'yes' })).toEqual([
      { field: 'urgent', message: 'must be true or false' },
    ]);
  });

  it.each([
    ['supplier', 200],
    ['frameworkAgreement', 200],
    ['justification', 4000],
  ])('%s is text of 1 to %i characters', (field, max) => {
    expect(() => parseRequestInput({ ...aCallOff(), [field]: 'x'.repeat(max) }, TODAY)).not.toThrow();
    expect(fieldsOf({ ...aCallOff(), [field]: 'x'.repeat(max + 1) })).toEqual([field]);
    expect(messageFor({ ...aCallOff(), [field]: ' ' }, field)).toBe('must not be empty');
  });

  it.each(CALL_OFF_REASONS.map((r) => [r]))('accepts reason %s', (reason) => {
    expect(parsedCallOff(aCallOff({ reason })).reason).toBe(reason);
  });

  it('refuses a reason outside the list', () => {
    expect(fieldsOf({ ...aCallOff(), reason: 'budget' })).toEqual(['reason']);
  });

  it('accepts all four alternatives, in any order, and refuses one named twice', () => {
    const all = [...CALL_OFF_ALTERNATIVES].reverse();
    expect(parsedCallOff(aCallOff({ alternativesTried: all })).alternativesTried).toEqual(all);
    expect(problemsOf(aCallOff({ alternativesTried: ['overtime', 'internal_pool', 'overtime'] }))).toEqual([
      { field: 'alternativesTried', message: 'must not repeat a value' },
    ]);
  });

  it('refuses an alternative that only hires have', () => {
    expect(fieldsOf({ ...aCallOff(), alternativesTried: ['redistribution'] })).toEqual([
      'alternativesTried.0',
    ]);
  });

  it.each([0.5, 7.5, 320, 10_000])('accepts an extent of %p hours', (extentHours) => {
    expect(parsedCallOff(aCallOff({ extentHours })).extentHours).toBe(extentHours);
  });

  it.each([
    [0, 'must be more than 0'],
    [-8, 'must be more than 0'],
    [10_001, 'must be at most 10000 hours'],
    ['320', 'must be a number'],
  ])('refuses an extent of %p hours (%s)', (extentHours, message) => {
    expect(problemsOf({ ...aCallOff(), extentHours })).toEqual([{ field: 'extentHours', message }]);
  });

  it.each([
    [0, 'must be more than 0'],
    [640_000.5, 'must be whole kronor'],
    [1_000_000_001, 'is implausibly large'],
    [null, 'must be a number'],
  ])('refuses an estimated cost of %p (%s)', (estimatedCostSek, message) => {
    expect(problemsOf({ ...aCallOff(), estimatedCostSek })).toEqual([{ field: 'estimatedCostSek', message }]);
  });

  it.each(['periodFrom', 'periodTo'])('%s must be a calendar date YYYY-MM-DD', (field) => {
    expect(messageFor({ ...aCallOff(), [field]: '2026-06-31' }, field)).toBe('is not a calendar date');
    expect(messageFor({ ...aCallOff(), [field]: '15 June 2026' }, field)).toBe('must be a date YYYY-MM-DD');
  });
});

describe('parseRequestInput: call-off cross-field rules', () => {
  it('refuses a period that ends before it starts', () => {
    expect(problemsOf(aCallOff({ periodFrom: '2026-07-01', periodTo: '2026-06-30' }))).toEqual([
      { field: 'periodTo', message: 'must not be before periodFrom' },
    ]);
  });

  it('accepts a period of a single day', () => {
    expect(() =>
      parseRequestInput(aCallOff({ periodFrom: '2026-07-01', periodTo: '2026-07-01' }), TODAY),
    ).not.toThrow();
  });

  it('refuses a period starting before today, naming today', () => {
    expect(problemsOf(aCallOff({ periodFrom: '2026-05-31' }), '2026-06-01')).toEqual([
      { field: 'periodFrom', message: 'must not be in the past (today is 2026-06-01)' },
    ]);
  });

  it('accepts a period starting today', () => {
    expect(() => parseRequestInput(aCallOff({ periodFrom: '2026-06-01' }), '2026-06-01')).not.toThrow();
  });

  it('judges "the past" by the today it is given, not by the clock', () => {
    const body = aCallOff({ periodFrom: '2030-01-01', periodTo: '2030-02-01' });
    expect(() => parseRequestInput(body, '2029-12-31')).not.toThrow();
    expect(fieldsOf(body, '2030-01-02')).toEqual(['periodFrom']);
  });

  it('names both periodTo and periodFrom when both rules fail', () => {
    expect(fieldsOf(aCallOff({ periodFrom: '2026-05-20', periodTo: '2026-05-10' })).sort()).toEqual([
      'periodFrom',
      'periodTo',
    ]);
  });
});

describe('requestCostSek', () => {
  it('is the monthly salary cost for a hire', () => {
    expect(requestCostSek(aHire({ monthlyCostSek: 52_000 }))).toBe(52_000);
  });

  it('is the estimated total cost for a call-off', () => {
    expect(requestCostSek(aCallOff({ estimatedCostSek: 910_000 }))).toBe(910_000);
  });
});

describe('isNewPermanentPosition', () => {
  it('is true for a permanent employment that replaces nobody', () => {
    expect(isNewPermanentPosition(aHire({ employmentForm: 'permanent', replacement: false }))).toBe(true);
  });

  it('is false for a permanent employment that replaces a leaver', () => {
    expect(isNewPermanentPosition(aHire({ employmentForm: 'permanent', replacement: true }))).toBe(false);
  });

  it.each(['fixed_term', 'substitute', 'hourly'] as const)(
    'is false for a new %s employment',
    (employmentForm) => {
      expect(isNewPermanentPosition(aFixedTermHire({ employmentForm, replacement: false }))).toBe(false);
    },
  );

  it('is false for an agency call-off', () => {
    expect(isNewPermanentPosition(aCallOff())).toBe(false);
  });
});

describe('parseRequestInput: properties', () => {
  const MS_PER_DAY = 86_400_000;
  const dayOffset = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
  const dateFrom = (from: string, maxDays: number) =>
    fc.integer({ min: 0, max: maxDays }).map((d) => dayOffset(from, d));
  const textArb = (max: number) =>
    fc.string({ minLength: 1, maxLength: Math.min(max, 40) }).filter((s) => s.trim().length > 0);
  const kronorArb = fc.integer({ min: 1, max: 1_000_000_000 });

  const hireArb: fc.Arbitrary<HireInput> = fc
    .record({
      unitId: fc.uuid(),
      occupationalCategory: fc.constantFrom(...OCCUPATIONAL_CATEGORIES),
      justification: textArb(4000),
      title: textArb(200),
      employmentForm: fc.constantFrom(...EMPLOYMENT_FORMS),
      fte: fc.integer({ min: 10, max: 100 }).map((n) => n / 100),
      startDate: dateFrom(TODAY, 4000),
      length: fc.integer({ min: 1, max: 1000 }),
      replacement: fc.boolean(),
      withinBudget: fc.boolean(),
      monthlyCostSek: kronorArb,
      alternativesTried: fc.shuffledSubarray([...HIRE_ALTERNATIVES]),
      consequenceIfRejected: textArb(4000),
      savingsNote: textArb(4000),
    })
    .map(({ length, ...fields }) =>
      fields.employmentForm === 'permanent'
        ? aHire(fields)
        : aHire({ ...fields, endDate: dayOffset(fields.startDate, length) }),
    );

  const callOffArb: fc.Arbitrary<CallOffInput> = fc
    .record({
      unitId: fc.uuid(),
      occupationalCategory: fc.constantFrom(...OCCUPATIONAL_CATEGORIES),
      justification: textArb(4000),
      supplier: textArb(200),
      frameworkAgreement: textArb(200),
      periodFrom: dateFrom(TODAY, 1000),
      length: fc.integer({ min: 0, max: 400 }),
      extentHours: fc.double({ min: 0.25, max: 10_000, noNaN: true }),
      estimatedCostSek: kronorArb,
      reason: fc.constantFrom(...CALL_OFF_REASONS),
      alternativesTried: fc.shuffledSubarray([...CALL_OFF_ALTERNATIVES]),
      urgent: fc.boolean(),
    })
    .map(({ length, ...fields }) => aCallOff({ ...fields, periodTo: dayOffset(fields.periodFrom, length) }));

  const validArb = fc.oneof(hireArb, callOffArb);

  /**
   * Valid bodies with one thing changed: a field set to any JSON value, a field left out, or an unknown field
   * added.
   */
  const knownField = fc.constantFrom(
    ...new Set(['kind', ...HIRE_FIELDS, 'endDate', ...CALL_OFF_FIELDS, 'urgent']),
  );
  const mutatedArb = fc.oneof(
    fc
      .tuple(validArb, knownField, fc.jsonValue())
      .map(([body, field, value]) => ({ ...body, [field]: value }) as unknown),
    fc.tuple(validArb, knownField).map(([body, field]) => without(body, field) as unknown),
    fc
      .tuple(validArb, fc.string({ maxLength: 12 }), fc.jsonValue())
      .map(([body, field, value]) => ({ ...body, [field]: value }) as unknown),
  );

  /** The contract: a body either parses, and its parse is a fixed point, or it is refused naming fields. */
  function parsesAndRoundTripsOrNamesFields(body: unknown) {
    let parsed: ReturnType<typeof parseRequestInput>;
    try {
      parsed = parseRequestInput(body, TODAY);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const { code, fields } = error as DomainError;
      expect(code).toBe('validation_failed');
      expect(fields.length).toBeGreaterThan(0);
      for (const problem of fields) {
        expect(typeof problem.field).toBe('string');
        expect(problem.field.length).toBeGreaterThan(0);
        expect(problem.message.length).toBeGreaterThan(0);
      }
      return;
    }
    expect(parseRequestInput(parsed, TODAY)).toEqual(parsed);
    expect(parseRequestInput(JSON.parse(JSON.stringify(parsed)), TODAY)).toEqual(parsed);
  }

  it('accepts every valid hire and call-off, and parsing the result again gives the same value', () => {
    fc.assert(
      fc.property(validArb, (body) => {
        const parsed = parseRequestInput(body, TODAY);
        expect(parsed.kind).toBe(body.kind);
        expect(parseRequestInput(parsed, TODAY)).toEqual(parsed);
      }),
    );
  });

  it('any JSON value either parses and round-trips or is refused with named fields, never another exception', () => {
    fc.assert(fc.property(fc.jsonValue(), parsesAndRoundTripsOrNamesFields), { numRuns: 500 });
  });

  it('a valid body with one field changed, removed or added either parses and round-trips or names fields', () => {
    fc.assert(fc.property(mutatedArb, parsesAndRoundTripsOrNamesFields), { numRuns: 1000 });
  });

  it('a hire with whitespace around its texts parses to the trimmed texts, once and for all', () => {
    fc.assert(
      fc.property(hireArb, fc.constantFrom(' ', '\n', '\t ', '  '), (hire, pad) => {
        const padded = {
          ...hire,
          title: `${pad}${hire.title}${pad}`,
          savingsNote: `${pad}${hire.savingsNote}`,
        };
        const parsed = parseRequestInput(padded, TODAY);
        expect(parsed).toEqual(parseRequestInput(hire, TODAY));
        expect(parsed.kind === 'hire' && parsed.title).toBe(hire.title.trim());
      }),
    );
  });
});

describe('field names in problems', () => {
  it('names each unknown field on its own, and an empty field name visibly', () => {
    const error = domainErrorFrom(() => parseRequestInput({ ...aHire(), '': 1, extra: 2 }, TODAY));
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { field: '(empty field name)', message: 'is not a known field' },
        { field: 'extra', message: 'is not a known field' },
      ]),
    );
  });

  it('gives a malformed date one problem, not two', () => {
    const error = domainErrorFrom(() => parseRequestInput({ ...aHire(), startDate: '20260901' }, TODAY));
    expect(error.fields.filter((f) => f.field === 'startDate')).toEqual([
      { field: 'startDate', message: 'must be a date YYYY-MM-DD' },
    ]);
  });
});

describe('changedFields: what a resubmission changed', () => {
  it('names each field whose value differs, in a stable order', () => {
    const before = aHire({ employmentForm: 'permanent', endDate: undefined, replacement: true });
    const after = { ...before, replacement: false, justification: 'Ny tjänst', fte: 0.8 };
    expect(changedFields(before, after)).toEqual(['fte', 'justification', 'replacement']);
  });

  it('names nothing for the same values, whatever the key order', () => {
    const before = aCallOff();
    const reordered = Object.fromEntries(Object.entries(before).reverse()) as CallOffInput;
    expect(changedFields(before, reordered)).toEqual([]);
  });

  it('names a field that one version has and the other leaves out', () => {
    const permanent = aHire({ employmentForm: 'permanent', endDate: undefined });
    const fixedTerm = { ...permanent, employmentForm: 'fixed_term' as const, endDate: '2031-12-31' };
    expect(changedFields(permanent, fixedTerm)).toEqual(['employmentForm', 'endDate']);
  });
});
