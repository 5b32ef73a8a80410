import { addCalendarDays, stockholmTime } from './calendar';

/** Days before a review period (or exemption) ends on which admins and the executive are warned. */
export const PERIOD_WARNING_DAYS = [14, 7, 1] as const;
/** Warnings go out at the start of the working day. */
const WARNING_HOUR = 8;

export interface PlannedWarning {
  daysBefore: number;
  at: Date;
}

/**
 * The warnings still ahead for a period ending on `validTo` (inclusive): those whose time has passed when the
 * watch starts are skipped, except that a watch started inside the window sends the latest due warning at once.
 */
export function plannedWarnings(validTo: string, now: Date): PlannedWarning[] {
  const all = PERIOD_WARNING_DAYS.map((daysBefore) => ({
    daysBefore,
    at: stockholmTime(addCalendarDays(validTo, -daysBefore), WARNING_HOUR),
  }));
  const end = stockholmTime(addCalendarDays(validTo, 1), 0);
  if (now >= end) return [];
  const upcoming = all.filter((w) => w.at > now);
  const lastPassed = all.filter((w) => w.at <= now).at(-1);
  return lastPassed ? [{ ...lastPassed, at: now }, ...upcoming] : upcoming;
}
