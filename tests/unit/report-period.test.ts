import {
  firstBusinessDayOfMonth,
  parseReportMonth,
  parseReportTertial,
  reportDueOn,
  reportPeriodKey,
  reportPeriodLabel,
  reportRange,
  reportSeriesRange,
} from '@domain/report-period';

describe('report periods', () => {
  it('reads a month and a tertial, and refuses what is neither', () => {
    expect(parseReportMonth('2026-11')).toEqual({ kind: 'month', year: 2026, month: 11 });
    expect(parseReportTertial('2026-T1')).toEqual({ kind: 'tertial', year: 2026, tertial: 1 });
    for (const bad of ['2026-13', '2026-1', '2026-00', '1899-12', '26-11', '2026-11-01'])
      expect(parseReportMonth(bad)).toBeNull();
    for (const bad of ['2026-T4', '2026-T0', '2026T1', '2026-t1']) expect(parseReportTertial(bad)).toBeNull();
  });

  it('covers January to April, May to August and September to December as the tertials', () => {
    expect(reportRange(parseReportTertial('2026-T1')!)).toEqual({ from: '2026-01-01', to: '2026-04-30' });
    expect(reportRange(parseReportTertial('2026-T2')!)).toEqual({ from: '2026-05-01', to: '2026-08-31' });
    expect(reportRange(parseReportTertial('2026-T3')!)).toEqual({ from: '2026-09-01', to: '2026-12-31' });
    expect(reportRange(parseReportMonth('2028-02')!)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('labels the period in Swedish and keys it as the query writes it', () => {
    expect(reportPeriodLabel(parseReportMonth('2026-11')!)).toBe('november 2026');
    expect(reportPeriodLabel(parseReportTertial('2026-T1')!)).toBe('tertial 1 2026');
    expect(reportPeriodKey(parseReportMonth('2026-03')!)).toBe('2026-03');
    expect(reportPeriodKey(parseReportTertial('2026-T3')!)).toBe('2026-T3');
  });

  it('shows a month beside the twelve before it, and a tertial as its four months', () => {
    expect(reportSeriesRange(parseReportMonth('2026-11')!)).toEqual({ from: '2025-11-01', to: '2026-11-30' });
    expect(reportSeriesRange(parseReportTertial('2026-T2')!)).toEqual({
      from: '2026-05-01',
      to: '2026-08-31',
    });
  });

  it('finds the first business day past weekends and holidays', () => {
    expect(firstBusinessDayOfMonth('2026-01')).toBe('2026-01-02'); // New Year's Day a Thursday
    expect(firstBusinessDayOfMonth('2026-11')).toBe('2026-11-02'); // 1 November a Sunday
    expect(firstBusinessDayOfMonth('2026-12')).toBe('2026-12-01');
    expect(firstBusinessDayOfMonth('2027-05')).toBe('2027-05-03'); // 1 May a Saturday (and a holiday)
  });

  it('makes the previous month due on the first business day only', () => {
    expect(reportDueOn('2026-12-01')).toEqual({ kind: 'month', year: 2026, month: 11 });
    expect(reportDueOn('2026-01-02')).toEqual({ kind: 'month', year: 2025, month: 12 });
    expect(reportDueOn('2026-01-01')).toBeNull();
    expect(reportDueOn('2026-12-02')).toBeNull();
    expect(reportDueOn('2026-11-01')).toBeNull();
  });
});
