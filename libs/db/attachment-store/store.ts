/**
 * Where the bytes of attachments live, by key: PostgreSQL (attachment_blobs) by default, an S3-compatible bucket
 * in production (ATTACHMENT_STORE=s3). The metadata is always in PostgreSQL (AttachmentsRepository); the key is
 * made by the API, never from a file name.
 */
export interface AttachmentStore {
  put(key: string, bytes: Buffer, mediaType: string): Promise<void>;
  /** The bytes, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the key; no error when it is already gone. */
  delete(key: string): Promise<void>;
}
