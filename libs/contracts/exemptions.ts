import { z } from 'zod';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS } from '@domain/enums';
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
  costCeilingSek: kronor.nullable(),
  reason: text,
  decisionRef: text,
  grantedBy: uuid,
  createdAt: timestamp,
  revokedAt: timestamp.nullable(),
  revokedBy: uuid.nullable(),
});
export type Exemption = z.infer<typeof exemptionSchema>;

export const exemptionListSchema = pageSchema(exemptionSchema);
export type ExemptionList = z.infer<typeof exemptionListSchema>;
