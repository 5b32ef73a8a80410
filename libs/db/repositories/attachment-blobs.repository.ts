import { z } from 'zod';
import type { AttachmentStore } from '../attachment-store/store';
import { execute, first, type Queryable } from './rows';

/** The default AttachmentStore: the bytes in `attachment_blobs`, beside their metadata. */
export class PostgresAttachmentStore implements AttachmentStore {
  constructor(private readonly db: Queryable) {}

  put(key: string, bytes: Buffer): Promise<void> {
    return execute(this.db, `INSERT INTO attachment_blobs (key, bytes) VALUES ($1, $2)`, [key, bytes]);
  }

  async get(key: string): Promise<Buffer | undefined> {
    const row = await first(
      this.db,
      z.object({ bytes: z.instanceof(Buffer) }),
      `SELECT bytes FROM attachment_blobs WHERE key = $1`,
      [key],
    );
    return row?.bytes;
  }

  delete(key: string): Promise<void> {
    return execute(this.db, `DELETE FROM attachment_blobs WHERE key = $1`, [key]);
  }
}
