import { z } from 'zod';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS } from '@domain/enums';
import { EXEMPTION_STATUSES } from '@domain/exemptions';
import { pageSchema } from './paging';
import { calendarDate, kronor, text, timestamp, uuid } from './wire';

export const exemptionSchema = z.object({
  id: uuid,
  scopeUnitId: uuid,
  kind: z.enum(REQUEST_KINDS),
  occupationalCategories: z
    .array(z.enum(OCCUPATIONAL_CATEGORIES))
    .describe('Empty: every occupational category'),
  validFrom: calendarDate,
  validTo: calendarDate,
  costCeilingSek: kronor
    .nullable()
    .describe('Null only on exemptions recorded before a ceiling was required: they cover nothing'),
  reason: text,
  decisionBody: text.describe('Who decided it: the board or the regiondirektör'),
  decisionRef: text,
  decidedOn: calendarDate,
  recordedBy: uuid.describe('The executive or admin who recorded the decision'),
  createdAt: timestamp,
  status: z.enum(EXEMPTION_STATUSES).describe("Today's: incomplete ones (no cost ceiling) cover nothing"),
  revokedOn: calendarDate.nullable().describe('The first day it no longer covers requests'),
  revokeReason: text.nullable(),
  revokedAt: timestamp.nullable(),
  revokedBy: uuid.nullable(),
});
export type Exemption = z.infer<typeof exemptionSchema>;

export const exemptionListSchema = pageSchema(exemptionSchema);
export type ExemptionList = z.infer<typeof exemptionListSchema>;
