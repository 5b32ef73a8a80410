/**
 * Attachments on a request: what a file is, told from its bytes alone (the name and the client's Content-Type
 * are the sender's word, and a renamed executable must not become a "PDF"), and whether its name is safe to keep
 * and to hand back in a Content-Disposition header.
 */
export const ATTACHMENT_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_ATTACHMENTS_PER_REQUEST = 20;
export const MAX_ATTACHMENT_NAME_LENGTH = 200;

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;

const startsWith = (bytes: Buffer, magic: Buffer) =>
  bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);
const utf16 = (name: string) => Buffer.from(name, 'utf16le');

/** The names in a ZIP's central directory, or undefined when it is no readable ZIP. */
export function zipEntryNames(bytes: Buffer): string[] | undefined {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== ZIP_LOCAL) return undefined;
  // The end record is within the last 22 + 65 535 bytes (its comment is at most that long).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i -= 1) {
    if (bytes.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== ZIP_CENTRAL) return undefined;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) return undefined;
    names.push(bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * The media type of an accepted file from its content, or undefined for anything else. A .docx or .xlsx is a ZIP
 * (Office Open XML): it counts only with [Content_Types].xml and a word/ or xl/ part; an old .doc or .xls is an
 * OLE2 compound file whose directory names a WordDocument or Workbook (Book for Excel 5) stream.
 */
export function detectAttachmentType(bytes: Buffer): AttachmentMediaType | undefined {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, OLE2)) {
    if (bytes.includes(utf16('WordDocument'))) return 'application/msword';
    if (bytes.includes(utf16('Workbook')) || bytes.includes(utf16('Book\0')))
      return 'application/vnd.ms-excel';
    return undefined;
  }
  const names = zipEntryNames(bytes);
  if (!names || !names.includes('[Content_Types].xml')) return undefined;
  if (names.some((n) => n.startsWith('word/')))
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.some((n) => n.startsWith('xl/')))
    return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return undefined;
}

/**
 * Why a file name is refused, or undefined when it may be kept as it is. A name is shown and sent back, never
 * used as a path; still, path characters and control characters say the client is not sending a plain name, and
 * are refused rather than silently rewritten.
 */
export function attachmentNameProblem(name: string): string | undefined {
  if (name.trim().length === 0) return 'is empty';
  if ([...name].length > MAX_ATTACHMENT_NAME_LENGTH)
    return `is longer than ${MAX_ATTACHMENT_NAME_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'contains control characters';
  if (/[/\\]/.test(name) || name.includes('..')) return 'contains path characters (/, \\ or ..)';
  return undefined;
}

/** The file name in a Content-Disposition header: an ASCII fallback and the exact name (RFC 6266, RFC 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * How long after submitting the requester may still add the files of the submission to a request that finished
 * on submission (no review period, or an exemption): the new-request form posts them right after creating it.
 */
export const SUBMISSION_ATTACH_WINDOW_MS = 15 * 60 * 1000;

export type AttachmentContextOf = 'submission' | 'return_answer' | 'review';

/**
 * Who may add a file to a request they can see, and as what: the requester while it is in review (the files of
 * the submission) or returned to them (their answer), or within the window after submitting; a reviewer (any
 * reviewer role) while it is in review. Others, and anyone once the review is over, are refused.
 */
export function attachmentContext(a: {
  isRequester: boolean;
  isReviewer: boolean;
  status: string;
  submittedAt: Date;
  now: Date;
}): AttachmentContextOf | undefined {
  if (a.isRequester) {
    if (a.status === 'returned') return 'return_answer';
    if (a.status === 'in_review') return 'submission';
    if (a.now.getTime() - a.submittedAt.getTime() <= SUBMISSION_ATTACH_WINDOW_MS) return 'submission';
    return undefined;
  }
  if (a.isReviewer && a.status === 'in_review') return 'review';
  return undefined;
}
