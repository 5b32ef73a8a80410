import { z } from 'zod';
import { REQUEST_KINDS } from '@domain/enums';
import { pageSchema } from './paging';
import { calendarDate, text, timestamp, uuid } from './wire';

export const delegationSchema = z.object({
  id: uuid,
  delegatorId: uuid,
  delegatorName: text,
  delegateId: uuid,
  delegateName: text,
  validFrom: calendarDate,
  validTo: calendarDate,
  kind: z.enum(REQUEST_KINDS).nullable().describe('null: every kind'),
  createdBy: uuid,
  createdAt: timestamp,
  revokedAt: timestamp.nullable(),
});
export type Delegation = z.infer<typeof delegationSchema>;

export const delegationListSchema = pageSchema(delegationSchema);
export type DelegationList = z.infer<typeof delegationListSchema>;
