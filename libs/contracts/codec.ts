import { z } from 'zod';

/** Proto3 JSON bytes: standard base64 (with padding), as the Temporal UI and CLI send payload data and metadata. */
const base64 = z
  .string()
  .max(4_000_000)
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'must be base64');

export const wirePayloadSchema = z
  .object({
    metadata: z.record(z.string().min(1).max(200), base64).optional(),
    data: base64.optional(),
  })
  .strict();

/**
 * The codec server protocol's body, the same both ways (docs.temporal.io "Codec Server"): the Temporal UI and CLI
 * send `POST {endpoint}/decode` (or /encode) with their payloads and show the ones we answer.
 */
export const codecPayloadsSchema = z
  .object({ payloads: z.array(wirePayloadSchema).max(1000, 'at most 1000 payloads a call') })
  .strict();

export type WirePayload = z.infer<typeof wirePayloadSchema>;
export type CodecPayloads = z.infer<typeof codecPayloadsSchema>;
