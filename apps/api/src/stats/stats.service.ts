import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { businessDaysAfter, stockholmDate } from '@domain/calendar';
import { STAGE_NAMES } from '@domain/enums';
import { DomainError } from '@domain/errors';
import { statisticsScope } from '@domain/stats-scope';
import { CATEGORY, KIND, STAGE } from '@domain/labels-sv';
import { addCalendarDays, calendarDaysBetween } from '@domain/calendar';
import { bucketsOf, type Grain, MAX_RANGE_YEARS, rangeTooLong, yearEarlier } from '@domain/stats-range';
import type { Breakdown, Summary, Timeseries } from '@contracts/stats';
import type { CurrentUser } from '../auth/current-user';
import { parseBody } from '../common/parse-body';
import { DATA_SOURCE } from '../tokens';
import {
  breakdownQuery,
  type BreakdownDimension,
  exportQuery,
  type StatsFilter,
  summaryQuery,
  timeseriesQuery,
} from './stats-params';
import { AGE_BANDS, measuresOf, stageMeasures } from './stats-measures';
import { OrgUnitsRepository, type OrgUnitRow } from '@db/repositories/org-units.repository';
import {
  type GroupKey,
  type OpenRow,
  StatisticsRepository,
  type StatsScope,
} from '@db/repositories/statistics.repository';
import { statsCsv } from './stats-csv';

/** SKR's national aim for agency staff as a share of the staff cost. */
export const NATIONAL_AGENCY_AIM = 0.02;

const keyOf = (row: { k0: string; k1: string }) => `${row.k0}|${row.k1}`;
const byKey = <T extends { k0: string; k1: string }>(rows: T[]) => new Map(rows.map((r) => [keyOf(r), r]));

/**
 * The directors' statistics: every figure is read from the rollups for whole months/weeks and from the raw
 * record for the days at the edges of the range, grouped and summed in SQL.
 */
