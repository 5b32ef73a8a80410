import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from './user.entity';

/** Out-of-office delegation (ersättare vid frånvaro): the delegate decides on behalf of the delegator. */
@Entity('delegations')
@Index(['delegateId', 'validFrom'])
@Index(['delegatorId', 'validFrom'])
export class DelegationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'delegator_id', type: 'uuid' }) delegatorId: string;
  @Column({ name: 'delegate_id', type: 'uuid' }) delegateId: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_to', type: 'date' }) validTo: string;
  /** Limited to one kind of request; null for both. */
  @Column({ type: 'text', nullable: true }) kind: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegator_id' })
  delegator?: UserEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id' })
  delegate?: UserEntity;
}
