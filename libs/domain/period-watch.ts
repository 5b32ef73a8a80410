import { addCalendarDays, stockholmTime } from './calendar';

/**
 * Days before a review period (or exemption) ends on which the admins, the executive and the follow-up role are
 * warned, unless PERIOD_WARNING_DAYS says otherwise: a board that meets monthly decides an extension weeks ahead.
 */
export const DEFAULT_PERIOD_WARNING_DAYS = [60, 30, 14, 7] as const;
/**
 * What watches started before the lead times were configurable planned with; their input carries no lead times,
 * and they must keep these so their histories replay.
 */
export const LEGACY_PERIOD_WARNING_DAYS = [14, 7, 1] as const;
/** The furthest ahead a warning may be: a period rarely runs more than a year, and a longer lead is a typo. */
export const MAX_WARNING_DAYS = 366;
/** Warnings go out at the start of the working day. */
const WARNING_HOUR = 8;

export interface PlannedWarning {
  daysBefore: number;
  at: Date;
}

/**
 * Lead times from their written form ("60,30,14,7"): whole days from 1 to MAX_WARNING_DAYS, in any order, at least
 * one; answered furthest first without repeats, or a message saying what is wrong.
 */
export function parseWarningDays(text: string): number[] | string {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => p === ''))
    return 'must be a comma-separated list of days, e.g. 60,30,14,7';
  const bad = parts.find((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > MAX_WARNING_DAYS);
  if (bad !== undefined) return `"${bad}" is not a whole number of days from 1 to ${MAX_WARNING_DAYS}`;
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

/**
 * The warnings still ahead for a period ending on `validTo` (inclusive) at the lead times `days`: those whose time
 * has passed when the watch starts are skipped, except that a watch started inside the window sends the latest
 * due warning at once.
 */
export function plannedWarnings(
  validTo: string,
  now: Date,
  days: readonly number[] = LEGACY_PERIOD_WARNING_DAYS,
): PlannedWarning[] {
  const all = [...days]
    .sort((a, b) => b - a)
    .map((daysBefore) => ({
      daysBefore,
      at: stockholmTime(addCalendarDays(validTo, -daysBefore), WARNING_HOUR),
    }));
  const end = stockholmTime(addCalendarDays(validTo, 1), 0);
  if (now >= end) return [];
  const upcoming = all.filter((w) => w.at > now);
  const lastPassed = all.filter((w) => w.at <= now).at(-1);
  return lastPassed ? [{ ...lastPassed, at: now }, ...upcoming] : upcoming;
}
