import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

@Entity('review_periods')
@Index(['kind', 'validFrom'])
@Check('CHK_review_periods_early_end', '("ended_early_ref" IS NULL) = ("ended_early_on" IS NULL)')
export class ReviewPeriodEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_to', type: 'date' }) validTo: string;
  @Column({ name: 'decision_ref', type: 'text' }) decisionRef: string;
  @Column({ name: 'decided_by', type: 'text' }) decidedBy: string;
  @Column({ name: 'decided_on', type: 'date' }) decidedOn: string;
  /** The decision that ended the period early (reference and date); `valid_to` is then its new last day. */
  @Column({ name: 'ended_early_ref', type: 'text', nullable: true }) endedEarlyRef: string | null;
  @Column({ name: 'ended_early_on', type: 'date', nullable: true }) endedEarlyOn: string | null;
  @Column({ name: 'extends_id', type: 'uuid', nullable: true }) extendsId: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @ManyToOne(() => ReviewPeriodEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'extends_id' })
  extends?: ReviewPeriodEntity;
}
