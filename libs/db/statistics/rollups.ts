import type { Queryable } from '../repositories/rows';
import { COUNTERS, GRAINS, STAGE_COUNTERS } from './counters';
import { ALL_FACT_SOURCES, bucketOf, type FactFilter, type FactSourceName, factsSql } from './facts';

const KEY = 'grain, bucket, unit_id, kind, category';
const STAGE_KEY = `${KEY}, stage`;
const GRAIN_ROWS = `(VALUES ${GRAINS.map((g) => `('${g}')`).join(', ')}) g(grain)`;

/** The upsert adding one table's facts to its rollups of every grain (`sign` -1 takes them out again). */
function upsert(
  table: 'stats_rollups' | 'stats_stage_rollups',
  facts: string,
  counters: readonly string[],
  sign: 1 | -1,
): string {
  const stage = table === 'stats_stage_rollups';
  const key = stage ? STAGE_KEY : KEY;
  const dimensions = `f.unit_id, f.kind, f.category${stage ? ', f.stage' : ''}, f.division_id`;
  const sums = counters.map((c) => `${sign} * sum(f.${c})`).join(', ');
  const updates = counters.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', ');
  const groups = Array.from({ length: stage ? 7 : 6 }, (_, i) => i + 1).join(', ');
  return `INSERT INTO ${table} (${key}, division_id, ${counters.join(', ')})
     SELECT g.grain, ${bucketOf('g.grain', 'f.at')}, ${dimensions}, ${sums}
       FROM (${facts}) f CROSS JOIN ${GRAIN_ROWS}
      GROUP BY ${groups}
     ON CONFLICT (${key}) DO UPDATE SET ${updates}`;
}

/**
 * Adds the facts that `filter` selects to the rollups of every grain. Called in the transaction that records
 * the event, with a filter naming just that event, so the rollups are never behind the record; a caller
 * must call it once per event (the activities do so only when their insert actually happened). One statement
 * whichever tables the sources feed: the request rollups' upsert rides in a CTE of the stage rollups' one.
 */
export async function addToRollups(
  db: Queryable,
  sources: readonly FactSourceName[],
  filter: FactFilter,
  params: unknown[] = [],
  sign: 1 | -1 = 1,
): Promise<void> {
  const requestFacts = factsSql('stats_rollups', sources, filter);
  const stageFacts = factsSql('stats_stage_rollups', sources, filter);
  const statements = [
    requestFacts && upsert('stats_rollups', requestFacts, COUNTERS, sign),
    stageFacts && upsert('stats_stage_rollups', stageFacts, STAGE_COUNTERS, sign),
  ].filter((s): s is string => !!s);
  const [last, ...before] = statements.reverse();
  const sql = before.length > 0 ? `WITH ${before.map((s, i) => `u${i} AS (${s})`).join(', ')} ${last}` : last;
  await db.query(sql, params);
}

/** Recomputes every rollup from the raw record: for bulk-loaded history. */
export async function rebuildRollups(db: Queryable): Promise<void> {
  await db.query(`TRUNCATE stats_rollups, stats_stage_rollups`);
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
