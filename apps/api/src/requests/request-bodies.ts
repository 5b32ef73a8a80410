import { z } from 'zod';
import { pageQuery, SCREEN_PAGE_SIZE } from '@contracts/paging';
import { REQUEST_KINDS, REQUEST_STATUSES } from '@domain/enums';

export const listQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    kind: z.enum(REQUEST_KINDS).optional(),
    unitId: z.string().uuid().optional(),
    divisionId: z.string().uuid().optional(),
    mine: z.enum(['true', 'false']).optional(),
    ...pageQuery(SCREEN_PAGE_SIZE),
    sort: z.enum(['submittedAt', '-submittedAt']).default('-submittedAt'),
  })
  .strict();

export const resubmitSchema = z
  .object({ comment: z.string().trim().max(4000).optional(), changes: z.record(z.unknown()).optional() })
  .strict();
export const reassignSchema = z.object({ userId: z.string().uuid('must be a user id (uuid)') }).strict();
export const withdrawSchema = z.object({ comment: z.string().trim().max(4000).optional() }).strict();
