import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RequestEntity } from './request.entity';
import { StageEntity } from './stage.entity';

@Entity('decisions')
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  /** One decision per stage round: the database refuses a second. */
  @Index({ unique: true }) @Column({ name: 'stage_id', type: 'uuid' }) stageId: string;
  @Column({ name: 'stage_name', type: 'text' }) stageName: string;
  @Column({ type: 'text' }) outcome: string;
  @Column({ name: 'actor_id', type: 'uuid' }) actorId: string;
  @Column({ name: 'on_behalf_of_id', type: 'uuid', nullable: true }) onBehalfOfId: string | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'text', nullable: true }) conditions: string | null;
  @Column({ name: 'valid_until', type: 'date', nullable: true }) validUntil: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt: Date;
  @ManyToOne(() => RequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: RequestEntity;
  @ManyToOne(() => StageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stage_id' })
  stage?: StageEntity;
}
