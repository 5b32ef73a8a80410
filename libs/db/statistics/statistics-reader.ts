import { addCalendarDays, businessDaysAfter, calendarDaysBetween } from '@domain/calendar';
import { NATIONAL_AGENCY_AIM } from '@domain/cost';
import { STAGE_NAMES } from '@domain/enums';
import { CATEGORY, KIND, STAGE } from '@domain/labels-sv';
import { bucketsOf, type Grain, yearEarlier } from '@domain/stats-range';
import type { Breakdown, Summary, Timeseries } from '@contracts/stats';
import { OrgUnitsRepository, type OrgUnitRow } from '../repositories/org-units.repository';
import {
  type GroupKey,
  type OpenRow,
  StatisticsRepository,
  type StatsScope,
} from '../repositories/statistics.repository';
import type { Queryable } from '../repositories/rows';
import { AGE_BANDS, type Measures, measuresOf, stageMeasures } from './measures';

export type BreakdownDimension = Breakdown['by'];
export type ExportDimension = Exclude<BreakdownDimension, 'stage'>;

/** One row of the monthly export: a group's figures for one month. */
export interface MonthRow {
  month: string;
  key: string;
  group: string;
  measures: Measures;
  agencyCostPreviousYear: number;
}

const keyOf = (row: { k0: string; k1: string }) => `${row.k0}|${row.k1}`;
const byKey = <T extends { k0: string; k1: string }>(rows: T[]) => new Map(rows.map((r) => [keyOf(r), r]));

/**
 * The statistics over a scope the caller may see (the API checks that; the report's schedule asks for a
 * scope it chose): every figure is read from the rollups for whole months/weeks and from the raw record for
 * the days at the edges of the range, grouped and summed in SQL. The API's endpoints and the board report read
 * the same figures from here.
 */
export class StatisticsReader {
  private readonly statistics: StatisticsRepository;
  private readonly orgUnits: OrgUnitsRepository;
  constructor(db: Queryable) {
    this.statistics = new StatisticsRepository(db);
    this.orgUnits = new OrgUnitsRepository(db);
  }

  async summary(scope: StatsScope, today: string): Promise<Summary> {
    const [counters, leads, open] = await Promise.all([
      this.statistics.counters(scope, 'month', []),
      this.statistics.leadTimes(scope, 'month', []),
      this.statistics.open(scope, []),
    ]);
    return {
      from: scope.from,
      to: scope.to,
      ...measuresOf(counters[0], leads[0]),
      open: ages(open, today),
    };
  }

  async timeseries(scope: StatsScope, grain: Exclude<Grain, 'day'>): Promise<Timeseries> {
    const [counters, leads, previous] = await Promise.all([
      this.statistics.counters(scope, grain, ['bucket']),
      this.statistics.leadTimes(scope, grain, ['bucket']),
      this.agencyYearEarlier(scope, grain, ['bucket']),
    ]);
    const c = new Map(counters.map((r) => [r.k0, r]));
    const l = new Map(leads.map((r) => [r.k0, r]));
    const p = new Map(previous.map((r) => [r.k0, r]));
    return {
      from: scope.from,
      to: scope.to,
      interval: grain,
      points: bucketsOf(scope.from, scope.to, grain).map((period) => ({
        period,
        ...measuresOf(c.get(period), l.get(period)),
        agencyCostPreviousYear: p.get(yearEarlier(period, grain))?.agency_call_off__accrued_cost ?? 0,
      })),
    };
  }

  async breakdown(scope: StatsScope, by: BreakdownDimension, today: string): Promise<Breakdown> {
    if (by === 'stage') {
      const [counters] = await this.statistics.counters(scope, 'month', []);
      return {
        from: scope.from,
        to: scope.to,
        by,
        groups: STAGE_NAMES.map((stage) => ({
          key: stage,
          label: STAGE[stage].name,
          ...stageMeasures(counters, stage),
        })),
      };
    }
    const keys: GroupKey[] = [by];
    const [counters, leads, open, org] = await Promise.all([
      this.statistics.counters(scope, 'month', keys),
      this.statistics.leadTimes(scope, 'month', keys),
      this.statistics.open(scope, keys),
      this.org(),
    ]);
    const c = byKey(counters);
    const l = byKey(leads);
    const groupKeys = new Set([...counters.map((r) => r.k0), ...orgGroups(by, scope, org)]);
    const days = calendarDaysBetween(scope.from, addCalendarDays(scope.to, 1));
    const groups = [...groupKeys].map((key) => {
      const measures = measuresOf(c.get(`${key}|`), l.get(`${key}|`));
      const division = by === 'division' ? org.find((o) => o.id === key) : undefined;
      return {
        key,
        label: labelOf(by, key, org),
        ...measures,
        open: ages(
          open.filter((o) => o.k0 === key),
          today,
        ),
        ...(division && { budget: budgetOf(division, measures.cost.agencyCallOff.accrued, days) }),
      };
    });
    groups.sort((a, b) => a.label.localeCompare(b.label, 'sv'));
    return { from: scope.from, to: scope.to, by, groups };
  }

