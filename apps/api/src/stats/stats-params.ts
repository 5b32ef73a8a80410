import { z } from 'zod';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS } from '@domain/enums';
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
