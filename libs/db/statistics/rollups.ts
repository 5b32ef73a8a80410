import type { Queryable } from '../repositories/rows';
import { COUNTERS, GRAINS, STAGE_COUNTERS } from './counters';
import { ALL_FACT_SOURCES, bucketOf, type FactFilter, type FactSourceName, factsSql } from './facts';
import { levelColumns, ROLLUP_LEVELS, type RollupLevel } from './levels';

const GRAIN_ROWS = `(VALUES ${GRAINS.map((g) => `('${g}')`).join(', ')}) g(grain)`;
const DIMENSIONS = ['unit_id', 'kind', 'category', 'division_id'];

/** A CTE summing one table's facts per grain, bucket and every dimension (`sign` -1 takes them out again). */
function summed(
  name: string,
  facts: string,
  counters: readonly string[],
  stage: boolean,
  sign: 1 | -1,
): string {
  const dimensions = [...DIMENSIONS, ...(stage ? ['stage'] : [])];
  const sums = counters.map((c) => `${sign} * sum(f.${c}) AS ${c}`).join(', ');
  const groups = Array.from({ length: dimensions.length + 2 }, (_, i) => i + 1).join(', ');
  return `${name} AS (
     SELECT g.grain, ${bucketOf('g.grain', 'f.at')} AS bucket, ${dimensions.map((d) => `f.${d}`).join(', ')}, ${sums}
       FROM (${facts}) f CROSS JOIN ${GRAIN_ROWS}
      GROUP BY ${groups})`;
}

/** The upsert adding the summed facts `from` to one level's table. */
function upsert(level: RollupLevel, stage: boolean, from: string, counters: readonly string[]): string {
  const table = stage ? level.stages : level.requests;
  const { key, columns: written } = levelColumns(level, stage);
  const columns = written.join(', ');
  const updates = counters.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', ');
  return `INSERT INTO ${table} (${columns}, ${counters.join(', ')})
     SELECT ${columns}, ${counters.map((c) => `sum(${c})`).join(', ')} FROM ${from} GROUP BY ${columns}
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates}`;
}

/**
 * Adds the facts that `filter` selects to the rollups of every grain and every level. Called in the transaction
 * that records the event, with a filter naming just that event, so the rollups are never behind the record; a
 * caller must call it once per event (the activities do so only when their insert actually happened). One
 * statement whichever tables the sources feed: the facts are summed once and every level's upsert rides in a CTE.
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
  const sums = [
    requestFacts && summed('request_facts', requestFacts, COUNTERS, false, sign),
    stageFacts && summed('stage_facts', stageFacts, STAGE_COUNTERS, true, sign),
  ].filter((s): s is string => !!s);
  const upserts = ROLLUP_LEVELS.flatMap((level) => [
    ...(requestFacts ? [upsert(level, false, 'request_facts', COUNTERS)] : []),
    ...(stageFacts ? [upsert(level, true, 'stage_facts', STAGE_COUNTERS)] : []),
  ]);
  const [last, ...before] = upserts.reverse();
  const ctes = [...sums, ...before.map((s, i) => `u${i} AS (${s})`)];
  await db.query(`WITH ${ctes.join(',\n')}\n${last}`, params);
}

/** Recomputes every rollup from the raw record: for bulk-loaded history. */
export async function rebuildRollups(db: Queryable): Promise<void> {
  await db.query(`TRUNCATE ${ROLLUP_LEVELS.flatMap((l) => [l.requests, l.stages]).join(', ')}`);
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
