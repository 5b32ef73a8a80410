/**
 * How a statistics date range is read: whole months (or ISO weeks) from the rollups of that grain, the days
 * before the first and after the last whole bucket from the rollups per day. Dates are ISO calendar dates in Stockholm;
 * `to` is inclusive, as a user means it ("1 to 30 April").
 */
export const GRAINS = ['month', 'week', 'day'] as const;
export type Grain = (typeof GRAINS)[number];
/** What a time series may be asked for: days exist for the edges of ranges, not as a series of their own. */
export const SERIES_INTERVALS = ['month', 'week'] as const satisfies readonly Grain[];

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

const MS_PER_DAY = 86_400_000;
const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return toIso(toMs(date) + days * MS_PER_DAY);
}

export function bucketStart(date: string, grain: Grain): string {
  if (grain === 'day') return date;
  if (grain === 'month') return `${date.slice(0, 7)}-01`;
  const weekday = (new Date(toMs(date)).getUTCDay() + 6) % 7; // Monday 0
  return addDays(date, -weekday);
}

export function nextBucket(start: string, grain: Grain): string {
  if (grain === 'day') return addDays(start, 1);
  if (grain === 'week') return addDays(start, 7);
  const d = new Date(toMs(start));
  return toIso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

export function planRange(from: string, to: string, grain: Grain): RangePlan {
  const until = addDays(to, 1);
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
  if (grain === 'week') return addDays(date, -364);
  const d = new Date(toMs(date));
  const sameDay = Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate());
  // 29 February has no counterpart: the last day of February instead.
  return new Date(sameDay).getUTCMonth() === d.getUTCMonth()
    ? toIso(sameDay)
    : toIso(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth() + 1, 0));
}

export function daysBetween(from: string, until: string): number {
  return Math.round((toMs(until) - toMs(from)) / MS_PER_DAY);
}
