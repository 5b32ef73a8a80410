import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

@Entity('notifications')
@Index(['recipientId', 'createdAt'])
@Index(['eventKey', 'recipientId'], { unique: true })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'event_key', type: 'text' }) eventKey: string;
  @Column({ name: 'recipient_id', type: 'uuid' }) recipientId: string;
  @Column({ name: 'request_id', type: 'uuid', nullable: true }) requestId: string | null;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
  /** When the e-mail copy was accepted by the SMTP server; null while unsent or with no address or no SMTP. */
  @Column({ name: 'mailed_at', type: 'timestamptz', nullable: true }) mailedAt: Date | null;
  /** Why the e-mail copy could not be sent (it is not retried). */
  @Column({ name: 'mail_error', type: 'text', nullable: true }) mailError: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: UserEntity;
}
