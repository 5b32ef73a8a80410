import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { addCalendarDays, addCalendarMonths, stockholmDate } from '@domain/calendar';
import { NATIONAL_AGENCY_AIM } from '@domain/cost';
import { actualsSeries, addMonths, type Ledger, sumLedgers, targetProgress } from '@domain/cost-progress';
import { DomainError } from '@domain/errors';
import { statisticsScope } from '@domain/stats-scope';
import type { ActualsImportOutcome, ActualsStats, CostTarget } from '@contracts/cost';
import { setCostTargetBody } from '@contracts/cost';
import { CostRepository, type LedgerRow, type TargetRow } from '@db/repositories/cost.repository';
import { OrgUnitsRepository } from '@db/repositories/org-units.repository';
import { StatisticsReader } from '@db/statistics/statistics-reader';
import { importActuals, readActualsFile } from '@org-import/actuals';
import { UnreadableImport } from '@org-import/read';
import type { CurrentUser } from '../auth/current-user';
import { parseBody } from '../common/parse-body';
import { problem, ProblemException } from '../common/problem';
import { DATA_SOURCE } from '../tokens';
import { actualsQuery, targetsQuery } from './cost-params';

const ledgerOf = (rows: LedgerRow[]): Ledger =>
  new Map(rows.map((r) => [r.month, { agencySek: r.agencySek, ownStaffSek: r.ownStaffSek }]));

