import { businessDaysAfter, stockholmDate } from './calendar';

/** Lead time of a request from submission to its final decision, as the statistics report it. */
export interface LeadTime {
  /** Business days on the deadline calendar: decided on the day a deadline of N business days falls, it is N. */
  businessDays: number;
  /** Elapsed whole hours (rounded down), the measure for urgent call-offs that run on hours. */
  hours: number;
}

const MS_PER_HOUR = 3_600_000;

export function leadTime(submittedAt: Date, decidedAt: Date): LeadTime {
  const elapsed = decidedAt.getTime() - submittedAt.getTime();
  if (!Number.isFinite(elapsed) || elapsed < 0) {
    throw new RangeError(
      `a decision cannot precede its submission (${String(submittedAt)} → ${String(decidedAt)})`,
    );
  }
  return {
    businessDays: businessDaysAfter(stockholmDate(submittedAt), stockholmDate(decidedAt)),
    hours: Math.floor(elapsed / MS_PER_HOUR),
  };
}

/**
 * The bins lead-time percentiles are computed over, by their lower bounds. Business days are exact up to 30;
 * longer ones count as 31 ("more than 30"). Hours are exact by the hour below one day, by four hours up to two
 * days, then by whole days, and count as 720 from 30 days on. Fixed bins let the rollups keep a histogram per
 * group in plain columns, so a percentile over years of decisions reads a few thousand rows, not every decision.
 */
export const LEAD_DAY_BINS: readonly number[] = Array.from({ length: 32 }, (_, i) => i);
export const LEAD_HOUR_BINS: readonly number[] = [
  ...Array.from({ length: 24 }, (_, h) => h),
  ...Array.from({ length: 6 }, (_, i) => 24 + 4 * i),
  ...Array.from({ length: 28 }, (_, i) => 48 + 24 * i),
  720,
];

/** The lower bound of the bin holding `value`. */
export function binOf(bins: readonly number[], value: number): number {
  let lower = bins[0];
  for (const bound of bins) if (value >= bound) lower = bound;
  return lower;
}
