import { z } from 'zod';
import { REQUEST_KINDS, REQUEST_STATUSES } from '@domain/enums';

export const listQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    kind: z.enum(REQUEST_KINDS).optional(),
    unitId: z.string().uuid().optional(),
    divisionId: z.string().uuid().optional(),
    mine: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
    sort: z.enum(['submittedAt', '-submittedAt']).default('-submittedAt'),
  })
  .strict();

export const resubmitSchema = z
  .object({ comment: z.string().trim().max(4000).optional(), changes: z.record(z.unknown()).optional() })
  .strict();
export const reassignSchema = z.object({ userId: z.string().uuid('must be a user id (uuid)') }).strict();
export const withdrawSchema = z.object({ comment: z.string().trim().max(4000).optional() }).strict();
