import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { COUNTERS, MONEY_COUNTERS, STAGE_COUNTERS } from '../statistics/counters';
import { FINEST_LEVEL, ROLLUP_LEVELS, type RollupLevel } from '../statistics/levels';

/**
 * The statistics' counters per month, ISO week and day, at each level of ROLLUP_LEVELS (libs/db/statistics/
 * levels.ts), kept current in the same transactions that record submissions and outcomes (never by a batch that
 * could go stale). A level's request table has a column per COUNTERS entry; its stage table one row per stage
 * name with the STAGE_COUNTERS, so a new stage in the route is new rows, not a migration. The classes are made
 * from those lists, so tables, facts and queries share them.
 */
export interface StatsRollupRow {
  grain: string;
  /** The day, or the first day of the month or ISO week, Europe/Stockholm. */
  bucket: string;
  unitId?: string;
  divisionId: string;
  kind: string;
  category?: string;
  stage?: string;
  [counter: string]: unknown;
}

type RollupEntityClass = new () => StatsRollupRow;

function rollupEntity(level: RollupLevel, stage: boolean): RollupEntityClass {
  const table = stage ? level.stages : level.requests;
  const cls = class {} as unknown as RollupEntityClass;
  // TypeORM names an entity after its class: one name per table.
  Object.defineProperty(cls, 'name', {
    value: table.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase()).replace(/s$/, '') + 'Entity',
  });
  const target = cls.prototype as object;
  const unit = level.keeps.includes('unit');
  PrimaryColumn({ type: 'text' })(target, 'grain');
  PrimaryColumn({ type: 'date' })(target, 'bucket');
  if (unit) {
    PrimaryColumn({ name: 'unit_id', type: 'uuid' })(target, 'unitId');
    // One division per unit: an attribute beside the unit, indexed for the division filter.
    Column({ name: 'division_id', type: 'uuid' })(target, 'divisionId');
  } else {
    PrimaryColumn({ name: 'division_id', type: 'uuid' })(target, 'divisionId');
  }
  PrimaryColumn({ type: 'text' })(target, 'kind');
  if (level.keeps.includes('category')) PrimaryColumn({ type: 'text' })(target, 'category');
  if (stage) PrimaryColumn({ type: 'text' })(target, 'stage');
  for (const counter of stage ? STAGE_COUNTERS : COUNTERS) {
    const money = !stage && MONEY_COUNTERS.has(counter as never);
    Column({ name: counter, type: money ? 'bigint' : 'int', default: 0 })(target, counter);
  }
  if (unit) Index(['grain', 'divisionId', 'bucket'])(cls);
  Entity(table)(cls);
  return cls;
}

/** Every level's request and stage entities, coarsest level first. */
export const ROLLUP_ENTITIES: readonly RollupEntityClass[] = ROLLUP_LEVELS.flatMap((level) => [
  rollupEntity(level, false),
  rollupEntity(level, true),
]);

const finest = ROLLUP_LEVELS.indexOf(FINEST_LEVEL);
/** The finest level's tables, `stats_rollups` and `stats_stage_rollups`. */
export const StatsRollupEntity = ROLLUP_ENTITIES[2 * finest];
export const StatsStageRollupEntity = ROLLUP_ENTITIES[2 * finest + 1];
