import { LEAD_DAY_BINS, LEAD_HOUR_BINS } from '@domain/lead-time';

/**
 * The additive measures of the statistics, once: the rollup tables have a column for each, the raw facts a
 * SQL expression for each, and every figure the API reports is a sum of them (or a ratio of sums).
 * Counts are `int` (their sums are fast bigint sums); kronor are `bigint`. The request counters and lead-time
 * histograms are columns of `stats_rollups`; the stage counters are columns of `stats_stage_rollups`, one row per
 * stage name, so a new stage is a new row, never a new column.
 */
export const REQUEST_COUNTERS = [
  'submitted',
  'exempted',
  'not_required',
  'requested_cost',
  'approved',
  'approved_with_conditions',
  'rejected',
  'withdrawn',
  'approved_cost',
  'rejected_cost',
  /** Decided against a recommendation: approved after an avstyrkan ("avstyrkta men beviljade") … */
  'approved_against_recommendation',
  /** … or rejected after a tillstyrkan. */
  'rejected_against_recommendation',
  // Appended (the column order of stats_rollups): the cost of the exempted requests, which still count.
  'exempted_cost',
  // Appended: what conditions cut from an approved request's cost, and a call-off's cost booked over the days of
  // its period (libs/domain/cost.ts), under the day the staff work rather than the day it was decided.
  'reduced_cost',
  'accrued_cost',
] as const;

/**
 * Per stage: outcomes taken (decisions, recommendations and returns), those within the deadline, escalations, and
 * a recommending stage's recommendations apart (tillstyrkt, avstyrkt): they are never counted as decisions.
 */
export const STAGE_COUNTERS = [
  'decided',
  'within',
  'escalations',
  'recommend_approve',
  'recommend_reject',
] as const;
export type StageCounter = (typeof STAGE_COUNTERS)[number];

/** Lead-time histograms: how many final decisions fell in each bin (libs/domain/lead-time.ts). */
export const LEAD_DAY_COUNTERS = LEAD_DAY_BINS.map((_, i) => `lead_days_${i}` as const);
export const LEAD_HOUR_COUNTERS = LEAD_HOUR_BINS.map((_, i) => `lead_hours_${i}` as const);

/** The columns of `stats_rollups`. */
export const COUNTERS = [...REQUEST_COUNTERS, ...LEAD_DAY_COUNTERS, ...LEAD_HOUR_COUNTERS] as const;
export type Counter = (typeof REQUEST_COUNTERS)[number] | `lead_days_${number}` | `lead_hours_${number}`;

export const MONEY_COUNTERS: ReadonlySet<Counter> = new Set([
  'requested_cost',
  'approved_cost',
  'rejected_cost',
  'exempted_cost',
  'reduced_cost',
  'accrued_cost',
]);
export type MoneyCounter =
  'requested_cost' | 'approved_cost' | 'rejected_cost' | 'exempted_cost' | 'reduced_cost' | 'accrued_cost';

export { GRAINS, type Grain } from '@domain/stats-range';
