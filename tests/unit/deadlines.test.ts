import fc from 'fast-check';
import { BUSINESS_TIME_ZONE, isBusinessDay, stockholmDate } from '@domain/calendar';
import { dueAfter } from '@domain/deadlines';
import { POLICY_V1, planRoute } from '@domain/policy';

const at = (iso: string) => new Date(iso);
const due = (from: string, duration: Parameters<typeof dueAfter>[1]) =>
  dueAfter(at(from), duration).toISOString();
const stockholmClock = (instant: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: BUSINESS_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);

describe('dueAfter: business days', () => {
  it('ends at 16:00 Stockholm on the Nth business day, skipping the weekend', () => {
    // Friday 27 November 2026, 10:00 Stockholm (winter time, UTC+1) + 2 business days = Tuesday 1 December 16:00.
    expect(due('2026-11-27T09:00:00Z', { businessDays: 2 })).toBe('2026-12-01T15:00:00.000Z');
  });

  it('is 16:00 summer time (14:00Z) in summer', () => {
    // Wednesday 10 June 2026 + 1 business day = Thursday 11 June 16:00 CEST.
    expect(due('2026-06-10T07:30:00Z', { businessDays: 1 })).toBe('2026-06-11T14:00:00.000Z');
  });

  it('skips Christmas', () => {
    // Wednesday 23 December 2026: Christmas Eve, Day and Boxing Day, then the weekend.
    expect(due('2026-12-23T09:00:00Z', { businessDays: 1 })).toBe('2026-12-28T15:00:00.000Z');
  });

  it('counts from the Stockholm day of opening, also when opened late in the evening', () => {
    // 23:30Z on Thursday 26 November is 00:30 on Friday in Stockholm.
    expect(due('2026-11-26T23:30:00Z', { businessDays: 1 })).toBe('2026-11-30T15:00:00.000Z');
  });

  it('a stage opened after 16:00 still counts its days from that day', () => {
    // Monday 30 November 2026 17:00 Stockholm + 1 business day = Tuesday 16:00.
    expect(due('2026-11-30T16:00:00Z', { businessDays: 1 })).toBe('2026-12-01T15:00:00.000Z');
  });

  it('property: a business-day deadline is at 16:00 Stockholm on a business day after the opening', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms)),
        fc.integer({ min: 1, max: 15 }),
        (openedAt, businessDays) => {
          const deadline = dueAfter(openedAt, { businessDays });
          expect(stockholmClock(deadline)).toBe('16:00');
          expect(isBusinessDay(stockholmDate(deadline))).toBe(true);
          expect(stockholmDate(deadline) > stockholmDate(openedAt)).toBe(true);
        },
      ),
    );
  });
});

describe('dueAfter: hours', () => {
  it('hours are calendar hours', () => {
    expect(due('2026-11-27T09:00:00Z', { hours: 4 })).toBe('2026-11-27T13:00:00.000Z');
  });

  it('runs through nights, weekends and holidays', () => {
    // Friday 22:00 Stockholm, Christmas Day 2026.
    expect(due('2026-12-25T21:00:00Z', { hours: 4 })).toBe('2026-12-26T01:00:00.000Z');
  });

  it('counts elapsed hours across a DST switch', () => {
    // Sunday 29 March 2026, 01:00 CET + 4 elapsed hours = 06:00 CEST.
    expect(due('2026-03-29T00:00:00Z', { hours: 4 })).toBe('2026-03-29T04:00:00.000Z');
  });

  it('an urgent call-off stage is due 4 hours after opening and escalates 4 hours after that', () => {
    const [staffingReview] = planRoute(POLICY_V1, {
      kind: 'agency_call_off',
      newPermanentPosition: false,
      urgent: true,
    });
    const openedAt = at('2026-07-04T18:15:00Z');
    const deadline = dueAfter(openedAt, staffingReview.deadline);
    const escalation = dueAfter(deadline, staffingReview.escalations[0].after);
    expect(deadline.toISOString()).toBe('2026-07-04T22:15:00.000Z');
    expect(escalation.toISOString()).toBe('2026-07-05T02:15:00.000Z');
  });

  it('property: a deadline of h hours is exactly h hours later', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: 0, max: 240 }),
        (ms, hours) => {
          expect(dueAfter(new Date(ms), { hours }).getTime() - ms).toBe(hours * 3_600_000);
        },
      ),
    );
  });

  it('does not change the instant it is given', () => {
    const openedAt = at('2026-11-27T09:00:00Z');
    dueAfter(openedAt, { hours: 4 });
    dueAfter(openedAt, { businessDays: 2 });
    expect(openedAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });
});
