import { stockholmDate } from '@domain/calendar';
import { agencyShare } from '@domain/cost-actuals';
import { addMonths, type Ledger, sumLedgers, targetProgress } from '@domain/cost-progress';
import type { ReportActuals } from '@contracts/board-report';
import { CostRepository, type LedgerRow } from '@db/repositories/cost.repository';
import { OrgUnitsRepository } from '@db/repositories/org-units.repository';
import type { Queryable } from '@db/repositories/rows';
import { StatisticsReader } from '@db/statistics/statistics-reader';

export const REGION_TARGET_LABEL = 'Hela regionen';

const ledgerOf = (rows: LedgerRow[]): Ledger =>
  new Map(rows.map((r) => [r.month, { agencySek: r.agencySek, ownStaffSek: r.ownStaffSek }]));

/**
 * The report's "Utfall och mål": per division and month of the range, the ledger's booked costs against the same
 * month a year earlier and the review's accrued call-off cost beside them, and the targets of the range's year(s)
 * with their progress up to the range's end — the rules of GET /stats/actuals (libs/domain/cost-progress.ts). A
 * region target is shown only on the region's report, measured on the whole region. Undefined when the ledger has
 * nothing booked for the range: the report then leaves the section out rather than print a table of dashes.
 */
export async function reportActuals(
  db: Queryable,
  range: { from: string; to: string },
  divisionIds: string[] | undefined,
): Promise<ReportActuals | undefined> {
  const costs = new CostRepository(db);
  const [first, last] = [range.from.slice(0, 7), range.to.slice(0, 7)];
  const firstYear = Number(first.slice(0, 4));
  // From the January a year before the range's first year: the comparisons and the year-to-date need it.
  const ledger = await costs.ledger({
    from: `${firstYear - 1}-01-01`,
    to: `${last}-01`,
    divisionIds,
  });
  const inRange = ledger.filter((r) => r.month >= first && r.month <= last);
  if (inRange.length === 0) return undefined;
  const [org, accrued, importedAt, targets] = await Promise.all([
    new OrgUnitsRepository(db).all('name'),
    new StatisticsReader(db).monthRows({ ...range, kind: 'agency_call_off', divisionIds }, 'division'),
    costs.lastImportedAt({ from: `${first}-01`, to: `${last}-01`, divisionIds }),
    costs.targets({ fromYear: firstYear, toYear: Number(last.slice(0, 4)), divisionIds }),
  ]);
  const name = (id: string) => org.find((o) => o.id === id)?.name ?? id;
  const byDivision = new Map<string, LedgerRow[]>();
  for (const r of ledger) byDivision.set(r.divisionId, [...(byDivision.get(r.divisionId) ?? []), r]);
  const accruedOf = new Map(
    accrued.map((r) => [`${r.key}|${r.month}`, r.measures.cost.agencyCallOff.accrued]),
  );

  const rows = inRange
    .map((r) => {
      const then = ledgerOf(byDivision.get(r.divisionId) ?? []).get(addMonths(r.month, -12));
      return {
        month: r.month,
        divisionId: r.divisionId,
        label: name(r.divisionId),
        agencyCostSek: r.agencySek,
        ownStaffCostSek: r.ownStaffSek,
        agencyShare: agencyShare(r.agencySek, r.ownStaffSek),
        agencyYearEarlierSek: then?.agencySek ?? null,
        agencyChangeSek: then ? r.agencySek - then.agencySek : null,
        reviewAccruedSek: accruedOf.get(`${r.divisionId}|${r.month}`) ?? 0,
      };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || a.label.localeCompare(b.label, 'sv'));

  // Progress counts only what was booked by the report's last month, so a report read later says the same.
  const upToEnd = (l: Ledger): Ledger => new Map([...l].filter(([m]) => m <= last));
  const whole = upToEnd(sumLedgers([...byDivision.values()].map(ledgerOf)));
  const shown = targets.filter((t) => t.divisionId !== null || divisionIds === undefined);
  return {
    source: `Ekonomisystemets utfall, senast importerat ${importedAt ? stockholmDate(importedAt) : 'okänt'}`,
    rows,
    targets: shown.map((t) => {
      const measured = t.divisionId === null ? whole : upToEnd(ledgerOf(byDivision.get(t.divisionId) ?? []));
      const progress = targetProgress(t.year, t, measured);
      return {
        year: t.year,
        label: t.divisionId === null ? REGION_TARGET_LABEL : (t.divisionName ?? name(t.divisionId)),
        agencyReductionSek: t.agencyReductionSek,
        achievedReductionSek: progress.achievedReductionSek,
        comparedMonths: progress.comparedMonths,
        agencyShareCeiling: t.agencyShareCeiling,
        shareYearToDate: progress.shareYearToDate,
        withinCeiling: progress.withinCeiling,
      };
    }),
  };
}
