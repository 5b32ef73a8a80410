import { z } from 'zod';
import { REQUEST_KINDS } from '@domain/enums';
import { pageSchema } from './paging';
import { calendarDate, text, timestamp, uuid } from './wire';

export const reviewPeriodSchema = z.object({
  id: uuid,
  kind: z.enum(REQUEST_KINDS),
  validFrom: calendarDate,
  validTo: calendarDate,
  decisionRef: text,
  decidedBy: text,
  decidedOn: calendarDate,
  extendsId: uuid.nullable().describe('The period this one extends'),
  endedEarly: z
    .object({ decisionRef: text, decidedOn: calendarDate })
    .nullable()
    .describe('The decision that ended the period early (validTo is then its new last day)'),
  createdAt: timestamp,
});
export type ReviewPeriod = z.infer<typeof reviewPeriodSchema>;

export const reviewPeriodListSchema = pageSchema(reviewPeriodSchema);
export type ReviewPeriodList = z.infer<typeof reviewPeriodListSchema>;
