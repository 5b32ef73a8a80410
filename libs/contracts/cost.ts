import { z } from 'zod';
import { importProblemSchema } from './org-import';
import { count, kronor, text, timestamp, uuid } from './wire';

/**
 * Actuals (utfall) imported from the ledger, the board's targets, and the actuals statistics. Money is whole
 * kronor; a share is a fraction 0..1 of the total staff cost (own plus hired), null when there is nothing to divide.
 */
const month = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .describe('YYYY-MM');
const share = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .describe('agency / (own + agency); null when both are 0 or absent');
const amount = kronor.min(0);

const actualValues = z.object({ agencyCostSek: amount, ownStaffCostSek: amount });
const actualsPlanItem = z.object({
  month: z.string().describe('The first of the month, YYYY-MM-01'),
  code: text.describe('The division or unit code'),
  before: actualValues.nullable().describe('What was booked; null for a month and unit new to the ledger'),
  after: actualValues,
});
export const actualsImportOutcomeSchema = z.object({
  applied: z.boolean().describe('False for a dry run, and whenever the file has problems'),
  rows: count.describe('Rows read (blank rows skipped)'),
  problems: z.array(importProblemSchema),
  plan: z
    .object({
      create: z.array(actualsPlanItem),
      change: z.array(actualsPlanItem),
      unchanged: count,
    })
    .nullable()
    .describe('Null when the file has problems; months and units not in the file are left as booked'),
});
export type ActualsImportOutcome = z.infer<typeof actualsImportOutcomeSchema>;

export const costTargetSchema = z.object({
  id: uuid,
  year: z.number().int(),
  divisionId: uuid.nullable().describe('null: the whole region'),
  divisionName: text.nullable(),
  agencyReductionSek: amount
    .nullable()
    .describe('The reduction of agency cost the year is to achieve against the year before'),
  agencyShareCeiling: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('The highest agency share of total staff cost'),
  note: text,
  setAt: timestamp,
  setByName: text.nullable(),
});
export const costTargetsSchema = z.object({ targets: z.array(costTargetSchema) });
export type CostTarget = z.infer<typeof costTargetSchema>;

/** The body that sets a year's target for a division or the region; null clears that figure. */
export const setCostTargetBody = z
  .object({
    year: z.number().int().min(2000).max(2100),
    divisionId: uuid.nullable().describe('null: the whole region'),
    agencyReductionSek: z.number().int().min(0).max(100_000_000_000).nullable(),
    agencyShareCeiling: z.number().min(0).max(1).nullable(),
    note: z.string().max(2000).default(''),
  })
  .strict()
  .refine((b) => b.agencyReductionSek !== null || b.agencyShareCeiling !== null, {
    message: 'set a reduction or a share ceiling (or clear the target)',
    path: ['agencyReductionSek'],
  });

const figures = {
  agencySek: amount
    .nullable()
    .describe('Agency cost (inhyrd personal) booked for the month; null: no actuals'),
  ownStaffSek: amount.nullable().describe('Own staff cost (egen personal) booked for the month'),
  agencyShare: share,
};
const actualsMonth = z.object({
  month,
  ...figures,
  yearEarlier: z.object(figures).describe('The same month a year earlier'),
  agencyChangeSek: kronor
    .nullable()
    .describe('Agency cost minus a year earlier; null unless both are booked'),
  ownStaffChangeSek: kronor.nullable().describe('Own staff cost minus a year earlier'),
  review: z
    .object({
      callOffAccruedSek: amount.describe(
        'The review’s record: call-off cost booked over the days the staff work in the month (approved, exempted, not required)',
      ),
      callOffApprovedSek: amount.describe('Call-offs approved in the month, at their approved total cost'),
    })
    .describe('What the review approved and accrued, beside what the ledger booked'),
});
const progress = z.object({
  monthsWithActuals: z.array(month).describe('The months of the year that have actuals'),
  comparedMonths: z
    .array(month)
    .describe(
      'Of those, the months that also have actuals a year earlier: the reduction compares these only',
    ),
  agencyYearEarlierSek: amount.nullable().describe('Agency cost of the compared months a year earlier'),
  agencyThisYearSek: amount.nullable().describe('Agency cost of the compared months this year'),
  achievedReductionSek: kronor.nullable().describe('agencyYearEarlierSek − agencyThisYearSek'),
  reductionProgress: z.number().nullable().describe('achieved / targeted reduction; null without either'),
  shareYearToDate: share.describe('Agency share of total staff cost over the months with actuals'),
  withinCeiling: z.boolean().nullable(),
  withinNationalAim: z.boolean().nullable(),
});
export const actualsStatsSchema = z.object({
  from: month,
  to: month,
  nationalAim: z.number().describe('SKR: agency cost at most this share of total staff cost (0.02)'),
  months: z.array(actualsMonth),
  totals: z.object({
    monthsWithActuals: z.array(month),
    agencySek: amount,
    ownStaffSek: amount,
    agencyShare: share,
    comparedMonths: z.array(month),
    agencyChangeSek: kronor.nullable().describe('Over comparedMonths: this year minus a year earlier'),
  }),
  years: z.array(
    z.object({
      year: z.number().int(),
      targets: z.array(
        z
          .object({ target: costTargetSchema, progress })
          .describe('A target, measured on its own division or region'),
      ),
    }),
  ),
});
export type ActualsStats = z.infer<typeof actualsStatsSchema>;
