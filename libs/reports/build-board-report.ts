import { stockholmDate } from '@domain/calendar';
import {
  type ReportPeriod,
  reportPeriodKey,
  reportPeriodLabel,
  reportRange,
  reportSeriesRange,
} from '@domain/report-period';
import type { BoardReport } from '@contracts/board-report';
import type { MeasureGroup } from '@contracts/stats';
import type { Queryable } from '@db/repositories/rows';
import { reportActuals } from './report-actuals';
import { StatisticsReader } from '@db/statistics/statistics-reader';

export interface BoardReportRequest {
  period: ReportPeriod;
  /**
   * The divisions the report covers; absent, the whole region. The caller has narrowed it to what its reader may
   * see (the API with StatsService's scope rule, the schedule with the recipient's grant).
   */
  divisionIds?: string[];
}

export const REGION_LABEL = 'Hela regionen';

/**
 * The board report's figures, read from the StatisticsReader only: the same summary, breakdown and time series
 * the statistics API answers for this range and scope, so a board member who opens the statistics page sees the
 * same numbers.
 */
export async function buildBoardReport(
  db: Queryable,
  { period, divisionIds }: BoardReportRequest,
  now: Date,
): Promise<BoardReport> {
  const reader = new StatisticsReader(db);
  const today = stockholmDate(now);
  const range = reportRange(period);
  const series = reportSeriesRange(period);
  const scope = { ...range, divisionIds };
  const [summary, byDivision, inPeriod, months, actuals] = await Promise.all([
    reader.summary(scope, today),
    reader.breakdown(scope, 'division', today),
    reader.timeseries(scope, 'month'),
    reader.timeseries({ ...series, divisionIds }, 'month'),
    reportActuals(db, range, divisionIds),
  ]);
  const divisions = (byDivision.groups as MeasureGroup[]).map((g) => ({
    divisionId: g.key,
    label: g.label,
    submitted: g.submitted,
    exempted: g.notReviewed.exempted,
    approved: g.decided.approved + g.decided.approvedWithConditions,
    rejected: g.decided.rejected,
    withdrawn: g.decided.withdrawn,
    approvalRate: g.approvalRate,
    withinDeadlineShare: g.withinDeadlineShare,
    leadTimeBusinessDaysP50: g.leadTimeBusinessDays.p50,
    open: g.open.total,
    hireRequested: g.cost.hire.requested,
    hireApproved: g.cost.hire.approved,
    hireAvoided: g.cost.hire.avoided.total,
    agencyRequested: g.cost.agencyCallOff.requested,
    agencyApproved: g.cost.agencyCallOff.approved,
    agencyAvoided: g.cost.agencyCallOff.avoided.total,
    agencyAccrued: g.cost.agencyCallOff.accrued,
  }));
  const { hire, agencyCallOff } = summary.cost;
  return {
    period: { kind: period.kind, key: reportPeriodKey(period), label: reportPeriodLabel(period), ...range },
    scope: {
      divisionIds: divisionIds ?? null,
      label: divisionIds ? divisions.map((d) => d.label).join(', ') || '–' : REGION_LABEL,
    },
    generatedAt: now.toISOString(),
    headline: {
      submitted: summary.submitted,
      exempted: summary.notReviewed.exempted,
      notRequired: summary.notReviewed.notRequired,
      approved: summary.decided.approved,
      approvedWithConditions: summary.decided.approvedWithConditions,
      rejected: summary.decided.rejected,
      withdrawn: summary.decided.withdrawn,
      approvalRate: summary.approvalRate,
      leadTimeBusinessDaysP50: summary.leadTimeBusinessDays.p50,
      leadTimeBusinessDaysP90: summary.leadTimeBusinessDays.p90,
      withinDeadlineShare: summary.withinDeadlineShare,
      escalations: summary.escalations,
      open: summary.open.total,
    },
    costs: {
      hire: {
        unit: hire.unit,
        requested: hire.requested,
        exempted: hire.exempted,
        approved: hire.approved,
        avoided: hire.avoided,
      },
      agencyCallOff: {
        unit: agencyCallOff.unit,
        requested: agencyCallOff.requested,
        exempted: agencyCallOff.exempted,
        approved: agencyCallOff.approved,
        avoided: agencyCallOff.avoided,
        accrued: agencyCallOff.accrued,
        // The months of the period a year earlier, as the time series compares each month.
        accruedPreviousYear: inPeriod.points.reduce((sum, p) => sum + p.agencyCostPreviousYear, 0),
      },
    },
    divisions,
    months: {
      ...series,
      points: months.points.map((p) => ({
        month: p.period.slice(0, 7),
        submitted: p.submitted,
        approved: p.decided.approved,
        approvedWithConditions: p.decided.approvedWithConditions,
        rejected: p.decided.rejected,
        withdrawn: p.decided.withdrawn,
        leadTimeBusinessDaysP50: p.leadTimeBusinessDays.p50,
        hireApproved: p.cost.hire.approved,
        agencyApproved: p.cost.agencyCallOff.approved,
        agencyAccrued: p.cost.agencyCallOff.accrued,
        agencyAccruedPreviousYear: p.agencyCostPreviousYear,
      })),
    },
    ...(actuals && { actuals }),
  };
}
