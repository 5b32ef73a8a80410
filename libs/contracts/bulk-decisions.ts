import { z } from 'zod';
import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '@domain/errors';
import { STAGE_NAMES } from '@domain/enums';
import { decisionResultSchema } from './requests';
import { text, uuid } from './wire';

/** At most this many requests in one bulk decision: a page of the inbox, and a bound on one HTTP call's work. */
export const MAX_BULK_ITEMS = 50;

/**
 * The outcomes a bulk decision takes: approval only, as a deciding stage grants it or a recommending one
 * recommends it. Rejecting, recommending rejection and returning each need their own reasoning for the request
 * at hand, so they are decided one request at a time.
 */
export const BULK_OUTCOMES = ['approve', 'recommend_approve'] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];

export const bulkDecisionInputSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            requestId: uuid,
            stage: z
              .enum(STAGE_NAMES)
              .describe('The stage the reviewer saw open; a stage closed since is refused'),
          })
          .strict(),
      )
      .min(1, 'must name at least one request')
      .max(MAX_BULK_ITEMS, `must name at most ${MAX_BULK_ITEMS} requests`)
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, i) => {
          if (item.stage !== items[0].stage)
            ctx.addIssue({
              code: 'custom',
              path: [i, 'stage'],
              message: `must be the same stage for every request (${items[0].stage})`,
            });
          if (seen.has(item.requestId))
            ctx.addIssue({ code: 'custom', path: [i, 'requestId'], message: 'names a request twice' });
          seen.add(item.requestId);
        });
      }),
    outcome: z.enum(BULK_OUTCOMES),
    comment: z
      .string({ invalid_type_error: 'must be text' })
      .trim()
      .max(4000, 'must be at most 4000 characters')
      .optional()
      .describe('One comment recorded with every decision'),
  })
  .strict();
export type BulkDecisionInput = z.infer<typeof bulkDecisionInputSchema>;

/** Why one request was not decided: the code and words a single decision would have been refused with. */
export const BULK_REFUSAL_CODES = [
  'review_engine_unavailable',
  'internal_error',
  ...(Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[]),
] as const;
export type BulkRefusalCode = (typeof BULK_REFUSAL_CODES)[number];

export const bulkDecisionItemResultSchema = z.discriminatedUnion('result', [
  z.object({
    requestId: uuid,
    result: z.literal('decided'),
    decision: decisionResultSchema,
  }),
  z.object({
    requestId: uuid,
    result: z.literal('refused'),
    problem: z.object({
      code: z.enum(BULK_REFUSAL_CODES),
      status: z.number().int().min(400).max(599).describe('The HTTP status a single decision would have had'),
      detail: text,
      errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  }),
]);

export const bulkDecisionResultSchema = z.object({
  decided: z.number().int().min(0),
  refused: z.number().int().min(0),
  items: z.array(bulkDecisionItemResultSchema).describe('One result per request, in the order asked'),
});

export type BulkDecisionItemResult = z.infer<typeof bulkDecisionItemResultSchema>;
export type BulkDecisionResult = z.infer<typeof bulkDecisionResultSchema>;
