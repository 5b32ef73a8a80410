import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrgUnitEntity } from './org-unit.entity';
import { UserEntity } from './user.entity';

@Entity('exemptions')
@Index(['kind', 'validFrom'])
export class ExemptionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** A division or a unit. */
  @Column({ name: 'scope_unit_id', type: 'uuid' }) scopeUnitId: string;
  @Column({ type: 'text' }) kind: string;
  /** Empty: every occupational category. */
  @Column({ name: 'occupational_categories', type: 'text', array: true }) occupationalCategories: string[];
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_to', type: 'date' }) validTo: string;
  @Column({ name: 'cost_ceiling_sek', type: 'bigint', nullable: true }) costCeilingSek: string | null;
  @Column({ type: 'text' }) reason: string;
  /** Who decided it: the board or the regiondirektör. */
  @Column({ name: 'decision_body', type: 'text' }) decisionBody: string;
  @Column({ name: 'decision_ref', type: 'text' }) decisionRef: string;
  @Column({ name: 'decided_on', type: 'date' }) decidedOn: string;
  /** The executive or admin who recorded the decision. */
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ name: 'revoked_by', type: 'uuid', nullable: true }) revokedBy: string | null;
  /** The first day the exemption no longer covers requests. */
  @Column({ name: 'revoked_on', type: 'date', nullable: true }) revokedOn: string | null;
  @Column({ name: 'revoke_reason', type: 'text', nullable: true }) revokeReason: string | null;
  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scope_unit_id' })
  scopeUnit?: OrgUnitEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by' })
  recorder?: UserEntity;
}
