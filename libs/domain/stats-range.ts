import { addCalendarDays, addCalendarMonths, daysSinceMonday } from './calendar';

/**
 * How a statistics date range is read: whole months (or ISO weeks) from the rollups of that grain, the days
 * before the first and after the last whole bucket from the rollups per day. Dates are ISO calendar dates in Stockholm;
 * `to` is inclusive, as a user means it ("1 to 30 April").
 */
export const GRAINS = ['month', 'week', 'day'] as const;
export type Grain = (typeof GRAINS)[number];
/** What a time series may be asked for: days exist for the edges of ranges, not as a series of their own. */
export const SERIES_INTERVALS = ['month', 'week'] as const satisfies readonly Grain[];

/**
 * The longest range a statistics query answers: ten years is more than any board report looks back on, and it
 * keeps a weekly series to about 520 points instead of the half-million a range from year 1 to 9999 would build.
 */
export const MAX_RANGE_YEARS = 10;

/** The first date a statistics range may start on: nothing in the record is older, and the calendar's years start later. */
export const EARLIEST_STATS_DATE = '1900-01-01';

/**
 * Whether the inclusive range [from, to] of ISO dates spans more than MAX_RANGE_YEARS years. By the digits, so that
 * it holds for any four-digit year (a 29 February start ends the day before 1 March ten years on).
 */
export function rangeTooLong(from: string, to: string): boolean {
  const endYear = Number(from.slice(0, 4)) + MAX_RANGE_YEARS;
  return endYear <= 9999 && to >= `${String(endYear).padStart(4, '0')}${from.slice(4)}`;
}

/** A half-open range of calendar dates [from, until). */
export interface DateSpan {
  from: string;
  until: string;
}

export interface RangePlan {
  /** Bucket starts of the whole buckets inside the range, half-open; null when the range holds none. */
  whole: DateSpan | null;
  /** The rest of the range, at most one span before and one after the whole buckets. */
  edges: DateSpan[];
}

export function bucketStart(date: string, grain: Grain): string {
  if (grain === 'day') return date;
  if (grain === 'month') return `${date.slice(0, 7)}-01`;
  return addCalendarDays(date, -daysSinceMonday(date));
}

export function nextBucket(start: string, grain: Grain): string {
  if (grain === 'day') return addCalendarDays(start, 1);
  if (grain === 'week') return addCalendarDays(start, 7);
  return addCalendarMonths(start, 1);
}

export function planRange(from: string, to: string, grain: Grain): RangePlan {
  const until = addCalendarDays(to, 1);
  const firstWhole = bucketStart(from, grain) === from ? from : nextBucket(bucketStart(from, grain), grain);
  const wholeUntil = bucketStart(until, grain);
  if (firstWhole >= wholeUntil) return { whole: null, edges: [{ from, until }] };
  const edges: DateSpan[] = [];
  if (from < firstWhole) edges.push({ from, until: firstWhole });
  if (wholeUntil < until) edges.push({ from: wholeUntil, until });
  return { whole: { from: firstWhole, until: wholeUntil }, edges };
}

/** Every bucket start that the range touches, in order: the rows of a time series, empty ones included. */
export function bucketsOf(from: string, to: string, grain: Grain): string[] {
  const starts: string[] = [];
  for (let b = bucketStart(from, grain); b <= to; b = nextBucket(b, grain)) starts.push(b);
  return starts;
}

/**
 * The same bucket a year earlier: the same month, or the week 52 weeks back (same weekday, nearly the same
 * season), which is how a weekly figure is compared with last year.
 */
export function yearEarlier(date: string, grain: Exclude<Grain, 'day'>): string {
  if (grain === 'week') return addCalendarDays(date, -364);
  // 29 February has no counterpart: the last day of February instead.
  return addCalendarMonths(date, -12);
}
