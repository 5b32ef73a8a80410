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
  @Column({ name: 'decision_ref', type: 'text' }) decisionRef: string;
  @Column({ name: 'granted_by', type: 'uuid' }) grantedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ name: 'revoked_by', type: 'uuid', nullable: true }) revokedBy: string | null;
  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scope_unit_id' })
  scopeUnit?: OrgUnitEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'granted_by' })
  granter?: UserEntity;
}
