/**
 * The rollups are kept at four levels of detail, each a pair of tables (request counters, stage counters) over
 * the same facts. Every level keeps the grain, bucket, kind and division; the finest also keeps unit and
 * occupational category. A query reads the coarsest level that still has every dimension its filters and
 * groups name: a three-year summary of the region sums about 12 rows a month (division × kind) instead of the
 * 350 of the finest level, so its cost no longer grows with the number of units and categories.
 */
export type Detail = 'unit' | 'category';

export interface RollupLevel {
  /** The request counters' table (the `stats_rollups` columns) and the stage counters' table. */
  requests: string;
  stages: string;
  /** Which of unit and category its rows are keyed by. */
  keeps: readonly Detail[];
}

/** Coarsest first: the first level that keeps what a query needs is the one it reads. */
export const ROLLUP_LEVELS: readonly RollupLevel[] = [
  { requests: 'stats_division_rollups', stages: 'stats_division_stage_rollups', keeps: [] },
  { requests: 'stats_category_rollups', stages: 'stats_category_stage_rollups', keeps: ['category'] },
  { requests: 'stats_unit_rollups', stages: 'stats_unit_stage_rollups', keeps: ['unit'] },
  { requests: 'stats_rollups', stages: 'stats_stage_rollups', keeps: ['unit', 'category'] },
];

/** The finest level: every fact's full key, the one the property test checks against the raw record. */
export const FINEST_LEVEL = ROLLUP_LEVELS[ROLLUP_LEVELS.length - 1];

/**
 * The primary key of a level's tables after grain and bucket. A unit belongs to one division, so where the unit
 * is kept the division is an attribute beside it (indexed for the division filter); elsewhere it is the key.
 */
export function levelKey(level: RollupLevel): string[] {
  return [
    level.keeps.includes('unit') ? 'unit_id' : 'division_id',
    'kind',
    ...(level.keeps.includes('category') ? ['category'] : []),
  ];
}

/**
 * Every column a level's rows are written and compared by: grain, bucket, its key, the stage's name in the stage
 * table, and the division as the attribute beside a kept unit.
 */
export function levelColumns(level: RollupLevel, stage: boolean): { key: string[]; columns: string[] } {
  const key = ['grain', 'bucket', ...levelKey(level), ...(stage ? ['stage'] : [])];
  return { key, columns: [...key, ...(level.keeps.includes('unit') ? ['division_id'] : [])] };
}

/** The coarsest level that keeps every dimension in `needs`. */
export function levelFor(needs: Iterable<Detail>): RollupLevel {
  const wanted = [...needs];
  return ROLLUP_LEVELS.find((level) => wanted.every((d) => level.keeps.includes(d)))!;
}
