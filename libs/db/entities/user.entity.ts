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
import { OrgUnitEntity } from './org-unit.entity';

@Entity('users')
@Check('CHK_users_identity_whole', '("external_issuer" IS NULL) = ("external_subject" IS NULL)')
@Index('IDX_users_external_identity', ['externalIssuer', 'externalSubject'], {
  unique: true,
  where: 'external_subject IS NOT NULL',
})
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
  /** The identity provider's issuer and subject this user signs in as; null until the first sign-in links them. */
  @Column({ name: 'external_issuer', type: 'text', nullable: true }) externalIssuer: string | null;
  @Column({ name: 'external_subject', type: 'text', nullable: true }) externalSubject: string | null;
  /** HSA id or employee number. */
  @Index('IDX_users_employee_id', { unique: true, where: 'employee_id IS NOT NULL' })
  @Column({ name: 'employee_id', type: 'text', nullable: true })
  employeeId: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('role_assignments')
@Index('IDX_role_assignments_period', ['userId', 'role', 'scopeUnitId', 'validFrom'], { unique: true })
@Check(
  'CHK_role_assignments_period',
  '"valid_to" IS NULL OR "valid_from" IS NULL OR "valid_from" <= "valid_to"',
)
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) role: string;
  /** A division or unit; null means the whole region. */
  @Index() @Column({ name: 'scope_unit_id', type: 'uuid', nullable: true }) scopeUnitId: string | null;
  /** First and last day the grant counts (inclusive; null: open-ended): a stand-in's extra role ends by itself. */
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scope_unit_id' })
  scopeUnit?: OrgUnitEntity;
}
