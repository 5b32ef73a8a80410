import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

@Entity('notifications')
@Index(['recipientId', 'createdAt'])
@Index(['eventKey', 'recipientId'], { unique: true })
// The resend job's scan (migration 1764360000000): only the rows still owed a mail.
@Index('IDX_notifications_mail_outbox', ['mailClaimedAt'], {
  where: 'mail_to IS NOT NULL AND mailed_at IS NULL AND mail_gave_up_at IS NULL',
})
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
  /** Why the last attempt at the e-mail copy failed; the resend job tries again until mail_gave_up_at. */
  @Column({ name: 'mail_error', type: 'text', nullable: true }) mailError: string | null;
  /** The outbox (migration 1764360000000): the composed mail, stored in the notification's own transaction. */
  @Column({ name: 'mail_to', type: 'text', nullable: true }) mailTo: string | null;
  @Column({ name: 'mail_subject', type: 'text', nullable: true }) mailSubject: string | null;
  @Column({ name: 'mail_text', type: 'text', nullable: true }) mailText: string | null;
  @Column({ name: 'mail_attempts', type: 'integer', default: 0 }) mailAttempts: number;
  /** When a sender last took the mail; another sender leaves it alone for the grace period. */
  @Column({ name: 'mail_claimed_at', type: 'timestamptz', nullable: true }) mailClaimedAt: Date | null;
  /** When the resend job stopped trying (attempts exhausted or a permanent refusal). */
  @Column({ name: 'mail_gave_up_at', type: 'timestamptz', nullable: true }) mailGaveUpAt: Date | null;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: UserEntity;
}
