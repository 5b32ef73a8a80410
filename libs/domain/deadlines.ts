import { addCalendarHours, businessDayDueAt } from './calendar';
import type { Duration } from './policy';

/**
 * A deadline `duration` after `from`: business days end at 16:00 Stockholm time on the Nth business day after
 * the day of `from`; hours are calendar hours (urgent call-offs).
 */
export function dueAfter(from: Date, duration: Duration): Date {
  return 'hours' in duration
    ? addCalendarHours(from, duration.hours)
    : businessDayDueAt(from, duration.businessDays);
}
