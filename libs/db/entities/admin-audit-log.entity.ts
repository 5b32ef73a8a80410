import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed the organisation (units, people, their roles), with the row as it was and as it became. */
@Entity('admin_audit_log')
export class AdminAuditLogEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_admin_audit_log' }) id: string;
  @Index('IDX_admin_audit_log_at') @CreateDateColumn({ type: 'timestamptz' }) at: Date;
  /** The admin who made the change; null for the command-line import, which runs as the database. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  /** `org_unit` or `user`. */
  @Column({ type: 'text' }) entity: string;
  @Column({ name: 'entity_id', type: 'uuid' }) entityId: string;
  /** `create`, `change`, `close` (a unit) or `deactivate` (a person). */
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'jsonb', nullable: true }) before: unknown;
  @Column({ type: 'jsonb', nullable: true }) after: unknown;
}
