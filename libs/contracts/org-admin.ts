import { z } from 'zod';
import { pageSchema } from './paging';
import { calendarDate, count, kronor, text, uuid } from './wire';

/** A division or unit as the admin page shows it: the whole record, its parent, and what hangs on it today. */
export const adminOrgUnitSchema = z.object({
  id: uuid,
  code: text,
  name: text,
  level: z.enum(['division', 'unit']),
  parentId: uuid.nullable().describe('The division of a unit; null for a division'),
  parentCode: text.nullable(),
  parentName: text.nullable(),
  budgetSek: kronor.nullable().describe('Budget frame per year'),
  staffCostSek: kronor
    .nullable()
    .describe('Own staff cost per year; agency cost is reported as a share of it'),
  validFrom: calendarDate.nullable().describe('First day open (inclusive); null: always'),
  validTo: calendarDate.nullable().describe('Last day open (inclusive); null: open-ended'),
  open: z.boolean().describe('Open on today’s Stockholm date: takes new requests'),
  openRequests: count.describe('Requests under review there (a division counts its units’)'),
  people: count.describe('People holding a role there today (a division counts its units’)'),
});
export type AdminOrgUnit = z.infer<typeof adminOrgUnitSchema>;

/** A page of the organisation, each division followed by its units. */
export const adminOrgUnitPageSchema = pageSchema(adminOrgUnitSchema);
export type AdminOrgUnitPage = z.infer<typeof adminOrgUnitPageSchema>;
