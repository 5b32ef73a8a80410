import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { businessDaysAfter, stockholmDate } from '@domain/calendar';
import { STAGE_NAMES } from '@domain/enums';
import { DomainError } from '@domain/errors';
import { CATEGORY, KIND, STAGE } from '@domain/labels-sv';
import { addCalendarDays, calendarDaysBetween } from '@domain/calendar';
import { bucketsOf, type Grain, yearEarlier } from '@domain/stats-range';
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
import { AGE_BANDS, type CounterRow, type LeadRow, measuresOf, stageMeasures } from './stats-measures';
import { countersQuery, type GroupKey, leadTimesQuery, openQuery, type StatsScope } from './stats-sql';
import { statsCsv } from './stats-csv';

/** SKR's national aim for agency staff as a share of the staff cost. */
export const NATIONAL_AGENCY_AIM = 0.02;

interface OrgRow {
  id: string;
  level: 'division' | 'unit';
  parent_id: string | null;
  name: string;
  budget_sek: string | null;
  staff_cost_sek: string | null;
}

interface OpenRow {
  k0: string;
  k1: string;
  day: string;
  open: number;
}

const keyOf = (row: { k0: string; k1: string }) => `${row.k0}|${row.k1}`;
const byKey = <T extends { k0: string; k1: string }>(rows: T[]) => new Map(rows.map((r) => [keyOf(r), r]));

/**
 * The directors' statistics: every figure is read from the rollups for whole months/weeks and from the raw
 * record for the days at the edges of the range, grouped and summed in SQL.
 */
@Injectable()
export class StatsService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async summary(query: unknown, user: CurrentUser, now = new Date()) {
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

  async timeseries(query: unknown, user: CurrentUser, now = new Date()) {
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

  async breakdown(query: unknown, user: CurrentUser, now = new Date()) {
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

  /** The filter as the caller may see it: a director only their own divisions, the executive all. */
  private async scope(filter: StatsFilter, user: CurrentUser, now: Date): Promise<StatsScope> {
    const today = stockholmDate(now);
    const to = filter.to ?? today;
    // By default the last twelve months, this one included: what a monthly report looks back on.
    const from = filter.from ?? `${yearEarlier(to, 'month').slice(0, 7)}-01`;
    if (from > to)
      throw new DomainError('validation_failed', 'The range ends before it begins', [
        { field: 'from', message: `must not be after ${to}` },
      ]);
    const executive = user.grants.some((g) => g.role === 'executive');
    const own = user.grants.filter((g) => g.role === 'director' && g.scopeUnitId).map((g) => g.scopeUnitId!);
    let divisionIds = executive ? undefined : own;
    if (filter.divisionId) {
      if (divisionIds && !divisionIds.includes(filter.divisionId))
        throw new DomainError('not_allowed', 'You may see the statistics of your own division only');
      divisionIds = [filter.divisionId];
    }
    if (filter.unitId) {
      const [unit]: { parent_id: string }[] = await this.dataSource.query(
        `SELECT parent_id FROM org_units WHERE id = $1 AND level = 'unit'`,
        [filter.unitId],
      );
      if (!unit)
        throw new DomainError('validation_failed', 'No such unit', [
          { field: 'unitId', message: 'no such unit' },
        ]);
      if (divisionIds && !divisionIds.includes(unit.parent_id))
        throw new DomainError('not_allowed', 'You may see the statistics of your own division only');
    }
    return { from, to, kind: filter.kind, divisionIds, unitId: filter.unitId, category: filter.category };
  }

  private async counters(scope: StatsScope, grain: Grain, keys: GroupKey[]): Promise<CounterRow[]> {
    const { sql, params } = countersQuery(scope, grain, keys);
    return this.dataSource.query(sql, params);
  }

  /** The agency call-offs' counters over the same range a year earlier, for the comparison with last year. */
  private agencyYearEarlier(scope: StatsScope, grain: Exclude<Grain, 'day'>, keys: GroupKey[]) {
    const earlier = { from: yearEarlier(scope.from, grain), to: yearEarlier(scope.to, grain) };
    return this.counters({ ...scope, ...earlier, kind: 'agency_call_off' }, grain, keys);
  }

  private async leads(scope: StatsScope, grain: Grain, keys: GroupKey[]): Promise<LeadRow[]> {
    const { sql, params } = leadTimesQuery(scope, grain, keys);
    return this.dataSource.query(sql, params);
  }

  private async open(scope: StatsScope, keys: GroupKey[]): Promise<OpenRow[]> {
    const { sql, params } = openQuery(scope, keys);
    return this.dataSource.query(sql, params);
  }

  private ages(rows: OpenRow[], today: string) {
    const byAge = AGE_BANDS.map(({ band }) => ({ band, count: 0 }));
    for (const row of rows) {
      const age = businessDaysAfter(row.day, today);
      byAge[AGE_BANDS.findIndex((b) => age <= b.max)].count += row.open;
    }
    return { total: rows.reduce((n, r) => n + r.open, 0), byAge };
  }

  private org(): Promise<OrgRow[]> {
    return this.dataSource.query(
      `SELECT id, level, parent_id, name, budget_sek, staff_cost_sek FROM org_units ORDER BY name`,
    );
  }

  /** The divisions or units in scope, so that a group with nothing to report still shows its zeros. */
  private orgGroups(by: BreakdownDimension, scope: StatsScope, org: OrgRow[]): string[] {
    if (by !== 'division' && by !== 'unit') return [];
    return org
      .filter((o) => o.level === by)
      .filter(
        (o) =>
          !scope.unitId || (by === 'unit' ? o.id === scope.unitId : o.id === parentOf(scope.unitId, org)),
      )
      .filter(
        (o) => !scope.divisionIds || scope.divisionIds.includes(by === 'division' ? o.id : o.parent_id!),
      )
      .map((o) => o.id);
  }
}

function parentOf(unitId: string, org: OrgRow[]): string | undefined {
  return org.find((o) => o.id === unitId)?.parent_id ?? undefined;
}

function labelOf(by: BreakdownDimension, key: string, org: OrgRow[]): string {
  if (by === 'division' || by === 'unit') return org.find((o) => o.id === key)?.name ?? key;
  if (by === 'category') return CATEGORY[key as keyof typeof CATEGORY] ?? key;
  if (by === 'kind') return KIND[key as keyof typeof KIND]?.noun ?? key;
  return key;
}

/** A division's budget frame beside what the review approved and avoided, and agency cost against the aim. */
function budgetOf(division: OrgRow, agencyCost: number, days: number) {
  const staffCost = division.staff_cost_sek === null ? null : Number(division.staff_cost_sek);
  // The staff cost is per year; the range's share of it is what the agency cost compares with.
  const staffCostInRange = staffCost === null ? null : (staffCost * days) / 365;
  return {
    frameSek: division.budget_sek === null ? null : Number(division.budget_sek),
    staffCostSek: staffCost,
    agencyShareOfStaffCost: staffCostInRange
      ? Math.round((agencyCost / staffCostInRange) * 10_000) / 10_000
      : null,
    nationalAim: NATIONAL_AGENCY_AIM,
  };
}
