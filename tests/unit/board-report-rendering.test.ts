import { categoryLabels, niceStep } from '../../libs/reports/pdf-chart';
import {
  groupDigits,
  kronor,
  percent,
  stockholmDateTime,
  thousandKronor,
} from '../../libs/reports/format-sv';
import { fileName } from '../../libs/reports/report-texts';
import type { BoardReport } from '@contracts/board-report';

describe('the board report’s Swedish numbers', () => {
  it('groups thousands with spaces and writes kronor, per cent and tkr as Swedes do', () => {
    expect(kronor(1_234_567)).toBe('1 234 567 kr');
    expect(kronor(-5_000)).toBe('-5 000 kr');
    expect(groupDigits(999)).toBe('999');
    expect(percent(0.8947)).toBe('89,5 %');
    expect(percent(null)).toBe('–');
    expect(thousandKronor(1_500_000)).toBe('1 500');
    expect(thousandKronor(2_500)).toBe('2,5');
  });

  it('writes the generated time on Stockholm’s clock', () => {
    expect(stockholmDateTime('2026-12-01T06:00:00.000Z')).toBe('2026-12-01 07:00');
    expect(stockholmDateTime('2026-07-01T06:00:00.000Z')).toBe('2026-07-01 08:00');
  });
});

describe('the board report’s chart axes', () => {
  it('picks a step of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1_430)).toBe(500);
    expect(niceStep(13)).toBe(5);
    expect(niceStep(0)).toBe(1);
  });

  it('writes full labels when they fit, short ones when not, and thins them out rather than overlap', () => {
    const width = (s: string) => s.length * 5;
    const full = ['januari 2026', 'februari 2026', 'mars 2026'];
    const short = ['jan 26', 'feb 26', 'mar 26'];
    expect(categoryLabels(full, short, 100, width)).toEqual(full);
    expect(categoryLabels(full, short, 40, width)).toEqual(short);
    expect(categoryLabels(full, short, 20, width)).toEqual(['jan 26', '', 'mar 26']);
    // Every label written fits its share of the axis: no two overlap.
    const labels = categoryLabels(full, short, 20, width);
    const gaps = labels.map((l, i) => (l ? i : -1)).filter((i) => i >= 0);
    for (let i = 1; i < gaps.length; i++)
      expect((gaps[i] - gaps[i - 1]) * 20).toBeGreaterThanOrEqual(width('jan 26'));
  });
});

describe('the board report’s file name', () => {
  it('names the period, and says when it is a division’s', () => {
    const report = { period: { key: '2026-11' }, scope: { divisionIds: null } } as unknown as BoardReport;
    expect(fileName(report, 'pdf')).toBe('styrelserapport-2026-11.pdf');
    expect(fileName({ ...report, scope: { divisionIds: ['x'], label: 'x' } }, 'xlsx')).toBe(
      'styrelserapport-2026-11-division.xlsx',
    );
  });
});