  /** One row per group and month, sorted by month and then group, as the board's monthly report takes it. */
  async monthRows(scope: StatsScope, by: ExportDimension): Promise<MonthRow[]> {
    const keys: GroupKey[] = [by, 'bucket'];
    const [counters, leads, previous, org] = await Promise.all([
      this.statistics.counters(scope, 'month', keys),
      this.statistics.leadTimes(scope, 'month', keys),
      this.agencyYearEarlier(scope, 'month', keys),
      this.org(),
    ]);
    const l = byKey(leads);
    const p = byKey(previous);
    return counters
      .map((row) => ({
        month: row.k1.slice(0, 7),
        key: row.k0,
        group: labelOf(by, row.k0, org),
        measures: measuresOf(row, l.get(keyOf(row))),
        agencyCostPreviousYear:
          p.get(`${row.k0}|${yearEarlier(row.k1, 'month')}`)?.agency_call_off__accrued_cost ?? 0,
      }))
      .sort((a, b) => a.month.localeCompare(b.month) || a.group.localeCompare(b.group, 'sv'));
  }

  /** The agency call-offs' counters over the same range a year earlier, for the comparison with last year. */
  private agencyYearEarlier(scope: StatsScope, grain: Exclude<Grain, 'day'>, keys: GroupKey[]) {
    const earlier = { from: yearEarlier(scope.from, grain), to: yearEarlier(scope.to, grain) };
    return this.statistics.counters({ ...scope, ...earlier, kind: 'agency_call_off' }, grain, keys);
  }

  private org(): Promise<OrgUnitRow[]> {
    return this.orgUnits.all('name');
  }
}

function ages(rows: OpenRow[], today: string) {
  const byAge = AGE_BANDS.map(({ band }) => ({ band, count: 0 }));
  for (const row of rows) {
    const age = businessDaysAfter(row.day, today);
    byAge[AGE_BANDS.findIndex((b) => age <= b.max)].count += row.open;
  }
  return { total: rows.reduce((n, r) => n + r.open, 0), byAge };
}

/** The divisions or units in scope, so that a group with nothing to report still shows its zeros. */
function orgGroups(by: BreakdownDimension, scope: StatsScope, org: OrgUnitRow[]): string[] {
  if (by !== 'division' && by !== 'unit') return [];
  return org
    .filter((o) => o.level === by)
    .filter(
      (o) => !scope.unitId || (by === 'unit' ? o.id === scope.unitId : o.id === parentOf(scope.unitId, org)),
    )
    .filter((o) => !scope.divisionIds || scope.divisionIds.includes(by === 'division' ? o.id : o.parentId!))
    .map((o) => o.id);
}

function parentOf(unitId: string, org: OrgUnitRow[]): string | undefined {
  return org.find((o) => o.id === unitId)?.parentId ?? undefined;
}

export function labelOf(by: BreakdownDimension, key: string, org: OrgUnitRow[]): string {
  if (by === 'division' || by === 'unit') return org.find((o) => o.id === key)?.name ?? key;
  if (by === 'category') return CATEGORY[key as keyof typeof CATEGORY] ?? key;
  if (by === 'kind') return KIND[key as keyof typeof KIND]?.noun ?? key;
  return key;
}

/** A division's budget frame beside its accrued agency cost, and that cost against the national aim. */
function budgetOf(division: OrgUnitRow, agencyCost: number, days: number) {
  const staffCost = division.staffCostSek;
  // The staff cost is per year; the range's share of it is what the agency cost compares with.
  const staffCostInRange = staffCost === null ? null : (staffCost * days) / 365;
  return {
    frameSek: division.budgetSek,
    staffCostSek: staffCost,
    agencyShareOfStaffCost: staffCostInRange
      ? Math.round((agencyCost / staffCostInRange) * 10_000) / 10_000
      : null,
    nationalAim: NATIONAL_AGENCY_AIM,
  };
}
