import type { AttachmentsConfig } from '@config/config';
import { PostgresAttachmentStore } from '../repositories/attachment-blobs.repository';
import type { Queryable } from '../repositories/rows';
import { S3AttachmentStore } from './s3-store';
import type { AttachmentStore } from './store';

/** The store ATTACHMENT_STORE names. */
export function openAttachmentStore(config: AttachmentsConfig['store'], db: Queryable): AttachmentStore {
  return config.kind === 's3' ? new S3AttachmentStore(config) : new PostgresAttachmentStore(db);
}
