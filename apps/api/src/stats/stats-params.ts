import { z } from 'zod';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS } from '@domain/enums';
import { parseReportMonth, parseReportTertial } from '@domain/report-period';
import { isoDate } from '@domain/schema-parts';
import { EARLIEST_STATS_DATE, SERIES_INTERVALS } from '@domain/stats-range';
import { BREAKDOWN_DIMENSIONS } from '@contracts/stats';

export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

const statsDate = isoDate.refine(
  (d) => d >= EARLIEST_STATS_DATE,
  `must not be before ${EARLIEST_STATS_DATE}`,
);

/** The filters every statistics endpoint takes (domain.md "Statistics directors need"). */
export const statsFilterShape = {
  from: statsDate.optional(),
  to: statsDate.optional(),
  kind: z.enum(REQUEST_KINDS).optional(),
  divisionId: z.string().uuid().optional(),
  unitId: z.string().uuid().optional(),
  category: z.enum(OCCUPATIONAL_CATEGORIES).optional(),
};

const dateOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const orderMessage = { message: 'must not be before from', path: ['to'] };

/** The query objects, for the OpenAPI document; the *Query schemas below add the date-order rule. */
export const summaryParams = z.object(statsFilterShape).strict();
export const timeseriesParams = z
  .object({ ...statsFilterShape, interval: z.enum(SERIES_INTERVALS).default('month') })
  .strict();
export const breakdownParams = z.object({ ...statsFilterShape, by: z.enum(BREAKDOWN_DIMENSIONS) }).strict();
export const exportParams = z
  .object({ ...statsFilterShape, by: z.enum(BREAKDOWN_DIMENSIONS).exclude(['stage']).default('division') })
  .strict();

export const summaryQuery = summaryParams.refine(dateOrder, orderMessage);
export const timeseriesQuery = timeseriesParams.refine(dateOrder, orderMessage);
export const breakdownQuery = breakdownParams.refine(dateOrder, orderMessage);
export const exportQuery = exportParams.refine(dateOrder, orderMessage);

export type StatsFilter = z.infer<typeof summaryQuery>;

/** The board report's period: a month (2026-11) or a tertial (2026-T1), exactly one, and a division or the region. */
export const reportParams = z
  .object({
    month: z
      .string()
      .refine((v) => parseReportMonth(v) !== null, 'must be a month YYYY-MM, from 1900-01')
      .optional()
      .describe('The month, YYYY-MM'),
    tertial: z
      .string()
      .refine(
        (v) => parseReportTertial(v) !== null,
        'must be a tertial YYYY-T1, YYYY-T2 or YYYY-T3, from 1900',
      )
      .optional()
      .describe('The tertial: T1 January–April, T2 May–August, T3 September–December'),
    divisionId: z
      .string()
      .uuid()
      .optional()
      .describe('One division; absent, every division the caller may see'),
  })
  .strict();

export const reportQuery = reportParams.superRefine((q, ctx) => {
  if ((q.month === undefined) === (q.tertial === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [q.month === undefined ? 'month' : 'tertial'],
      message: 'give exactly one of month and tertial',
    });
});
