import fc from 'fast-check';
import { addCalendarDays } from '@domain/calendar';
import { periodGaps, planCorrection, planEarlyEnd } from '@domain/review-periods';
import { aReviewPeriod, domainErrorFrom } from '../support/factories';

// A period of Q1 2026 (aReviewPeriod): 2026-01-01 – 2026-03-31.
const period = aReviewPeriod();
const end = (validTo: string) => ({ validTo, decisionRef: 'HSN/2026/12 §3', decidedOn: '2026-02-10' });
const fieldsOf = (fn: () => unknown) => {
  const error = domainErrorFrom(fn);
  return { code: error.code, fields: error.fields?.map((f) => f.field) };
};

describe('planEarlyEnd', () => {
  const ctx = { today: '2026-02-12', extended: false };

  it('ends the period on a later day than today, before its current end', () => {
    expect(planEarlyEnd(period, end('2026-02-28'), ctx)).toEqual(end('2026-02-28'));
    expect(planEarlyEnd(period, end('2026-02-12'), ctx).validTo).toBe('2026-02-12');
  });

  it.each([
    ['2026-02-11', 'before today: requests submitted up to today were reviewed under it'],
    ['2026-03-31', 'on the current end: that is no early end'],
    ['2026-04-30', 'after the current end: that is an extension'],
  ])('refuses %s (%s), naming validTo', (validTo) => {
    expect(fieldsOf(() => planEarlyEnd(period, end(validTo), ctx))).toEqual({
      code: 'validation_failed',
      fields: ['validTo'],
    });
  });

  it('refuses a decision dated after today', () => {
    const body = { ...end('2026-02-28'), decidedOn: '2026-02-13' };
    expect(fieldsOf(() => planEarlyEnd(period, body, ctx)).fields).toEqual(['decidedOn']);
  });

  it('refuses a period that has been extended: its extension would no longer follow it', () => {
    expect(fieldsOf(() => planEarlyEnd(period, end('2026-02-28'), { ...ctx, extended: true }))).toEqual({
      code: 'conflict',
      fields: ['validTo'],
    });
  });

  it.each(['validTo', 'decisionRef', 'decidedOn'])('requires %s', (field) => {
    const body: Record<string, string> = end('2026-02-28');
    delete body[field];
    expect(fieldsOf(() => planEarlyEnd(period, body, ctx)).fields).toEqual([field]);
  });
});

describe('planCorrection', () => {
  const none = { others: [period], submitted: null };

  it('corrects a mistyped end and keeps every other field', () => {
    expect(planCorrection(period, { validTo: '2026-06-30' }, none)).toEqual({
      ...period,
      validTo: '2026-06-30',
    });
  });

  it('corrects the decision fields', () => {
    const next = planCorrection(
      period,
      { decisionRef: 'HSN/1895/2025 §43', decidedBy: 'Regionstyrelsen' },
      none,
    );
    expect([next.decisionRef, next.decidedBy]).toEqual(['HSN/1895/2025 §43', 'Regionstyrelsen']);
  });

  it('refuses an empty correction and unknown fields', () => {
    expect(fieldsOf(() => planCorrection(period, {}, none)).fields).toEqual(['(body)']);
    expect(
      fieldsOf(() => planCorrection(period, { kind: 'hire', validTo: '2026-06-30' }, none)).fields,
    ).toEqual(['kind']);
  });

  it('refuses an end before the start', () => {
    expect(fieldsOf(() => planCorrection(period, { validTo: '2025-12-31' }, none))).toEqual({
      code: 'validation_failed',
      fields: ['validTo'],
    });
  });

  it('refuses a correction that would leave a reviewed request outside the period', () => {
    const submitted = { first: '2026-01-15', last: '2026-03-02' };
    const ctx = { others: [period], submitted };
    expect(fieldsOf(() => planCorrection(period, { validFrom: '2026-01-16' }, ctx))).toEqual({
      code: 'conflict',
      fields: ['validFrom'],
    });
    expect(fieldsOf(() => planCorrection(period, { validTo: '2026-03-01' }, ctx))).toEqual({
      code: 'conflict',
      fields: ['validTo'],
    });
  });

  it('allows a correction that keeps every reviewed request covered', () => {
    const ctx = { others: [period], submitted: { first: '2026-01-15', last: '2026-03-02' } };
    expect(planCorrection(period, { validFrom: '2026-01-15', validTo: '2026-03-02' }, ctx)).toMatchObject({
      validFrom: '2026-01-15',
      validTo: '2026-03-02',
    });
  });

  it('refuses an overlap with another period of the kind', () => {
    const next = aReviewPeriod({ id: 'period-2', validFrom: '2026-05-01', validTo: '2026-12-31' });
    expect(
      fieldsOf(() =>
        planCorrection(period, { validTo: '2026-05-01' }, { others: [period, next], submitted: null }),
      ),
    ).toEqual({ code: 'conflict', fields: ['validTo'] });
  });

  it("keeps an extension's chain: the extended period's end and the extension's start stay adjacent", () => {
    const extension = aReviewPeriod({
      id: 'ext',
      validFrom: '2026-04-01',
      validTo: '2026-06-30',
      extendsId: period.id,
    });
    const ctx = { others: [period, extension], submitted: null };
    expect(fieldsOf(() => planCorrection(period, { validTo: '2026-03-30' }, ctx)).fields).toEqual([
      'validTo',
    ]);
    expect(fieldsOf(() => planCorrection(extension, { validFrom: '2026-04-02' }, ctx)).fields).toEqual([
      'validFrom',
    ]);
    expect(planCorrection(extension, { validTo: '2026-07-31' }, ctx).validTo).toBe('2026-07-31');
  });
});

describe('periodGaps', () => {
  it('finds the days between consecutive periods of one kind', () => {
    const later = aReviewPeriod({ id: 'p2', validFrom: '2026-05-01', validTo: '2026-12-31' });
    expect(periodGaps([later, period])).toEqual([
      { kind: 'agency_call_off', from: '2026-04-01', to: '2026-04-30', afterId: 'period-1', beforeId: 'p2' },
    ]);
  });

  it('finds none between adjacent periods, nor across kinds', () => {
    const next = aReviewPeriod({ id: 'p2', validFrom: '2026-04-01', validTo: '2026-12-31' });
    const hire = aReviewPeriod({ id: 'h', kind: 'hire', validFrom: '2027-01-01', validTo: '2027-12-31' });
    expect(periodGaps([period, next, hire])).toEqual([]);
  });

  it('covers, with the periods, every day from the first start to the last end', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }), (lengths) => {
        // Consecutive periods with a gap of 0–2 days after each, by the lengths drawn.
        let from = '2026-01-01';
        const periods = lengths.map((days, i) => {
          const p = aReviewPeriod({ id: `p${i}`, validFrom: from, validTo: addCalendarDays(from, days - 1) });
          from = addCalendarDays(p.validTo, 1 + (days % 3));
          return p;
        });
        const gaps = periodGaps(periods);
        const covered = new Set<string>();
        for (const span of [...periods.map((p) => ({ from: p.validFrom, to: p.validTo })), ...gaps])
          for (let d = span.from; d <= span.to; d = addCalendarDays(d, 1)) {
            expect(covered.has(d)).toBe(false);
            covered.add(d);
          }
        const last = periods.at(-1)!.validTo;
        let days = 0;
        for (let d = '2026-01-01'; d <= last; d = addCalendarDays(d, 1)) days += 1;
        expect(covered.size).toBe(days);
      }),
    );
  });
});
