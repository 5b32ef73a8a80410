import fc from 'fast-check';
import { overlapping, parseNewPeriod, periodCovering, planExtension } from '@domain/review-periods';
import { aNewPeriod, aReviewPeriod, domainErrorFrom, without } from '../support/factories';

function periodProblems(parse: () => unknown) {
  const error = domainErrorFrom(parse);
  expect(error.code).toBe('validation_failed');
  expect(error.message).toBe('The review period has invalid fields');
  return error.fields;
}

describe('parseNewPeriod', () => {
  it('accepts a complete period', () => {
    expect(parseNewPeriod(aNewPeriod())).toEqual(aNewPeriod());
  });

  it.each(['hire', 'agency_call_off'] as const)('accepts kind %s', (kind) => {
    expect(parseNewPeriod(aNewPeriod({ kind })).kind).toBe(kind);
  });

  it('refuses a kind outside hire and agency_call_off', () => {
    expect(
      periodProblems(() => parseNewPeriod({ ...aNewPeriod(), kind: 'exemption' })).map((p) => p.field),
    ).toEqual(['kind']);
  });

  it.each(['kind', 'validFrom', 'validTo', 'decisionRef', 'decidedBy', 'decidedOn'])(
    'requires %s',
    (field) => {
      expect(periodProblems(() => parseNewPeriod(without(aNewPeriod(), field)))).toEqual([
        { field, message: 'is required' },
      ]);
    },
  );

  it.each(['validFrom', 'validTo', 'decidedOn'])('%s must be a date YYYY-MM-DD', (field) => {
    for (const bad of ['2026-4-1', '20260401', '2026-04-01T00:00:00Z', '1 April 2026']) {
      expect(periodProblems(() => parseNewPeriod({ ...aNewPeriod(), [field]: bad }))).toEqual([
        { field, message: 'must be a date YYYY-MM-DD' },
      ]);
    }
  });

  it.each(['decisionRef', 'decidedBy'])('%s must not be empty or blank', (field) => {
    for (const blank of ['', '   ']) {
      expect(periodProblems(() => parseNewPeriod({ ...aNewPeriod(), [field]: blank }))).toEqual([
        { field, message: 'must not be empty' },
      ]);
    }
  });

  it('limits the decision reference to 100 characters and the deciding body to 200', () => {
    expect(() =>
      parseNewPeriod(aNewPeriod({ decisionRef: 'x'.repeat(100), decidedBy: 'y'.repeat(200) })),
    ).not.toThrow();
    const fields = (body: object) => periodProblems(() => parseNewPeriod(body)).map((p) => p.field);
    expect(fields(aNewPeriod({ decisionRef: 'x'.repeat(101) }))).toEqual(['decisionRef']);
    expect(fields(aNewPeriod({ decidedBy: 'y'.repeat(201) }))).toEqual(['decidedBy']);
  });

  it('trims the decision reference and the deciding body', () => {
    expect(
      parseNewPeriod(aNewPeriod({ decisionRef: ' HSN/1895/2025 ', decidedBy: ' Nämnden ' })),
    ).toMatchObject({
      decisionRef: 'HSN/1895/2025',
      decidedBy: 'Nämnden',
    });
  });

  it('refuses validTo before validFrom', () => {
    expect(
      periodProblems(() => parseNewPeriod(aNewPeriod({ validFrom: '2026-04-01', validTo: '2026-03-31' }))),
    ).toEqual([{ field: 'validTo', message: 'must not be before validFrom' }]);
  });

  it('accepts a period of a single day (bounds are inclusive)', () => {
    expect(() =>
      parseNewPeriod(aNewPeriod({ validFrom: '2026-04-01', validTo: '2026-04-01' })),
    ).not.toThrow();
  });

  it('refuses an unknown field, such as the period it extends (extensions go through planExtension)', () => {
    expect(periodProblems(() => parseNewPeriod({ ...aNewPeriod(), extendsId: 'period-0' }))).toEqual([
      { field: 'extendsId', message: 'is not a known field' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(periodProblems(() => parseNewPeriod(null)).map((p) => p.field)).toEqual(['(body)']);
  });
});

describe('planExtension', () => {
  const base = aReviewPeriod({
    id: 'period-q1',
    kind: 'hire',
    validFrom: '2026-01-01',
    validTo: '2026-03-31',
    decidedBy: 'Hälso- och sjukvårdsnämnden',
  });
  const extension = { validTo: '2026-06-30', decisionRef: 'HSN/312/2026 §18', decidedOn: '2026-03-18' };

  it('starts the day after the extended period ends, keeping its kind and deciding body', () => {
    expect(planExtension(base, extension)).toEqual({
      kind: 'hire',
      validFrom: '2026-04-01',
      validTo: '2026-06-30',
      decisionRef: 'HSN/312/2026 §18',
      decidedBy: 'Hälso- och sjukvårdsnämnden',
      decidedOn: '2026-03-18',
      extendsId: 'period-q1',
    });
  });

  it('starts on 1 January when the extended period ends on New Year’s Eve', () => {
    const planned = planExtension(aReviewPeriod({ validTo: '2026-12-31' }), {
      ...extension,
      validTo: '2027-03-31',
    });
    expect(planned.validFrom).toBe('2027-01-01');
  });

  it('starts on a leap day when the extended period ends on 28 February of a leap year', () => {
    const planned = planExtension(aReviewPeriod({ validTo: '2028-02-28' }), {
      ...extension,
      validTo: '2028-03-31',
    });
    expect(planned.validFrom).toBe('2028-02-29');
  });

  it('accepts an extension of a single day', () => {
    expect(planExtension(base, { ...extension, validTo: '2026-04-01' })).toMatchObject({
      validFrom: '2026-04-01',
      validTo: '2026-04-01',
    });
  });

  it('refuses an extension ending before the day after the extended period ends', () => {
    for (const validTo of ['2026-03-31', '2026-02-15']) {
      expect(periodProblems(() => planExtension(base, { ...extension, validTo }))).toEqual([
        {
          field: 'validTo',
          message: 'must be on or after 2026-04-01, the day after the extended period ends',
        },
      ]);
    }
  });

  it('requires validTo, decisionRef and decidedOn', () => {
    for (const field of ['validTo', 'decisionRef', 'decidedOn']) {
      expect(periodProblems(() => planExtension(base, without(extension, field)))).toEqual([
        { field, message: 'is required' },
      ]);
    }
  });

  it.each([
    ['kind', 'agency_call_off'],
    ['validFrom', '2026-05-01'],
    ['decidedBy', 'Someone else'],
  ])('refuses %s in the body: an extension inherits it', (field, value) => {
    expect(periodProblems(() => planExtension(base, { ...extension, [field]: value }))).toEqual([
      { field, message: 'is not a known field' },
    ]);
  });

  it('checks the format of its dates', () => {
    expect(periodProblems(() => planExtension(base, { ...extension, decidedOn: '18/3/2026' }))).toEqual([
      { field: 'decidedOn', message: 'must be a date YYYY-MM-DD' },
    ]);
  });
});

describe('overlapping', () => {
  const q1 = aReviewPeriod({ id: 'q1', kind: 'hire', validFrom: '2026-01-01', validTo: '2026-03-31' });
  const q2 = aReviewPeriod({ id: 'q2', kind: 'hire', validFrom: '2026-04-01', validTo: '2026-06-30' });
  const callOffQ1 = aReviewPeriod({
    id: 'c1',
    kind: 'agency_call_off',
    validFrom: '2026-01-01',
    validTo: '2026-03-31',
  });
  const periods = [q1, q2, callOffQ1];
  const ids = (candidate: Parameters<typeof overlapping>[1]) =>
    overlapping(periods, candidate).map((p) => p.id);

  it('finds a period of the same kind that shares a day', () => {
    expect(ids({ kind: 'hire', validFrom: '2026-03-15', validTo: '2026-04-15' })).toEqual(['q1', 'q2']);
  });

  it('ignores periods of the other kind: overlap is only within one kind', () => {
    expect(ids({ kind: 'agency_call_off', validFrom: '2026-04-01', validTo: '2026-06-30' })).toEqual([]);
    expect(ids({ kind: 'agency_call_off', validFrom: '2026-03-31', validTo: '2026-04-30' })).toEqual(['c1']);
  });

  it('counts a shared first or last day as overlap, since bounds are inclusive', () => {
    expect(ids({ kind: 'hire', validFrom: '2026-06-30', validTo: '2026-09-30' })).toEqual(['q2']);
    expect(ids({ kind: 'hire', validFrom: '2025-10-01', validTo: '2026-01-01' })).toEqual(['q1']);
  });

  it('does not count a period that starts the day after another ends', () => {
    expect(ids({ kind: 'hire', validFrom: '2026-07-01', validTo: '2026-09-30' })).toEqual([]);
    expect(ids({ kind: 'hire', validFrom: '2025-10-01', validTo: '2025-12-31' })).toEqual([]);
  });

  it('finds a period that contains the candidate and one the candidate contains', () => {
    expect(ids({ kind: 'hire', validFrom: '2026-02-01', validTo: '2026-02-01' })).toEqual(['q1']);
    expect(ids({ kind: 'hire', validFrom: '2025-01-01', validTo: '2027-12-31' })).toEqual(['q1', 'q2']);
  });

  it('property: two periods of one kind overlap exactly when some day lies in both', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
    const range = fc
      .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }))
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
    fc.assert(
      fc.property(range, range, ([aFrom, aTo], [bFrom, bTo]) => {
        const existing = aReviewPeriod({ kind: 'hire', validFrom: day(aFrom), validTo: day(aTo) });
        const candidate = { kind: 'hire' as const, validFrom: day(bFrom), validTo: day(bTo) };
        let shared = false;
        for (let n = aFrom; n <= aTo; n++) if (n >= bFrom && n <= bTo) shared = true;
        expect(overlapping([existing], candidate).length).toBe(shared ? 1 : 0);
        expect(overlapping([existing], { ...candidate, kind: 'agency_call_off' })).toEqual([]);
      }),
    );
  });
});

