import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a trigger in the migration refuses UPDATE and DELETE. */
@Entity('audit_events')
@Index(['requestId', 'at'])
@Index(['type', 'at'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  /** Makes activity retries harmless: the same event key is written once. */
  @Column({ name: 'event_key', type: 'text', unique: true }) eventKey: string;
  @Column({ name: 'request_id', type: 'uuid', nullable: true }) requestId: string | null;
  @Column({ type: 'text' }) type: string;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
}
