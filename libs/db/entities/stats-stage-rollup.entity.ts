import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { STAGE_COUNTERS } from '../statistics/counters';

/**
 * The statistics' per-stage counters, one row per stage name beside the keys of `stats_rollups`: a new stage in
 * the route is new rows, not a migration. Kept current in the same transactions as `stats_rollups`.
 */
@Entity('stats_stage_rollups')
@Index(['grain', 'divisionId', 'bucket'])
export class StatsStageRollupEntity {
  @PrimaryColumn({ type: 'text' }) grain: string;
  /** The day, or the first day of the month or ISO week, Europe/Stockholm. */
  @PrimaryColumn({ type: 'date' }) bucket: string;
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' }) unitId: string;
  @PrimaryColumn({ type: 'text' }) kind: string;
  @PrimaryColumn({ type: 'text' }) category: string;
  @PrimaryColumn({ type: 'text' }) stage: string;
  @Column({ name: 'division_id', type: 'uuid' }) divisionId: string;
  [counter: string]: unknown;
}

for (const counter of STAGE_COUNTERS) {
  Column({ name: counter, type: 'int', default: 0 })(StatsStageRollupEntity.prototype, counter);
}
