import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { OrgUnitEntity } from './org-unit.entity';
import { UserEntity } from './user.entity';
import { ReviewPeriodEntity } from './review-period.entity';
import { ExemptionEntity } from './exemption.entity';

@Entity('requests')
@Index(['requesterId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index(['status', 'submittedAt'])
@Index(['divisionId', 'submittedAt'])
@Index(['submittedAt'])
@Index(['decidedAt'])
@Index('UQ_requests_case_number', ['caseYear', 'caseSeq'], { unique: true })
export class RequestEntity {
  /** Chosen by the API before the workflow starts, so `review-<id>` is known up front. */
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: string;
  /**
   * The case number (2026-00042): the Stockholm year of submission and its place in that year, given by the
   * database's trigger (migration 1764340000000), never by a writer, so no insert or update names them.
   */
  @Column({ name: 'case_year', type: 'int', insert: false, update: false }) caseYear: number;
  @Column({ name: 'case_seq', type: 'int', insert: false, update: false }) caseSeq: number;
  @Index() @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
  /** Denormalised from the unit so statistics filter without a join. */
  @Column({ name: 'division_id', type: 'uuid' }) divisionId: string;
  @Index() @Column({ name: 'requester_id', type: 'uuid' }) requesterId: string;
  @Column({ name: 'occupational_category', type: 'text' }) occupationalCategory: string;
  /** The submitted fields of the request, by kind (design.md section 6). */
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  /** Monthly salary cost (hire) or estimated cost (agency call-off), whole kronor. */
  @Column({ name: 'cost_sek', type: 'bigint' }) costSek: string;
  @Column({ type: 'text' }) status: string;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ name: 'period_id', type: 'uuid', nullable: true }) periodId: string | null;
  @Column({ name: 'exemption_id', type: 'uuid', nullable: true }) exemptionId: string | null;
  @Column({ name: 'policy_version', type: 'int', nullable: true }) policyVersion: number | null;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  /** What the review approved: the estimate, or less where a stage approved a lower cost. */
  @Column({ name: 'approved_cost_sek', type: 'bigint', nullable: true }) approvedCostSek: string | null;
  /** Submission to final decision (approve, approve with conditions, reject); see libs/domain/lead-time.ts. */
  @Column({ name: 'lead_business_days', type: 'int', nullable: true }) leadBusinessDays: number | null;
  @Column({ name: 'lead_hours', type: 'int', nullable: true }) leadHours: number | null;
  @Column({ name: 'valid_until', type: 'date', nullable: true }) validUntil: string | null;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  /** sha256 of the submitted body, to refuse a reused Idempotency-Key with a different body. */
  @Column({ name: 'body_hash', type: 'text', nullable: true }) bodyHash: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnitEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requester_id' })
  requester?: UserEntity;
  @ManyToOne(() => ReviewPeriodEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_id' })
  period?: ReviewPeriodEntity;
  @ManyToOne(() => ExemptionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exemption_id' })
  exemption?: ExemptionEntity;
}
