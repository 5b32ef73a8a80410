import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RequestEntity } from './request.entity';

@Entity('stages')
@Index(['requestId', 'name', 'round'], { unique: true })
@Index(['dueAt'], { where: 'closed_at IS NULL' })
@Index(['closedAt'])
export class StageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  @Column({ type: 'text' }) name: string;
  /** 1 for the first time a stage opens; a resubmission after a return opens it again as round 2, 3 … */
  @Column({ type: 'int' }) round: number;
  @Column({ name: 'assignee_role', type: 'text' }) assigneeRole: string;
  /** The division whose reviewers may decide; null for region-wide roles. */
  @Column({ name: 'assignee_scope_unit_id', type: 'uuid', nullable: true }) assigneeScopeUnitId:
    string | null;
  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true }) assigneeUserId: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'escalation_level', type: 'int', default: 0 }) escalationLevel: number;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  /** Whether the stage decides or recommends (tillstyrker/avstyrker), as the route had it when the stage opened. */
  @Column({ type: 'text', default: 'deciding' }) mode: string;
  @ManyToOne(() => RequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: RequestEntity;
}
