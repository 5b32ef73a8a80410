import { z } from 'zod';
import { REQUEST_KINDS, REQUEST_STATUSES } from '@domain/enums';
import { pageSchema } from './paging';
import { caseNumber, requestTitleEnText, requestTitleText } from './requests';
import { text, timestamp, uuid } from './wire';

/** An open request whose requester left or lost the role, with whom the HR lead may move it to. */
export const requestWithoutRequesterSchema = z.object({
  id: uuid,
  caseNumber,
  summary: requestTitleText,
  summaryEn: requestTitleEnText,
  kind: z.enum(REQUEST_KINDS),
  status: z.enum(REQUEST_STATUSES),
  unitId: uuid,
  unitName: text,
  divisionId: uuid,
  divisionName: text,
  submittedAt: timestamp,
  requesterId: uuid,
  requesterName: text,
  reason: z
    .enum(['inactive', 'role_ended'])
    .describe('inactive: the requester left; role_ended: no requester role'),
  candidates: z
    .array(z.object({ id: uuid, displayName: text }))
    .describe("Active requesters of the request's unit or division today who decided none of its stages"),
});
export type RequestWithoutRequester = z.infer<typeof requestWithoutRequesterSchema>;

export const requestsWithoutRequesterSchema = pageSchema(requestWithoutRequesterSchema);
export type RequestsWithoutRequester = z.infer<typeof requestsWithoutRequesterSchema>;

export const requesterChangeSchema = z.object({
  id: uuid,
  requesterId: uuid,
  status: z.enum(REQUEST_STATUSES),
});
export type RequesterChange = z.infer<typeof requesterChangeSchema>;
