import { addCalendarDays, addCalendarMonths, isBusinessDay } from './calendar';

/**
 * The period a board report covers: a calendar month, or a tertial (the region's four-month reporting period:
 * T1 January–April, T2 May–August, T3 September–December, as in "tertialrapport per april").
 */
export type ReportPeriod =
  { kind: 'month'; year: number; month: number } | { kind: 'tertial'; year: number; tertial: 1 | 2 | 3 };

export const MONTH_NAMES_SV = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** The short month names a chart's axis takes when the full ones do not fit. */
export const MONTH_ABBREVIATIONS_SV = [
  'jan',
  'feb',
  'mar',
  'apr',
  'maj',
  'jun',
  'jul',
  'aug',
  'sep',
  'okt',
  'nov',
  'dec',
] as const;

/** The years a report may be asked for: the statistics' own bounds (EARLIEST_STATS_DATE) up to a four-digit year. */
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const TERTIAL_PATTERN = /^(\d{4})-T([123])$/;

/** `2026-11` → the month, or null when it is not one. */
export function parseReportMonth(value: string): ReportPeriod | null {
  const m = MONTH_PATTERN.exec(value);
  if (!m || Number(m[1]) < MIN_YEAR || Number(m[1]) > MAX_YEAR) return null;
  return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
}

/** `2026-T1` → the tertial, or null when it is not one. */
export function parseReportTertial(value: string): ReportPeriod | null {
  const m = TERTIAL_PATTERN.exec(value);
  if (!m || Number(m[1]) < MIN_YEAR || Number(m[1]) > MAX_YEAR) return null;
  return { kind: 'tertial', year: Number(m[1]), tertial: Number(m[2]) as 1 | 2 | 3 };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period's first and last calendar dates (inclusive). */
export function reportRange(p: ReportPeriod): { from: string; to: string } {
  const firstMonth = p.kind === 'month' ? p.month : (p.tertial - 1) * 4 + 1;
  const months = p.kind === 'month' ? 1 : 4;
  const from = `${p.year}-${pad(firstMonth)}-01`;
  return { from, to: addCalendarDays(addCalendarMonths(from, months), -1) };
}

/** What the report's title and file name say: "november 2026", "tertial 1 2026". */
export function reportPeriodLabel(p: ReportPeriod): string {
  return p.kind === 'month' ? `${MONTH_NAMES_SV[p.month - 1]} ${p.year}` : `tertial ${p.tertial} ${p.year}`;
}

/** The period as the query writes it: `2026-11`, `2026-T1`. */
export function reportPeriodKey(p: ReportPeriod): string {
  return p.kind === 'month' ? `${p.year}-${pad(p.month)}` : `${p.year}-T${p.tertial}`;
}

/**
 * The months the report's month-by-month view shows: a tertial's four; for a month the thirteen up to it, so that
 * the month stands beside the same month a year earlier and the year between.
 */
export function reportSeriesRange(p: ReportPeriod): { from: string; to: string } {
  const range = reportRange(p);
  if (p.kind === 'tertial') return range;
  return { from: addCalendarMonths(range.from, -12), to: range.to };
}

/** The first business day (Swedish calendar) of the month `YYYY-MM`. */
export function firstBusinessDayOfMonth(month: string): string {
  let day = `${month}-01`;
  while (!isBusinessDay(day)) day = addCalendarDays(day, 1);
  return day;
}

/**
 * The month whose report is due on `date`: the previous month when `date` is the first business day of its own
 * month, else none. The schedule runs every day and asks this, so a holiday-delayed first business day
 * (2 January, or a Monday after New Year's weekend) still gets its report.
 */
export function reportDueOn(date: string): ReportPeriod | null {
  if (firstBusinessDayOfMonth(date.slice(0, 7)) !== date) return null;
  const previous = addCalendarMonths(`${date.slice(0, 7)}-01`, -1);
  return { kind: 'month', year: Number(previous.slice(0, 4)), month: Number(previous.slice(5, 7)) };
}
