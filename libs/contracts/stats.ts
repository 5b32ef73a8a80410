import { z } from 'zod';
import { STAGE_NAMES } from '@domain/enums';
import { SERIES_INTERVALS } from '@domain/stats-range';
import { calendarDate, count, text } from './wire';

export const BREAKDOWN_DIMENSIONS = ['division', 'unit', 'category', 'kind', 'stage'] as const;

/** Money in the statistics: kronor, fractional where a call-off's cost is spread over its months. */
const kronor = z.number().describe('Whole kronor (SEK)');
const share = z.number().min(0).max(1).nullable().describe('null when nothing to divide');
const percentiles = (unit: string) =>
  z.object({
    p50: z.number().nullable().describe(`median, ${unit}`),
    p90: z.number().nullable().describe(`90th percentile, ${unit}`),
  });

export const stageMeasuresSchema = z.object({
  decided: count,
  withinDeadline: count,
  withinDeadlineShare: share,
  escalations: count,
});

const measures = {
  submitted: count.describe('Submitted under a review period: reviewed, and exempted by a general exemption'),
  notReviewed: z.object({
    exempted: count.describe('Of `submitted`, covered by a general exemption (varav undantagna)'),
    notRequired: count.describe('Submitted when no review period was in force; not in `submitted`'),
  }),
  decided: z.object({ approved: count, approvedWithConditions: count, rejected: count, withdrawn: count }),
  approvalRate: share,
  leadTimeBusinessDays: percentiles('business days on the deadline calendar'),
  leadTimeHours: percentiles('elapsed hours (whole days above 48 h)'),
  withinDeadlineShare: share,
  escalations: count,
  cost: z.object({
    requested: kronor.describe('Of everything in `submitted`, exempted requests included'),
    exempted: kronor.describe('Of `requested`, the cost of the exempted requests'),
    approved: kronor,
    rejected: kronor.describe('The cost avoided'),
  }),
  agencyCost: kronor.describe('Approved cost of agency call-offs'),
  stages: z.object(
    Object.fromEntries(STAGE_NAMES.map((s) => [s, stageMeasuresSchema])) as Record<
      (typeof STAGE_NAMES)[number],
      typeof stageMeasuresSchema
    >,
  ),
};
export const measuresSchema = z.object(measures);

const open = z.object({ total: count, byAge: z.array(z.object({ band: text, count })) });

export const summarySchema = z.object({ from: calendarDate, to: calendarDate, ...measures, open });

export const timePointSchema = z.object({
  period: calendarDate,
  ...measures,
  agencyCostPreviousYear: kronor,
});

export const timeseriesSchema = z.object({
  from: calendarDate,
  to: calendarDate,
  interval: z.enum(SERIES_INTERVALS),
  points: z.array(timePointSchema),
});

const budget = z.object({
  frameSek: kronor.nullable(),
  staffCostSek: kronor.nullable(),
  agencyShareOfStaffCost: share,
  nationalAim: z.number(),
});

/** A group by division, unit, category or kind: every measure; a division also its budget frame. */
export const measureGroupSchema = z.object({
  key: text,
  label: text,
  ...measures,
  open,
  budget: budget.optional(),
});
/** A group by stage: the stage's own measures. */
export const stageGroupSchema = stageMeasuresSchema.extend({ key: z.enum(STAGE_NAMES), label: text });

export const breakdownSchema = z.object({
  from: calendarDate,
  to: calendarDate,
  by: z.enum(BREAKDOWN_DIMENSIONS),
  groups: z.array(z.union([measureGroupSchema, stageGroupSchema])),
});

export type StageMeasures = z.infer<typeof stageMeasuresSchema>;
export type Measures = z.infer<typeof measuresSchema>;
export type Summary = z.infer<typeof summarySchema>;
export type TimePoint = z.infer<typeof timePointSchema>;
export type Timeseries = z.infer<typeof timeseriesSchema>;
export type MeasureGroup = z.infer<typeof measureGroupSchema>;
export type StageGroup = z.infer<typeof stageGroupSchema>;
export type Breakdown = z.infer<typeof breakdownSchema>;
