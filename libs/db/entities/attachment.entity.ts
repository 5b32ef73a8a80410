import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { RequestEntity } from './request.entity';
import { UserEntity } from './user.entity';

/** A file attached to a request: its metadata; the bytes are in the AttachmentStore under `storageKey`. */
@Entity('attachments')
@Index('IDX_attachments_request', ['requestId', 'uploadedAt'])
@Unique('UQ_attachments_storage_key', ['storageKey'])
@Check('CHK_attachments_context', `"context" IN ('submission', 'return_answer', 'review')`)
@Check('CHK_attachments_size', `"size_bytes" > 0`)
@Check('CHK_attachments_sha256', `"sha256" ~ '^[0-9a-f]{64}$'`)
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_attachments' }) id: string;
  @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  @Column({ name: 'file_name', type: 'text' }) fileName: string;
  @Column({ name: 'media_type', type: 'text' }) mediaType: string;
  @Column({ name: 'size_bytes', type: 'integer' }) sizeBytes: number;
  @Column({ type: 'text' }) sha256: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey: string;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' }) uploadedAt: Date;
  @Column({ type: 'text' }) context: string;
  @Column({ type: 'text', nullable: true }) stage: string | null;
  @ManyToOne(() => RequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_attachments_request' })
  request?: RequestEntity;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'FK_attachments_uploader' })
  uploader?: UserEntity;
}

/** The bytes of an attachment when ATTACHMENT_STORE=postgres (the default). */
@Entity('attachment_blobs')
export class AttachmentBlobEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_attachment_blobs' }) key: string;
  @Column({ type: 'bytea' }) bytes: Buffer;
}
