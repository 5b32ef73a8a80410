import fc from 'fast-check';
import { addCalendarDays } from '@domain/calendar';
import { bucketsOf, bucketStart, planRange, yearEarlier } from '@domain/stats-range';

describe('a statistics date range', () => {
  it('reads whole months from the rollups and the rest from the raw record', () => {
    expect(planRange('2026-03-01', '2026-04-30', 'month')).toEqual({
      whole: { from: '2026-03-01', until: '2026-05-01' },
      edges: [],
    });
    expect(planRange('2026-02-15', '2026-05-10', 'month')).toEqual({
      whole: { from: '2026-03-01', until: '2026-05-01' },
      edges: [
        { from: '2026-02-15', until: '2026-03-01' },
        { from: '2026-05-01', until: '2026-05-11' },
      ],
    });
    expect(planRange('2026-04-01', '2026-04-16', 'month')).toEqual({
      whole: null,
      edges: [{ from: '2026-04-01', until: '2026-04-17' }],
    });
  });

  it('starts weeks on Monday', () => {
    expect(bucketStart('2026-04-05', 'week')).toBe('2026-03-30'); // Easter Sunday
    expect(bucketStart('2026-04-06', 'week')).toBe('2026-04-06');
    expect(planRange('2026-04-08', '2026-04-26', 'week')).toEqual({
      whole: { from: '2026-04-13', until: '2026-04-27' },
      edges: [{ from: '2026-04-08', until: '2026-04-13' }],
    });
  });

  it('covers every day of the range exactly once', () => {
    const day = fc.integer({ min: 0, max: 1500 }).map((n) => addCalendarDays('2024-01-01', n));
    fc.assert(
      fc.property(day, day, fc.constantFrom('month' as const, 'week' as const), (a, b, grain) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const plan = planRange(from, to, grain);
        const spans = [...plan.edges, ...(plan.whole ? [plan.whole] : [])].sort((x, y) =>
          x.from.localeCompare(y.from),
        );
        expect(spans[0].from).toBe(from);
        expect(spans[spans.length - 1].until).toBe(addCalendarDays(to, 1));
        for (let i = 1; i < spans.length; i++) expect(spans[i].from).toBe(spans[i - 1].until);
        if (plan.whole) {
          expect(bucketStart(plan.whole.from, grain)).toBe(plan.whole.from);
          expect(bucketStart(plan.whole.until, grain)).toBe(plan.whole.until);
        }
      }),
    );
  });

  it('lists the buckets of a series, and the same bucket a year earlier', () => {
    expect(bucketsOf('2026-02-15', '2026-04-01', 'month')).toEqual([
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
    ]);
    expect(yearEarlier('2026-04-01', 'month')).toBe('2025-04-01');
    expect(yearEarlier('2024-02-29', 'month')).toBe('2023-02-28');
    expect(yearEarlier('2026-04-13', 'week')).toBe('2025-04-14');
  });
});