@Injectable()
export class StatsService {
  private readonly statistics: StatisticsRepository;
  private readonly orgUnits: OrgUnitsRepository;
  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.statistics = new StatisticsRepository(dataSource);
    this.orgUnits = new OrgUnitsRepository(dataSource);
  }

  async summary(query: unknown, user: CurrentUser, now = new Date()): Promise<Summary> {
    const scope = await this.scope(parseBody(summaryQuery, query), user, now);
    const [counters, leads, open] = await Promise.all([
      this.counters(scope, 'month', []),
      this.leads(scope, 'month', []),
      this.open(scope, []),
    ]);
    return {
      from: scope.from,
      to: scope.to,
      ...measuresOf(counters[0], leads[0]),
      open: this.ages(open, stockholmDate(now)),
    };
  }

  async timeseries(query: unknown, user: CurrentUser, now = new Date()): Promise<Timeseries> {
    const q = parseBody(timeseriesQuery, query);
    const grain = q.interval;
    const scope = await this.scope(q, user, now);
    const [counters, leads, previous] = await Promise.all([
      this.counters(scope, grain, ['bucket']),
      this.leads(scope, grain, ['bucket']),
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
        agencyCostPreviousYear: p.get(yearEarlier(period, grain))?.agency_cost ?? 0,
      })),
    };
  }

  async breakdown(query: unknown, user: CurrentUser, now = new Date()): Promise<Breakdown> {
    const q = parseBody(breakdownQuery, query);
    const scope = await this.scope(q, user, now);
    if (q.by === 'stage') {
      const [counters] = await this.counters(scope, 'month', []);
      return {
        from: scope.from,
        to: scope.to,
        by: q.by,
        groups: STAGE_NAMES.map((stage) => ({
          key: stage,
          label: STAGE[stage].name,
          ...stageMeasures(counters, stage),
        })),
      };
    }
    const keys: GroupKey[] = [q.by];
    const [counters, leads, open, org] = await Promise.all([
      this.counters(scope, 'month', keys),
      this.leads(scope, 'month', keys),
      this.open(scope, keys),
      this.org(),
    ]);
    const c = byKey(counters);
    const l = byKey(leads);
    const groupKeys = new Set([...counters.map((r) => r.k0), ...this.orgGroups(q.by, scope, org)]);
    const days = calendarDaysBetween(scope.from, addCalendarDays(scope.to, 1));
    const groups = [...groupKeys].map((key) => {
      const measures = measuresOf(c.get(`${key}|`), l.get(`${key}|`));
      const division = q.by === 'division' ? org.find((o) => o.id === key) : undefined;
      return {
        key,
        label: labelOf(q.by, key, org),
        ...measures,
        open: this.ages(
          open.filter((o) => o.k0 === key),
          stockholmDate(now),
        ),
        ...(division && { budget: budgetOf(division, measures.agencyCost, days) }),
      };
    });
    groups.sort((a, b) => a.label.localeCompare(b.label, 'sv'));
    return { from: scope.from, to: scope.to, by: q.by, groups };
  }

  /** One row per group and month, in Swedish, as the board's monthly report takes it into a spreadsheet. */
  async exportCsv(query: unknown, user: CurrentUser, now = new Date()): Promise<Buffer> {
    const q = parseBody(exportQuery, query);
    const scope = await this.scope(q, user, now);
    const keys: GroupKey[] = [q.by, 'bucket'];
    const [counters, leads, previous, org] = await Promise.all([
      this.counters(scope, 'month', keys),
      this.leads(scope, 'month', keys),
      this.agencyYearEarlier(scope, 'month', keys),
      this.org(),
    ]);
    const l = byKey(leads);
    const p = byKey(previous);
    const rows = counters
      .map((row) => ({
        month: row.k1.slice(0, 7),
        group: labelOf(q.by, row.k0, org),
        measures: measuresOf(row, l.get(keyOf(row))),
        agencyCostPreviousYear: p.get(`${row.k0}|${yearEarlier(row.k1, 'month')}`)?.agency_cost ?? 0,
      }))
      .sort((a, b) => a.month.localeCompare(b.month) || a.group.localeCompare(b.group, 'sv'));
    return statsCsv(q.by, rows);
  }

  /** The filter as the caller may see it: the divisions of its grants' scope (statisticsScope), or all. */
  private async scope(filter: StatsFilter, user: CurrentUser, now: Date): Promise<StatsScope> {
    const today = stockholmDate(now);
    const to = filter.to ?? today;
    // By default the last twelve months, this one included: what a monthly report looks back on.
    const from = filter.from ?? `${yearEarlier(to, 'month').slice(0, 7)}-01`;
    if (from > to)
      throw new DomainError('validation_failed', 'The range ends before it begins', [
        { field: 'from', message: `must not be after ${to}` },
      ]);
    if (rangeTooLong(from, to))
      throw new DomainError('validation_failed', `The range spans more than ${MAX_RANGE_YEARS} years`, [
        filter.to
          ? { field: 'to', message: `must be less than ${MAX_RANGE_YEARS} years after from` }
          : { field: 'from', message: `must be less than ${MAX_RANGE_YEARS} years before to` },
      ]);
    const seen = statisticsScope(user.grants);
    let divisionIds = seen === 'region' ? undefined : seen;
    if (filter.divisionId) {
      if (divisionIds && !divisionIds.includes(filter.divisionId))
        throw new DomainError('not_allowed', 'You may see the statistics of your own division only');
      divisionIds = [filter.divisionId];
    }
    if (filter.unitId) {
      const divisionId = await this.orgUnits.divisionOfUnit(filter.unitId);
      if (!divisionId)
        throw new DomainError('validation_failed', 'No such unit', [
          { field: 'unitId', message: 'no such unit' },
        ]);
      if (divisionIds && !divisionIds.includes(divisionId))
        throw new DomainError('not_allowed', 'You may see the statistics of your own division only');
    }
    return { from, to, kind: filter.kind, divisionIds, unitId: filter.unitId, category: filter.category };
  }

  private counters(scope: StatsScope, grain: Grain, keys: GroupKey[]) {
    return this.statistics.counters(scope, grain, keys);
  }

  /** The agency call-offs' counters over the same range a year earlier, for the comparison with last year. */
  private agencyYearEarlier(scope: StatsScope, grain: Exclude<Grain, 'day'>, keys: GroupKey[]) {
    const earlier = { from: yearEarlier(scope.from, grain), to: yearEarlier(scope.to, grain) };
    return this.counters({ ...scope, ...earlier, kind: 'agency_call_off' }, grain, keys);
  }

  private leads(scope: StatsScope, grain: Grain, keys: GroupKey[]) {
    return this.statistics.leadTimes(scope, grain, keys);
  }

  private open(scope: StatsScope, keys: GroupKey[]) {
    return this.statistics.open(scope, keys);
  }

  private ages(rows: OpenRow[], today: string) {
    const byAge = AGE_BANDS.map(({ band }) => ({ band, count: 0 }));
    for (const row of rows) {
      const age = businessDaysAfter(row.day, today);
      byAge[AGE_BANDS.findIndex((b) => age <= b.max)].count += row.open;
    }
    return { total: rows.reduce((n, r) => n + r.open, 0), byAge };
  }

  private org(): Promise<OrgUnitRow[]> {
    return this.orgUnits.all('name');
  }

  /** The divisions or units in scope, so that a group with nothing to report still shows its zeros. */
  private orgGroups(by: BreakdownDimension, scope: StatsScope, org: OrgUnitRow[]): string[] {
    if (by !== 'division' && by !== 'unit') return [];
    return org
      .filter((o) => o.level === by)
      .filter(
        (o) =>
          !scope.unitId || (by === 'unit' ? o.id === scope.unitId : o.id === parentOf(scope.unitId, org)),
      )
      .filter((o) => !scope.divisionIds || scope.divisionIds.includes(by === 'division' ? o.id : o.parentId!))
      .map((o) => o.id);
  }
}

function parentOf(unitId: string, org: OrgUnitRow[]): string | undefined {
  return org.find((o) => o.id === unitId)?.parentId ?? undefined;
}

function labelOf(by: BreakdownDimension, key: string, org: OrgUnitRow[]): string {
  if (by === 'division' || by === 'unit') return org.find((o) => o.id === key)?.name ?? key;
  if (by === 'category') return CATEGORY[key as keyof typeof CATEGORY] ?? key;
  if (by === 'kind') return KIND[key as keyof typeof KIND]?.noun ?? key;
  return key;
}

/** A division's budget frame beside what the review approved and avoided, and agency cost against the aim. */
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
