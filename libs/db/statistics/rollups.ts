import { COUNTERS, GRAINS } from './counters';
import {
  ALL_FACT_SOURCES,
  bucketOf,
  type FactFilter,
  type FactSourceName,
  factsSql,
  type Queryable,
} from './facts';

const KEY = 'grain, bucket, unit_id, kind, category';
const GRAIN_ROWS = `(VALUES ${GRAINS.map((g) => `('${g}')`).join(', ')}) g(grain)`;

/**
 * Adds the facts that `filter` selects to the rollups of every grain. Called in the transaction that records
 * the event, with a filter naming just that event, so the rollups are never behind the record; a caller
 * must call it once per event (the activities do so only when their insert actually happened).
 */
export async function addToRollups(
  db: Queryable,
  sources: readonly FactSourceName[],
  filter: FactFilter,
  params: unknown[] = [],
  sign: 1 | -1 = 1,
): Promise<void> {
  const sums = COUNTERS.map((c) => `${sign} * sum(f.${c})`).join(', ');
  const updates = COUNTERS.map((c) => `${c} = stats_rollups.${c} + EXCLUDED.${c}`).join(', ');
  await db.query(
    `INSERT INTO stats_rollups (${KEY}, division_id, ${COUNTERS.join(', ')})
     SELECT g.grain, ${bucketOf('g.grain', 'f.at')}, f.unit_id, f.kind, f.category, f.division_id, ${sums}
       FROM (${factsSql(sources, filter)}) f CROSS JOIN ${GRAIN_ROWS}
      GROUP BY 1, 2, 3, 4, 5, 6
     ON CONFLICT (${KEY}) DO UPDATE SET ${updates}`,
    params,
  );
}

/** Recomputes every rollup from the raw record: for bulk-loaded history and the migration that adds them. */
export async function rebuildRollups(db: Queryable): Promise<void> {
  await db.query(`TRUNCATE stats_rollups`);
  await addToRollups(db, ALL_FACT_SOURCES, {});
}

/**
 * Changes a request's recorded fields (its cost or category on a resubmission) with every figure it
 * contributed moved along: its facts leave the rollups under the old values and return under the new.
 */
export async function recountRequest(
  db: Queryable,
  requestId: string,
  change: () => Promise<void>,
): Promise<void> {
  await addToRollups(db, ALL_FACT_SOURCES, forRequest, [requestId], -1);
  await change();
  await addToRollups(db, ALL_FACT_SOURCES, forRequest, [requestId]);
}

/** The one-request filters the recording code uses. */
export const forRequest: FactFilter = { where: 'r.id = $1' };
export const forStage: FactFilter = { where: 's.id = $1' };
export const forAuditEvent: FactFilter = { where: 'a.event_key = $1' };
