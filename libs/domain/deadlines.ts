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

/**
 * By when a returned request must be completed and sent in again: the policy's `returned.deadline` after the
 * return. The review workflow waits for exactly this (awaitCompletion); the request page and the return mail say it.
 */
export function answerReturnBy(returnedAt: Date, returned: { deadline: Duration }): Date {
  return dueAfter(returnedAt, returned.deadline);
}
