import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { stockholmDate } from '@domain/calendar';
import { DomainError } from '@domain/errors';
import { statisticsScope } from '@domain/stats-scope';
import { MAX_RANGE_YEARS, rangeTooLong, yearEarlier } from '@domain/stats-range';
import type { Breakdown, Summary, Timeseries } from '@contracts/stats';
import { OrgUnitsRepository } from '@db/repositories/org-units.repository';
import type { StatsScope } from '@db/repositories/statistics.repository';
import { StatisticsReader } from '@db/statistics/statistics-reader';
import type { CurrentUser } from '../auth/current-user';
import { parseBody } from '../common/parse-body';
import { DATA_SOURCE } from '../tokens';
import { breakdownQuery, exportQuery, type StatsFilter, summaryQuery, timeseriesQuery } from './stats-params';
import { statsCsv } from './stats-csv';

/**
 * The directors' statistics: the query is parsed and narrowed to what the caller may see, and the figures are
 * read by the StatisticsReader, which the board report reads too.
 */
@Injectable()
export class StatsService {
  private readonly reader: StatisticsReader;
  private readonly orgUnits: OrgUnitsRepository;
  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.reader = new StatisticsReader(dataSource);
    this.orgUnits = new OrgUnitsRepository(dataSource);
  }

  async summary(query: unknown, user: CurrentUser, now = new Date()): Promise<Summary> {
    const scope = await this.scope(parseBody(summaryQuery, query), user, now);
    return this.reader.summary(scope, stockholmDate(now));
  }

  async timeseries(query: unknown, user: CurrentUser, now = new Date()): Promise<Timeseries> {
    const q = parseBody(timeseriesQuery, query);
    return this.reader.timeseries(await this.scope(q, user, now), q.interval);
  }

  async breakdown(query: unknown, user: CurrentUser, now = new Date()): Promise<Breakdown> {
    const q = parseBody(breakdownQuery, query);
    return this.reader.breakdown(await this.scope(q, user, now), q.by, stockholmDate(now));
  }

  /** One row per group and month, in Swedish, as the board's monthly report takes it into a spreadsheet. */
  async exportCsv(query: unknown, user: CurrentUser, now = new Date()): Promise<Buffer> {
    const q = parseBody(exportQuery, query);
    const rows = await this.reader.monthRows(await this.scope(q, user, now), q.by);
    return statsCsv(q.by, rows);
  }

  /**
   * The divisions a caller's statistics cover: the one asked for, if its grants' scope holds it (403 otherwise);
   * else every division that scope holds; undefined for the region. The board report takes the same rule.
   */
  divisionsFor(divisionId: string | undefined, user: CurrentUser): string[] | undefined {
    const seen = statisticsScope(user.grants);
    const divisionIds = seen === 'region' ? undefined : seen;
    if (!divisionId) return divisionIds;
    if (divisionIds && !divisionIds.includes(divisionId))
      throw new DomainError('not_allowed', 'You may see the statistics of your own division only');
    return [divisionId];
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
    const divisionIds = this.divisionsFor(filter.divisionId, user);
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
}
