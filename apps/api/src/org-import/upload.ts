import type { Request } from 'express';
import { MAX_IMPORT_BYTES, XLSX_MEDIA_TYPE } from '@org-import/read';
import { problem, ProblemException } from '../common/problem';

/** The media types the import reads as a raw body (a multipart upload is read by the interceptor). */
const RAW_TYPES = [XLSX_MEDIA_TYPE, 'text/csv', 'text/plain', 'application/octet-stream'];

export const tooLarge = (name: string) => {
  const detail = `${name} is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB the import reads`;
  return new ProblemException(problem(413, detail, { errors: [{ field: 'file', message: detail }] }));
};

/**
 * The file of a raw-body upload, read up to the import's limit: the JSON parser leaves these media types alone,
 * and anything else (JSON, a form without `file`) is refused by name.
 */
export async function rawUpload(req: Request, name: string): Promise<Uint8Array> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!RAW_TYPES.includes(type))
    throw new ProblemException(
      problem(
        415,
        `Send the file as the multipart field "file", or as the body with its content type (${RAW_TYPES.join(', ')})`,
      ),
    );
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_IMPORT_BYTES) throw tooLarge(name);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_IMPORT_BYTES) throw tooLarge(name);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
