import { z } from 'zod';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS, STAGE_NAMES } from '@domain/enums';
import { pageSchema } from './paging';
import { caseNumber, requestTitleEnText, requestTitleText } from './requests';
import { kronor, text, timestamp, uuid } from './wire';

export const inboxItemSchema = z.object({
  requestId: uuid,
  caseNumber,
  stage: z.enum(STAGE_NAMES),
  mode: z
    .enum(['deciding', 'recommending'])
    .describe('How the stage decides: what a bulk approval of it records (approve or recommend_approve)'),
  round: z.number().int(),
  dueAt: timestamp,
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  delegated: z.boolean(),
  onBehalfOfId: uuid.nullable().describe('The absent reviewer the caller stands in for'),
  kind: z.enum(REQUEST_KINDS),
  unitId: uuid,
  unitName: text,
  divisionId: uuid,
  divisionName: text,
  requesterName: text,
  occupationalCategory: z.enum(OCCUPATIONAL_CATEGORIES),
  summary: requestTitleText,
  summaryEn: requestTitleEnText,
  urgent: z.boolean(),
  costSek: kronor,
  submittedAt: timestamp,
});

export const inboxSchema = pageSchema(inboxItemSchema);

export type InboxItem = z.infer<typeof inboxItemSchema>;
export type Inbox = z.infer<typeof inboxSchema>;
