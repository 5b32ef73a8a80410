import fc from 'fast-check';
import { accrualByMonth, annualCost, avoidedCost, dayShare } from '@domain/cost';

describe('the cost model', () => {
  it('spreads a call-off over its days to the krona, whatever the total and the length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 800 }),
        (total, days) => {
          let sum = 0;
          for (let i = 0; i < days; i += 1) {
            const share = dayShare(total, days, i);
            // Every day gets the even share, rounded down or up: none is favoured.
            expect(share === Math.floor(total / days) || share === Math.ceil(total / days)).toBe(true);
            sum += share;
          }
          expect(sum).toBe(total);
        },
      ),
    );
  });

  it('books a call-off in the months its staff work, by their days', () => {
    // 61 days: 16 in March, 30 in April, 15 in May
    const months = accrualByMonth(500_000, '2026-03-16', '2026-05-15');
    expect([...months.keys()]).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(months.get('2026-03')).toBe(Math.floor((500_000 * 16) / 61));
    expect(months.get('2026-04')).toBe(Math.floor((500_000 * 46) / 61) - Math.floor((500_000 * 16) / 61));
    expect([...months.values()].reduce((a, b) => a + b, 0)).toBe(500_000);
    // A one-day call-off, and one across a year end
    expect([...accrualByMonth(9_999, '2026-12-31', '2026-12-31')]).toEqual([['2026-12', 9_999]]);
    expect([...accrualByMonth(100, '2026-12-31', '2027-01-01')]).toEqual([
      ['2026-12', 50],
      ['2027-01', 50],
    ]);
  });

  it('reports a hire per year and the avoided cost gross', () => {
    expect(annualCost(48_500)).toBe(582_000);
    expect(avoidedCost(52_000, 140_000)).toBe(192_000);
  });
});
