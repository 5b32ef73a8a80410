import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { COUNTERS, MONEY_COUNTERS } from '../statistics/counters';

/**
 * The statistics' counters per month, ISO week and day, unit, kind and occupational category, kept current
 * in the same transactions that record submissions and outcomes (never by a batch that could go stale).
 * The counter columns are declared from COUNTERS below, so table, facts and queries share one list.
 */
@Entity('stats_rollups')
@Index(['grain', 'divisionId', 'bucket'])
export class StatsRollupEntity {
  @PrimaryColumn({ type: 'text' }) grain: string;
  /** The day, or the first day of the month or ISO week, Europe/Stockholm. */
  @PrimaryColumn({ type: 'date' }) bucket: string;
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' }) unitId: string;
  @PrimaryColumn({ type: 'text' }) kind: string;
  @PrimaryColumn({ type: 'text' }) category: string;
  @Column({ name: 'division_id', type: 'uuid' }) divisionId: string;
  [counter: string]: unknown;
}

for (const counter of COUNTERS) {
  Column({ name: counter, type: MONEY_COUNTERS.has(counter) ? 'bigint' : 'int', default: 0 })(
    StatsRollupEntity.prototype,
    counter,
  );
}
