import { z } from 'zod';
import { calendarDate, count, text, uuid } from './wire';

/**
 * The board report (styrelserapport): a month's or a tertial's statistics over the region or a division, as the
 * XLSX and PDF render it. Every figure is one the statistics API answers for the same range and scope (the
 * report reads the StatisticsReader the API reads); the actuals section comes from the ledger when it is given.
 */
const kronor = z.number().describe('Whole kronor (SEK)');
const share = z.number().min(0).max(1).nullable().describe('null when nothing to divide');
const days = z.number().nullable().describe('business days on the deadline calendar; null when none decided');

export const reportPeriodSchema = z.object({
  kind: z.enum(['month', 'tertial']),
  key: text.describe('As the query writes it: 2026-11, 2026-T1'),
  label: text.describe('In Swedish: "november 2026", "tertial 1 2026"'),
  from: calendarDate,
  to: calendarDate.describe('inclusive'),
});

export const reportScopeSchema = z.object({
  divisionIds: z.array(uuid).nullable().describe('null: the whole region'),
  label: text.describe('"Hela regionen", or the division’s name'),
});

export const reportHeadlineSchema = z.object({
  submitted: count.describe('Submitted under a review period, exempted included'),
  exempted: count.describe('Of submitted, covered by a general exemption'),
  notRequired: count.describe('Submitted when no review period was in force'),
  approved: count,
  approvedWithConditions: count,
  rejected: count,
  withdrawn: count,
  approvalRate: share,
  leadTimeBusinessDaysP50: days,
  leadTimeBusinessDaysP90: days,
  withinDeadlineShare: share,
  escalations: count,
  open: count.describe('Requests still in review on the day the report was generated'),
});

const avoided = z.object({ rejected: kronor, reduced: kronor, total: kronor });

export const reportCostsSchema = z
  .object({
    hire: z.object({
      unit: z.literal('sek_per_year'),
      requested: kronor,
      exempted: kronor,
      approved: kronor,
      avoided,
    }),
    agencyCallOff: z.object({
      unit: z.literal('sek'),
      requested: kronor,
      exempted: kronor,
      approved: kronor,
      avoided,
      accrued: kronor.describe('Call-off cost booked over the days worked within the period'),
      accruedPreviousYear: kronor.describe('The same, over the same period a year earlier'),
    }),
  })
  .describe('Per kind, never summed across kinds');

export const reportDivisionRowSchema = z.object({
  divisionId: text,
  label: text,
  submitted: count,
  exempted: count,
  approved: count.describe('Approved, with or without conditions'),
  rejected: count,
  withdrawn: count,
  approvalRate: share,
  withinDeadlineShare: share,
  leadTimeBusinessDaysP50: days,
  open: count,
  hireRequested: kronor.describe('Annual cost'),
  hireApproved: kronor.describe('Annual cost'),
  hireAvoided: kronor.describe('Annual cost'),
  agencyRequested: kronor.describe('Total of the call-offs’ periods'),
  agencyApproved: kronor.describe('Total of the call-offs’ periods'),
  agencyAvoided: kronor.describe('Total of the call-offs’ periods'),
  agencyAccrued: kronor.describe('Booked over the days worked within the period'),
});

export const reportMonthSchema = z.object({
  month: text.describe('YYYY-MM'),
  submitted: count,
  approved: count,
  approvedWithConditions: count,
  rejected: count,
  withdrawn: count,
  leadTimeBusinessDaysP50: days,
  hireApproved: kronor,
  agencyApproved: kronor,
  agencyAccrued: kronor,
  agencyAccruedPreviousYear: kronor.describe('The same month a year earlier'),
});

/**
 * Ledger figures (utfall) beside their targets (mål), per division and month: fed by the actuals import when it
 * exists; the report renders the section only when it is present.
 */
export const reportActualsRowSchema = z.object({
  month: text.describe('YYYY-MM'),
  divisionId: text,
  label: text,
  agencyCostSek: kronor.describe('Booked agency cost in the ledger'),
  ownStaffCostSek: kronor.describe('Booked cost of own staff in the ledger'),
  agencyShare: share.describe('agency / (agency + own staff)'),
  agencyYearEarlierSek: kronor.nullable().describe('Booked agency cost of the same month a year earlier'),
  agencyChangeSek: kronor
    .nullable()
    .describe('Agency cost minus a year earlier; null unless both are booked'),
  reviewAccruedSek: kronor.describe('The review’s call-off cost accrued in the month (libs/domain/cost.ts)'),
});

/** A target of the year the period falls in, with its progress over the months that have actuals. */
export const reportTargetSchema = z.object({
  year: z.number().int(),
  label: text.describe('The division, or "Hela regionen"'),
  agencyReductionSek: kronor.nullable(),
  achievedReductionSek: kronor
    .nullable()
    .describe('Agency cost of the compared months a year earlier minus this year'),
  comparedMonths: z
    .array(text)
    .describe('The months of the year with actuals both years, up to the period’s end'),
  agencyShareCeiling: share,
  shareYearToDate: share.describe(
    'Agency share of total staff cost over the year’s months with actuals so far',
  ),
  withinCeiling: z.boolean().nullable(),
});

export const reportActualsSchema = z.object({
  source: text.describe(
    'Where the figures come from, as the report says it (e.g. "Ekonomisystemet, import 2026-12-01")',
  ),
  rows: z.array(reportActualsRowSchema),
  targets: z.array(reportTargetSchema),
});

export const boardReportSchema = z.object({
  period: reportPeriodSchema,
  scope: reportScopeSchema,
  generatedAt: z.string().datetime({ offset: true }),
  headline: reportHeadlineSchema,
  costs: reportCostsSchema,
  divisions: z.array(reportDivisionRowSchema),
  months: z.object({ from: calendarDate, to: calendarDate, points: z.array(reportMonthSchema) }),
  actuals: reportActualsSchema.optional(),
});

export type BoardReport = z.infer<typeof boardReportSchema>;
export type ReportDivisionRow = z.infer<typeof reportDivisionRowSchema>;
export type ReportMonth = z.infer<typeof reportMonthSchema>;
export type ReportActuals = z.infer<typeof reportActualsSchema>;
export type ReportActualsRow = z.infer<typeof reportActualsRowSchema>;
export type ReportTarget = z.infer<typeof reportTargetSchema>;
