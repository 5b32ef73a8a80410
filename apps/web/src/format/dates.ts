import { stockholmDate } from '@domain/calendar';

/** Today's calendar date in Stockholm, as the API counts periods and deadlines. */
export function stockholmToday(now = new Date()): string {
  return stockholmDate(now);
}
