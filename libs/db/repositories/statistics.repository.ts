import { z } from 'zod';
import type { Grain } from '@domain/stats-range';
import { REQUEST_COUNTERS, STAGE_COUNTERS, type StageCounter } from '../statistics/counters';
import {
  countersQuery,
  MONEY_BY_KIND,
  type GroupKey,
  leadTimesQuery,
  openQuery,
  type StatsScope,
} from '../statistics/queries';
import { many, type Queryable } from './rows';

export type { GroupKey, StatsScope } from '../statistics/queries';

const keys = { k0: z.string(), k1: z.string() };

const stageCounts = z.object(
  Object.fromEntries(STAGE_COUNTERS.map((c) => [c, z.number()])) as Record<StageCounter, z.ZodNumber>,
);
const counterRow = z.object({
  ...keys,
  ...(Object.fromEntries(MONEY_BY_KIND.map((c) => [c, z.number()])) as Record<
    (typeof MONEY_BY_KIND)[number],
    z.ZodNumber
  >),
  ...(Object.fromEntries(REQUEST_COUNTERS.map((c) => [c, z.number()])) as Record<
    (typeof REQUEST_COUNTERS)[number],
    z.ZodNumber
  >),
  /** By stage name: whatever stages the record holds, so a new stage needs no change here. */
  stages: z.record(stageCounts),
});
/** A row of counter sums per group (numbers; absent groups have none). */
export type CounterRow = z.output<typeof counterRow>;
export type StageCounts = z.output<typeof stageCounts>;

const leadRow = z.object({
  ...keys,
  bd50: z.number().nullable(),
  bd90: z.number().nullable(),
  h50: z.number().nullable(),
  h90: z.number().nullable(),
});
/** Lead-time percentiles per group, in business days and in hours. */
export type LeadRow = z.output<typeof leadRow>;

const openRow = z.object({ ...keys, day: z.string(), open: z.number().int() });
/** Open requests per group and submission day. */
export type OpenRow = z.output<typeof openRow>;

/**
 * The statistics, read from the rollups for whole months or weeks and from the raw record for the days at the
 * edges of a range (libs/db/statistics/queries.ts), grouped by up to two keys `k0`, `k1`.
 */
export class StatisticsRepository {
  constructor(private readonly db: Queryable) {}

  counters(scope: StatsScope, grain: Grain, groupBy: GroupKey[]): Promise<CounterRow[]> {
    const { sql, params } = countersQuery(scope, grain, groupBy);
    return many(this.db, counterRow, sql, params);
  }

  leadTimes(scope: StatsScope, grain: Grain, groupBy: GroupKey[]): Promise<LeadRow[]> {
    const { sql, params } = leadTimesQuery(scope, grain, groupBy);
    return many(this.db, leadRow, sql, params);
  }

  open(scope: StatsScope, groupBy: GroupKey[]): Promise<OpenRow[]> {
    const { sql, params } = openQuery(scope, groupBy);
    return many(this.db, openRow, sql, params);
  }
}
