import { z } from 'zod';
import { first, many, type Queryable, timestamp } from './rows';

export const ATTACHMENT_CONTEXTS = ['submission', 'return_answer', 'review'] as const;
export type AttachmentContext = (typeof ATTACHMENT_CONTEXTS)[number];

const attachmentRow = z.object({
  id: z.string(),
  requestId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  storageKey: z.string(),
  uploadedBy: z.object({ id: z.string(), name: z.string().nullable() }),
  uploadedAt: timestamp,
  context: z.enum(ATTACHMENT_CONTEXTS),
  stage: z.string().nullable(),
});
export type AttachmentRow = z.infer<typeof attachmentRow>;

export interface NewAttachment {
  id: string;
  requestId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  context: AttachmentContext;
  stage: string | null;
}

const SELECT = `SELECT a.id, a.request_id AS "requestId", a.file_name AS "fileName", a.media_type AS "mediaType",
       a.size_bytes AS "sizeBytes", a.sha256, a.storage_key AS "storageKey",
       json_build_object('id', a.uploaded_by, 'name', u.display_name) AS "uploadedBy",
       a.uploaded_at AS "uploadedAt", a.context, a.stage
  FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by`;

/** The attachments' metadata (`attachments`); the bytes are the AttachmentStore's. */
export class AttachmentsRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Takes the request's row lock first, so two uploads at once cannot both pass the count: the count read after
   * the lock is the one the insert is checked against.
   */
  async lockAndCount(requestId: string): Promise<number> {
    await this.db.query(`SELECT 1 FROM requests WHERE id = $1 FOR UPDATE`, [requestId]);
    const row = await first(
      this.db,
      z.object({ count: z.number().int() }),
      `SELECT count(*)::int AS count FROM attachments WHERE request_id = $1`,
      [requestId],
    );
    return row?.count ?? 0;
  }

  async insert(a: NewAttachment): Promise<AttachmentRow> {
    await this.db.query(
      `INSERT INTO attachments (id, request_id, file_name, media_type, size_bytes, sha256, storage_key, uploaded_by, context, stage)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        a.id,
        a.requestId,
        a.fileName,
        a.mediaType,
        a.sizeBytes,
        a.sha256,
        a.storageKey,
        a.uploadedBy,
        a.context,
        a.stage,
      ],
    );
    return (await this.byId(a.requestId, a.id))!;
  }

  ofRequest(requestId: string): Promise<AttachmentRow[]> {
    return many(this.db, attachmentRow, `${SELECT} WHERE a.request_id = $1 ORDER BY a.uploaded_at, a.id`, [
      requestId,
    ]);
  }

  byId(requestId: string, id: string): Promise<AttachmentRow | undefined> {
    return first(this.db, attachmentRow, `${SELECT} WHERE a.request_id = $1 AND a.id = $2`, [requestId, id]);
  }

  async remove(requestId: string, id: string): Promise<void> {
    await this.db.query(`DELETE FROM attachments WHERE request_id = $1 AND id = $2`, [requestId, id]);
  }
}
