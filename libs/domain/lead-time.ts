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