/** Actuals from the ledger, the board's targets, and the actuals statistics (docs/cost-actuals-import.md). */
@Injectable()
export class CostService {
  private readonly costs: CostRepository;
  private readonly orgUnits: OrgUnitsRepository;
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.costs = new CostRepository(dataSource);
    this.orgUnits = new OrgUnitsRepository(dataSource);
  }

  async import(
    bytes: Uint8Array,
    fileName: string,
    apply: boolean,
    user: CurrentUser,
    now = new Date(),
  ): Promise<ActualsImportOutcome> {
    const sheet = await readActualsFile(bytes, fileName).catch((e: unknown) => {
      // The field is named, as for every bad input: the upload's multipart field.
      if (e instanceof UnreadableImport)
        throw new ProblemException(
          problem(e.status, e.message, { errors: [{ field: 'file', message: e.message }] }),
        );
      throw e;
    });
    return importActuals(this.dataSource, sheet, {
      apply,
      actorId: user.id,
      today: stockholmDate(now),
      // A follow-up role over divisions books those divisions only, as it sets their targets only.
      divisionIds: this.seen(user),
    });
  }

  /** The divisions whose targets the user sees: undefined for all of them (the admin, region-wide roles). */
  private seen(user: CurrentUser): string[] | undefined {
    if (user.grants.some((g) => g.role === 'admin')) return undefined;
    const scope = statisticsScope(user.grants);
    return scope === 'region' ? undefined : scope;
  }

  /** A follow-up role over divisions sets their targets only; the region's and others' are not its to set. */
  private mayWrite(user: CurrentUser, divisionId: string | null): void {
    const seen = this.seen(user);
    if (seen && (divisionId === null || !seen.includes(divisionId)))
      throw new DomainError('not_allowed', 'You may set the targets of your own divisions only');
  }

  async targets(query: unknown, user: CurrentUser): Promise<{ targets: CostTarget[] }> {
    const q = parseBody(targetsQuery, query);
    const seen = this.seen(user);
    const rows = await this.costs.targets({
      fromYear: q.year ?? 2000,
      toYear: q.year ?? 2100,
      divisionIds: seen,
    });
    return { targets: rows };
  }

  /** Sets a year's target for a division or the region (replacing the one it had), audited with before and after. */
  async setTarget(body: unknown, user: CurrentUser): Promise<CostTarget> {
    const b = parseBody(setCostTargetBody, body);
    this.mayWrite(user, b.divisionId);
    if (b.divisionId && !(await this.costs.isDivision(b.divisionId)))
      throw new DomainError('validation_failed', 'No such division', [
        { field: 'divisionId', message: 'is no division' },
      ]);
    return this.dataSource.transaction(async (manager) => {
      const repo = new CostRepository(manager);
      const before = await repo.target(b.year, b.divisionId);
      const id = await repo.setTarget(b, user.id);
      const after = (await repo.target(b.year, b.divisionId))!;
      await repo.audit(user.id, [
        {
          entity: 'cost_target',
          entityId: id,
          action: before ? 'change' : 'create',
          before: before ? snapshot(before) : null,
          after: snapshot(after),
        },
      ]);
      return after;
    });
  }

  async clearTarget(id: string, user: CurrentUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repo = new CostRepository(manager);
      const [row] = (await repo.targets({ fromYear: 2000, toYear: 2100 })).filter((t) => t.id === id);
      if (!row) throw new DomainError('not_found', 'No such target');
      this.mayWrite(user, row.divisionId);
      await repo.clearTarget(id);
      await repo.audit(user.id, [
        { entity: 'cost_target', entityId: id, action: 'clear', before: snapshot(row), after: null },
      ]);
    });
  }

  async actuals(query: unknown, user: CurrentUser, now = new Date()): Promise<ActualsStats> {
    const q = parseBody(actualsQuery, query);
    const to = q.to ?? stockholmDate(now).slice(0, 7);
    const from = q.from ?? addMonths(to, -11);
    if (from > to)
      throw new DomainError('validation_failed', 'The range ends before it begins', [
        { field: 'from', message: `must not be after ${to}` },
      ]);
    const seen = statisticsScope(user.grants);
    let divisionIds = seen === 'region' ? undefined : seen;
    if (q.divisionId) {
      if (divisionIds && !divisionIds.includes(q.divisionId))
        throw new DomainError('not_allowed', 'You may see the statistics of your own division only');
      divisionIds = [q.divisionId];
    }
    if (q.unitId) {
      const divisionId = await this.orgUnits.divisionOfUnit(q.unitId);
      if (!divisionId)
        throw new DomainError('validation_failed', 'No such unit', [
          { field: 'unitId', message: 'no such unit' },
        ]);
      if (divisionIds && !divisionIds.includes(divisionId))
        throw new DomainError('not_allowed', 'You may see the statistics of your own division only');
      if (q.divisionId && q.divisionId !== divisionId)
        throw new DomainError('validation_failed', 'The unit is not in the division', [
          { field: 'unitId', message: 'is not a unit of divisionId' },
        ]);
    }
    const [fromYear, toYear] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
    // A year earlier for the comparison, and whole years for the targets' year-to-date.
    const readFrom = `${fromYear - 1}-01`;
    const readTo = `${toYear}-12`;
    const rows = await this.costs.ledger({
      from: `${readFrom}-01`,
      to: `${readTo}-01`,
      divisionIds,
      unitId: q.unitId,
    });
    const perDivision = new Map<string, LedgerRow[]>();
    for (const r of rows) perDivision.set(r.divisionId, [...(perDivision.get(r.divisionId) ?? []), r]);
    const whole = sumLedgers([...perDivision.values()].map(ledgerOf));
    const series = actualsSeries(whole, from, to);
    // The review's own figures for the same months and scope, beside the ledger's: the statistics' reader.
    const review = await new StatisticsReader(this.dataSource).timeseries(
      {
        from: `${from}-01`,
        to: addCalendarDays(addCalendarMonths(`${to}-01`, 1), -1),
        kind: 'agency_call_off',
        divisionIds,
        unitId: q.unitId,
      },
      'month',
    );
    const byMonth = new Map(review.points.map((p) => [p.period.slice(0, 7), p.cost.agencyCallOff]));
    const months = series.months.map((m) => ({
      ...m,
      review: {
        callOffAccruedSek: byMonth.get(m.month)?.accrued ?? 0,
        callOffApprovedSek: byMonth.get(m.month)?.approved ?? 0,
      },
    }));
    const totals = series.totals;

    // Targets are per division or region: a unit's figures have none; a region target is measured only on the
    // whole region's figures, a division's on that division's.
    const targets: TargetRow[] = q.unitId
      ? []
      : (await this.costs.targets({ fromYear, toYear, divisionIds })).filter(
          (t) => t.divisionId !== null || (divisionIds === undefined && !q.divisionId),
        );
    const years = [];
    for (let year = fromYear; year <= toYear; year++)
      years.push({
        year,
        targets: targets
          .filter((t) => t.year === year)
          .map((t) => ({
            target: t,
            progress: targetProgress(
              year,
              t,
              t.divisionId === null ? whole : ledgerOf(perDivision.get(t.divisionId) ?? []),
            ),
          })),
      });
    return { from, to, nationalAim: NATIONAL_AGENCY_AIM, months, totals, years };
  }
}

const snapshot = (t: TargetRow) => ({
  year: t.year,
  divisionId: t.divisionId,
  agencyReductionSek: t.agencyReductionSek,
  agencyShareCeiling: t.agencyShareCeiling,
  note: t.note,
});
