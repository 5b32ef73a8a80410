import { z } from 'zod';
import { ROLES } from '@domain/enums';
import { pageSchema } from './paging';
import { calendarDate, count, kronor, text, timestamp, uuid } from './wire';

/** A bad row (or a bad file: line 0) of an organisation import, as the spreadsheet numbers it. */
export const importProblemSchema = z.object({
  sheet: text.describe('Enheter, Personer, or the file name (a CSV, or a problem with the whole file)'),
  line: count.describe(
    'The row as the spreadsheet shows it (the header is 1); 0 for the whole file or sheet',
  ),
  field: text,
  message: text,
});

const unitSnapshotSchema = z.object({
  code: text,
  parentCode: text.nullable(),
  name: text,
  level: z.enum(['division', 'unit']),
  budgetSek: kronor.nullable(),
  staffCostSek: kronor.nullable(),
  validFrom: calendarDate.nullable(),
  validTo: calendarDate.nullable(),
});
const personSnapshotSchema = z.object({
  id: text.describe('HSA id or employee number'),
  name: text,
  email: text.nullable(),
  active: z.boolean(),
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      scopeCode: text.nullable().describe('A unit code; null for the whole region'),
      validFrom: calendarDate.nullable(),
      validTo: calendarDate.nullable(),
    }),
  ),
});
const planItemSchema = z.discriminatedUnion('entity', [
  z.object({
    entity: z.literal('unit'),
    key: text,
    before: unitSnapshotSchema.nullable(),
    after: unitSnapshotSchema,
  }),
  z.object({
    entity: z.literal('person'),
    key: text,
    before: personSnapshotSchema.nullable(),
    after: personSnapshotSchema,
  }),
]);

export const importPlanSchema = z.object({
  create: z.array(planItemSchema),
  change: z.array(planItemSchema),
  deactivate: z
    .array(planItemSchema)
    .describe('Units in the organisation but not in the file (closed today) and such people (deactivated)'),
  unchanged: z.object({ units: count, people: count }),
});

/** The answer to an import: its problems (then no plan, nothing applied) or its plan, applied or not. */
export const importOutcomeSchema = z.object({
  applied: z.boolean().describe('False for a dry run, and whenever the file has problems'),
  rows: z.object({ units: count, people: count }),
  problems: z.array(importProblemSchema),
  plan: importPlanSchema.nullable(),
});
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;

export const adminAuditEntrySchema = z.object({
  id: uuid,
  at: timestamp,
  actorId: uuid.nullable().describe('The admin; null for the command-line import'),
  actorName: text.nullable(),
  entity: z
    .enum(['org_unit', 'user', 'delegation', 'review_period', 'cost_actual', 'cost_target'])
    .describe('cost_actual: entityId is the division or unit, the month is in before/after'),
  entityId: uuid,
  action: z
    .enum(['create', 'change', 'close', 'deactivate', 'end', 'grant', 'reactivate', 'unlink', 'clear'])
    .describe(
      'grant and end are a role of a person (end also a delegation, and a review period ended early); unlink their identity; change also a corrected review period; clear a cost target removed',
    ),
  before: z.unknown(),
  after: z.unknown(),
});
export const adminAuditPageSchema = pageSchema(adminAuditEntrySchema);
export type AdminAuditPage = z.infer<typeof adminAuditPageSchema>;
