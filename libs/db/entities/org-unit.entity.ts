import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

@Entity('org_units')
@Check('CHK_org_units_period', '"valid_to" IS NULL OR "valid_from" IS NULL OR "valid_from" <= "valid_to"')
export class OrgUnitEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  /** `division` (division / område) or `unit` (enhet). */
  @Column({ type: 'text' }) level: 'division' | 'unit';
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) name: string;
  /** The division's budget frame in whole kronor, from the region's budget. */
  @Column({ name: 'budget_sek', type: 'bigint', nullable: true }) budgetSek: string | null;
  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnitEntity;
  /** The division's own staff cost per year in whole kronor; agency cost is reported as a share of it. */
  @Column({ name: 'staff_cost_sek', type: 'bigint', nullable: true }) staffCostSek: string | null;
  /** First and last day the unit is open (inclusive; null: open-ended). A closed unit keeps its history. */
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
}
