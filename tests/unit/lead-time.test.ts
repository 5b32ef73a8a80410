import fc from 'fast-check';
import { addBusinessDays, businessDaysAfter } from '@domain/calendar';
import { binOf, LEAD_DAY_BINS, LEAD_HOUR_BINS, leadTime } from '@domain/lead-time';

describe('lead time', () => {
  it('counts business days on the deadline calendar, skipping Easter', () => {
    // Wednesday 1 April 2026 to Thursday 9 April: 2, 7, 8 and 9 April (Good Friday and Easter Monday are holidays)
    expect(leadTime(new Date('2026-04-01T10:00:00+02:00'), new Date('2026-04-09T11:00:00+02:00'))).toEqual({
      businessDays: 4,
      hours: 193,
    });
  });

  it('is 0 business days on the day of submission and counts whole elapsed hours across DST', () => {
    expect(leadTime(new Date('2026-04-20T08:00:00+02:00'), new Date('2026-04-20T11:30:00+02:00'))).toEqual({
      businessDays: 0,
      hours: 3,
    });
    // 28 to 30 March 2026: the clocks go forward on the 29th, so 48 wall-clock hours are 47 elapsed.
    expect(leadTime(new Date('2026-03-28T12:00:00+01:00'), new Date('2026-03-30T12:00:00+02:00')).hours).toBe(
      47,
    );
  });

  it('is the inverse of adding business days, so a decision on its deadline day is N', () => {
    const day = fc
      .integer({ min: 0, max: 2000 })
      .map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), (from, n) => {
        expect(businessDaysAfter(from, addBusinessDays(from, n))).toBe(n);
      }),
    );
  });

  it('refuses a decision before its submission', () => {
    expect(() => leadTime(new Date('2026-04-02T10:00:00Z'), new Date('2026-04-01T10:00:00Z'))).toThrow(
      RangeError,
    );
  });
});

describe('lead-time bins', () => {
  it('keep business days exact up to 30 and hours to the hour below a day', () => {
    expect(binOf(LEAD_DAY_BINS, 7)).toBe(7);
    expect(binOf(LEAD_DAY_BINS, 45)).toBe(31);
    expect(binOf(LEAD_HOUR_BINS, 3)).toBe(3);
    expect(binOf(LEAD_HOUR_BINS, 27)).toBe(24);
    expect(binOf(LEAD_HOUR_BINS, 50)).toBe(48);
    expect(binOf(LEAD_HOUR_BINS, 193)).toBe(192);
    expect(binOf(LEAD_HOUR_BINS, 5000)).toBe(720);
  });
});
