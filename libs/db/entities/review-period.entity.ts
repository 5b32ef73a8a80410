import {
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
export class ReviewPeriodEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_to', type: 'date' }) validTo: string;
  @Column({ name: 'decision_ref', type: 'text' }) decisionRef: string;
  @Column({ name: 'decided_by', type: 'text' }) decidedBy: string;
  @Column({ name: 'decided_on', type: 'date' }) decidedOn: string;
  @Column({ name: 'extends_id', type: 'uuid', nullable: true }) extendsId: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @ManyToOne(() => ReviewPeriodEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'extends_id' })
  extends?: ReviewPeriodEntity;
}
