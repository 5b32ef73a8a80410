import { z } from 'zod';
import { pageQuery, SCREEN_PAGE_SIZE } from '@contracts/paging';
import { parseCaseNumber } from '@domain/case-number';
import { REQUEST_KINDS, REQUEST_STATUSES } from '@domain/enums';

/** A case number as typed into a search box (`2026-00042`, `2026-42`); anything else is a 400 naming the field. */
export const caseNumberQuery = z
  .string()
  .max(40, 'must be at most 40 characters')
  .transform((v, ctx) => {
    const parsed = parseCaseNumber(v);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'must be a case number such as 2026-00042' });
      return z.NEVER;
    }
    return parsed;
  });

export const listQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    kind: z.enum(REQUEST_KINDS).optional(),
    unitId: z.string().uuid().optional(),
    divisionId: z.string().uuid().optional(),
    mine: z.enum(['true', 'false']).optional(),
    caseNumber: caseNumberQuery.optional(),
    ...pageQuery(SCREEN_PAGE_SIZE),
    sort: z.enum(['submittedAt', '-submittedAt']).default('-submittedAt'),
  })
  .strict();

export const resubmitSchema = z
  .object({ comment: z.string().trim().max(4000).optional(), changes: z.record(z.unknown()).optional() })
  .strict();
export const reassignSchema = z.object({ userId: z.string().uuid('must be a user id (uuid)') }).strict();
export const withdrawSchema = z.object({ comment: z.string().trim().max(4000).optional() }).strict();
