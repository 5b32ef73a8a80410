import { z } from 'zod';
import { PROBLEM_CODES } from './problem-codes';

export * from './problem-codes';

/** RFC 9457 problem details, the one error shape of the API (apps/api/src/common/problem.filter.ts). */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  code: z
    .enum(PROBLEM_CODES)
    .describe(
      'What kind of problem, for a client to word in its own language (DomainError codes and HTTP ones)',
    )
    .optional(),
  detail: z.string().describe('What went wrong, in English, for developers and logs').optional(),
  instance: z.string().describe('The path that was called').optional(),
  errors: z
    .array(
      z.object({
        field: z.string().describe('Dotted path of the field, e.g. `fte` or `alternativesTried.0`'),
        message: z.string(),
      }),
    )
    .describe('The offending fields, when the problem is about the input')
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;
