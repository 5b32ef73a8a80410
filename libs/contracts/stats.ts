import { z } from 'zod';
import { STAGE_NAMES } from '@domain/enums';
import { SERIES_INTERVALS } from '@domain/stats-range';
import { calendarDate, count, text } from './wire';

export const BREAKDOWN_DIMENSIONS = ['division', 'unit', 'category', 'kind', 'stage'] as const;

/** Money in the statistics: whole kronor (a call-off's cost spread over its days adds up to the krona). */
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
  recommendedApproval: count.describe('Recommendations to approve (tillstyrkt) at a recommending stage'),
  recommendedRejection: count.describe('Recommendations to reject (avstyrkt) at a recommending stage'),
});

/** The money of one kind of request: requested and approved (by the day of submission and of decision) and avoided. */
const kindCost = {
  requested: kronor.describe('Of everything in `submitted`, exempted requests included (by submission day)'),
  exempted: kronor.describe('Of `requested`, the cost of the exempted requests'),
  approved: kronor.describe('Approved, at the approved cost (by decision day)'),
  avoided: z
    .object({
      rejected: kronor.describe('The cost of the rejected requests'),
      reduced: kronor.describe('What conditions cut from approved requests (requested minus approved)'),
      total: kronor.describe('rejected + reduced, gross'),
    })
    .describe('The cost the review avoided (by decision day)'),
};

const measures = {
  submitted: count.describe('Submitted under a review period: reviewed, and exempted by a general exemption'),
  notReviewed: z.object({
    exempted: count.describe('Of `submitted`, covered by a general exemption (varav undantagna)'),
    notRequired: count.describe('Submitted when no review period was in force; not in `submitted`'),
  }),
  decided: z.object({ approved: count, approvedWithConditions: count, rejected: count, withdrawn: count }),
  approvalRate: share.describe('Approved among approved and rejected: decisions only, never recommendations'),
  recommendations: z.object({
    approve: count.describe('Tillstyrkt, at every recommending stage'),
    reject: count.describe('Avstyrkt, at every recommending stage'),
  }),
  againstRecommendation: z.object({
    approved: count.describe('Approved while a stage had recommended rejection ("avstyrkta men beviljade")'),
    rejected: count.describe('Rejected while a stage had recommended approval ("tillstyrkta men avslagna")'),
  }),
  leadTimeBusinessDays: percentiles('business days on the deadline calendar'),
  leadTimeHours: percentiles('elapsed hours (whole days above 48 h)'),
  withinDeadlineShare: share,
  escalations: count,
  cost: z
    .object({
      hire: z.object({
        unit: z.literal('sek_per_year').describe('Annual cost: the monthly cost requested × 12'),
        ...kindCost,
      }),
      agencyCallOff: z.object({
        unit: z.literal('sek').describe('The total cost of the call-off’s period'),
        ...kindCost,
        accrued: kronor.describe(
          'Call-off cost booked over the days the staff work, falling in the range: approved (at the approved ' +
            'cost), exempted and not required call-offs, whenever they were decided',
        ),
      }),
    })
    .describe(
      'Per kind, never summed across kinds (a hire’s cost is per year, a call-off’s the total of its period)',
    ),
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
  agencyCostPreviousYear: kronor.describe('Accrued call-off cost of the same period a year earlier'),
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