describe('periodCovering', () => {
  const q1 = aReviewPeriod({ id: 'q1', kind: 'hire', validFrom: '2026-01-01', validTo: '2026-03-31' });
  const q2 = aReviewPeriod({
    id: 'q2',
    kind: 'hire',
    validFrom: '2026-04-01',
    validTo: '2026-06-30',
    extendsId: 'q1',
  });
  const callOffs = aReviewPeriod({
    id: 'c1',
    kind: 'agency_call_off',
    validFrom: '2026-02-01',
    validTo: '2026-02-28',
  });
  const periods = [q1, q2, callOffs];

  it.each([
    ['2026-01-01', 'q1', 'its first day'],
    ['2026-03-31', 'q1', 'its last day'],
    ['2026-04-01', 'q2', 'the first day of the extension'],
    ['2026-06-30', 'q2', 'the last day of the extension'],
  ])('a hire submitted on %s is covered by %s (%s)', (date, id) => {
    expect(periodCovering(periods, 'hire', date)?.id).toBe(id);
  });

  it.each(['2025-12-31', '2026-07-01'])(
    'a hire submitted on %s, outside every hire period, is not covered',
    (date) => {
      expect(periodCovering(periods, 'hire', date)).toBeUndefined();
    },
  );

  it('only a period of the request’s kind covers it', () => {
    expect(periodCovering(periods, 'agency_call_off', '2026-02-14')?.id).toBe('c1');
    expect(periodCovering(periods, 'agency_call_off', '2026-03-14')).toBeUndefined();
    expect(periodCovering([callOffs], 'hire', '2026-02-14')).toBeUndefined();
  });

  it('finds nothing in an empty register', () => {
    expect(periodCovering([], 'hire', '2026-02-14')).toBeUndefined();
  });
});

describe('dates in review periods', () => {
  it.each(['validFrom', 'validTo', 'decidedOn'])('refuses a %s that is not a calendar date', (field) => {
    const error = domainErrorFrom(() => parseNewPeriod({ ...aNewPeriod(), [field]: '2026-02-30' }));
    expect(error.fields).toContainEqual({ field, message: 'is not a calendar date' });
  });
});
