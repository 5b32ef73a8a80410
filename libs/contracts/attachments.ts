import { z } from 'zod';
import { ATTACHMENT_MEDIA_TYPES } from '@domain/attachments';
import { text, timestamp, uuid } from './wire';

/** A file attached to a request, as listed; the bytes are at its download URL. */
export const attachmentSchema = z.object({
  id: uuid,
  requestId: uuid,
  fileName: text.describe('The name as uploaded (no path characters)'),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES).describe('Detected from the content, not the name'),
  sizeBytes: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedBy: z.object({ id: uuid, name: text.nullable() }),
  uploadedAt: timestamp,
  context: z
    .enum(['submission', 'return_answer', 'review'])
    .describe('With the submission, a return answer, or a review'),
  stage: text.nullable().describe('The stage open when it was uploaded'),
});

export const attachmentListSchema = z.object({
  items: z.array(attachmentSchema),
  limits: z.object({
    maxBytes: z.number().int().describe('The largest file accepted'),
    perRequest: z.number().int().describe('How many files a request may have'),
  }),
});

export type Attachment = z.infer<typeof attachmentSchema>;
export type AttachmentList = z.infer<typeof attachmentListSchema>;
