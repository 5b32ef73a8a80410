import { addCalendarDays, calendarDaysBetween } from './calendar';
import type { RequestStatus } from './enums';

/**
 * What the money figures mean (issue 20). A hire's cost is a rate: the salary cost per month the request states,
 * reported per year (årskostnad). A call-off's cost is the total of its period, and it is booked (accrued) over
 * the days the staff work, month by month. The two are different units and are never added together.
 */
export const MONTHS_PER_YEAR = 12;

/** SKR's national aim: agency cost at most about 2 % of the total staff cost (own staff plus hired), domain.md. */
export const NATIONAL_AGENCY_AIM = 0.02;

/** A hire's annual cost from the monthly cost it was requested with. */
export function annualCost(monthlySek: number): number {
  return monthlySek * MONTHS_PER_YEAR;
}

/**
 * The call-offs whose staff actually work and are paid for, so their cost accrues: those the review approved,
 * and those it did not review (a general exemption, or no review in force). Rejected and withdrawn ones cost nothing.
 */
export const ACCRUING_STATUSES = [
  'approved',
  'approved_with_conditions',
  'exempted',
  'not_required',
] as const satisfies readonly RequestStatus[];

/**
 * The kronor of day `index` (0-based) of an `days`-day period costing `totalSek`: whole kronor, the remainder
 * spread so that the days add up to the total exactly (floor of the running share). The statistics' SQL uses the
 * same formula, so a month's accrued cost here and there agree to the krona.
 */
export function dayShare(totalSek: number, days: number, index: number): number {
  return Math.floor((totalSek * (index + 1)) / days) - Math.floor((totalSek * index) / days);
}

/** A call-off's cost per month of its period (inclusive dates), `YYYY-MM` → kronor. */
export function accrualByMonth(totalSek: number, periodFrom: string, periodTo: string): Map<string, number> {
  const days = calendarDaysBetween(periodFrom, addCalendarDays(periodTo, 1));
  const months = new Map<string, number>();
  for (let i = 0; i < days; i += 1) {
    const month = addCalendarDays(periodFrom, i).slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + dayShare(totalSek, days, i));
  }
  return months;
}

/**
 * The cost the review avoided: what it rejected, plus what it cut where it approved a lower cost in its
 * conditions. Gross: nothing is netted against what was approved.
 */
export function avoidedCost(rejectedSek: number, reducedSek: number): number {
  return rejectedSek + reducedSek;
}
