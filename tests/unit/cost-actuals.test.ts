import {
  agencyShare,
  checkActuals,
  type CostUnit,
  parseActuals,
  parseAmount,
  parseMonth,
  planActuals,
} from '@domain/cost-actuals';
import { actualsSeries, type Ledger, targetProgress } from '@domain/cost-progress';
import type { Sheet } from '@domain/org-import';

const TODAY = '2026-12-02';
const HEADER = ['Månad', 'Enhetskod', 'Inhyrd personal (kr)', 'Egen personal (kr)'];
const aSheet = (...rows: string[][]): Sheet => ({
  name: 'Utfall',
  header: HEADER,
  rows: rows.map((cells, i) => ({ line: i + 2, cells })),
});
const UNITS: CostUnit[] = [
  { code: 'SOM', level: 'division', parentCode: null },
  { code: 'SOM-AKUT', level: 'unit', parentCode: 'SOM' },
  { code: 'PSY', level: 'division', parentCode: null },
];
const ledger = (entries: [string, number, number][]): Ledger =>
  new Map(entries.map(([m, a, o]) => [m, { agencySek: a, ownStaffSek: o }]));

describe('actuals rows', () => {
  it('reads a month as YYYY-MM or the first of a month, and nothing else', () => {
    expect(parseMonth('2026-03')).toBe('2026-03-01');
    expect(parseMonth('2026-03-01')).toBe('2026-03-01');
    expect(parseMonth('2026-13')).toBeUndefined();
    expect(parseMonth('2026-03-15')).toBeUndefined();
    expect(parseMonth('mars 2026')).toBeUndefined();
  });

  it('refuses negative, non-integer and implausible amounts, and reads Swedish Excel spacing', () => {
    expect(parseAmount('1 200 000')).toEqual({ value: 1_200_000 });
    expect(parseAmount('1200000,00')).toEqual({ value: 1_200_000 });
    expect(parseAmount('-5')).toHaveProperty('problem');
    expect(parseAmount('12,5')).toHaveProperty('problem');
    expect(parseAmount('abc')).toHaveProperty('problem');
    expect(parseAmount('5000000000')).toHaveProperty('problem');
  });

  it('names sheet, line and field for each bad cell', () => {
    const { rows, problems } = parseActuals(
      aSheet(['2026-02', 'SOM', '100', '900'], ['2026-14', 'SOM', '-1', 'x'], ['2027-01', '', '1', '1']),
      TODAY,
    );
    expect(rows).toHaveLength(1);
    expect(problems.map((p) => `${p.sheet}:${p.line}:${p.field}`)).toEqual([
      'Utfall:3:month',
      'Utfall:3:agencyCostSek',
      'Utfall:3:ownStaffCostSek',
      'Utfall:4:month',
      'Utfall:4:code',
    ]);
  });

  it('asks for a missing column by its Swedish header', () => {
    const { problems } = parseActuals({ name: 'Utfall', header: ['Månad', 'Enhetskod'], rows: [] }, TODAY);
    expect(problems.map((p) => p.field)).toEqual(['agencyCostSek', 'ownStaffCostSek']);
    expect(problems[0].message).toContain('Inhyrd personal (kr)');
  });
});

describe('actuals across rows', () => {
  const rowsOf = (...rows: string[][]) => parseActuals(aSheet(...rows), TODAY).rows;

  it('refuses a code that is no division or unit', () => {
    const problems = checkActuals('Utfall', rowsOf(['2026-01', 'NOPE', '1', '1']), UNITS);
    expect(problems).toEqual([expect.objectContaining({ line: 2, field: 'code' })]);
  });

  it('refuses the same month and code twice', () => {
    const problems = checkActuals(
      'Utfall',
      rowsOf(['2026-01', 'SOM', '1', '1'], ['2026-01', 'SOM', '2', '2']),
      UNITS,
    );
    expect(problems).toEqual([expect.objectContaining({ line: 3, field: 'code' })]);
  });

  it('refuses a division row and its unit rows in the same month, which would count twice', () => {
    const same = checkActuals(
      'Utfall',
      rowsOf(['2026-01', 'SOM', '1', '1'], ['2026-01', 'SOM-AKUT', '2', '2']),
      UNITS,
    );
    expect(same).toEqual([expect.objectContaining({ line: 3, field: 'code' })]);
    const otherMonths = checkActuals(
      'Utfall',
      rowsOf(['2026-01', 'SOM', '1', '1'], ['2026-02', 'SOM-AKUT', '2', '2'], ['2026-01', 'PSY', '1', '1']),
      UNITS,
    );
    expect(otherMonths).toEqual([]);
  });

  it('plans new, changed (before and after) and unchanged rows', () => {
    const current = new Map([
      ['2026-01|SOM', { agencyCostSek: 1, ownStaffCostSek: 1 }],
      ['2026-02|SOM', { agencyCostSek: 5, ownStaffCostSek: 5 }],
    ]);
    const plan = planActuals(
      rowsOf(['2026-01', 'SOM', '1', '1'], ['2026-02', 'SOM', '6', '5'], ['2026-03', 'SOM', '1', '1']),
      current,
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.change).toEqual([
      {
        month: '2026-02-01',
        code: 'SOM',
        before: { agencyCostSek: 5, ownStaffCostSek: 5 },
        after: { agencyCostSek: 6, ownStaffCostSek: 5 },
      },
    ]);
    expect(plan.create.map((i) => i.month)).toEqual(['2026-03-01']);
  });
});

describe('actuals figures', () => {
  it('computes the share of total staff cost (own plus hired), null with no cost', () => {
    expect(agencyShare(2, 98)).toBeCloseTo(0.02);
    expect(agencyShare(0, 0)).toBeNull();
  });

  it('compares each month with the same month a year earlier and sums only booked months', () => {
    const l = ledger([
      ['2025-01', 100, 900],
      ['2026-01', 80, 920],
      ['2026-02', 50, 950],
    ]);
    const { months, totals } = actualsSeries(l, '2026-01', '2026-03');
    expect(months[0]).toMatchObject({ agencySek: 80, agencyChangeSek: -20, ownStaffChangeSek: 20 });
    expect(months[1]).toMatchObject({ agencySek: 50, agencyChangeSek: null });
    expect(months[2]).toMatchObject({ agencySek: null, agencyShare: null });
    expect(totals).toMatchObject({
      agencySek: 130,
      ownStaffSek: 1870,
      monthsWithActuals: ['2026-01', '2026-02'],
    });
    expect(totals.comparedMonths).toEqual(['2026-01']);
    expect(totals.agencyChangeSek).toBe(-20);
  });

  it('counts the reduction achieved over the months booked this year only, and says which', () => {
    const l = ledger([
      ['2025-01', 100, 900],
      ['2025-02', 100, 900],
      ['2025-03', 100, 900],
      ['2026-01', 70, 930],
      ['2026-02', 60, 940],
    ]);
    const p = targetProgress(2026, { agencyReductionSek: 100, agencyShareCeiling: 0.05 }, l);
    expect(p.comparedMonths).toEqual(['2026-01', '2026-02']);
    expect(p.achievedReductionSek).toBe(70);
    expect(p.reductionProgress).toBeCloseTo(0.7);
    expect(p.shareYearToDate).toBeCloseTo(130 / 2000);
    expect(p.withinCeiling).toBe(false);
    expect(p.withinNationalAim).toBe(false);
  });
});
