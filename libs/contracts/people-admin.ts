import { z } from 'zod';
import { CODE, EMAIL } from '@domain/org-import/rows';
import { ROLES } from '@domain/enums';
import { isoDate } from '@domain/schema-parts';
import { pageQuery, pageSchema, SCREEN_PAGE_SIZE } from './paging';
import { calendarDate, text, timestamp, uuid } from './wire';

/** A role assignment as the admin sees it: its scope by id, code and name, its period, and whether it counts today. */
export const roleAssignmentSchema = z.object({
  id: uuid,
  role: z.enum(ROLES),
  scopeUnitId: uuid.nullable().describe('A division or unit; null for the region'),
  scopeUnitCode: text.nullable(),
  scopeUnitName: text.nullable(),
  validFrom: calendarDate.nullable().describe('First day the role counts; null: always'),
  validTo: calendarDate.nullable().describe('Last day the role counts; null: open-ended'),
  inForce: z.boolean().describe('The role counts today (Stockholm calendar)'),
});

export const adminPersonSchema = z.object({
  id: uuid,
  username: text,
  displayName: text,
  email: text.nullable(),
  employeeId: text.nullable().describe('HSA id or employee number'),
  active: z.boolean(),
  identity: z
    .object({ issuer: text, subject: text })
    .nullable()
    .describe('The identity provider identity this user signs in as; null until the next sign-in links one'),
  createdAt: timestamp,
  roles: z
    .array(roleAssignmentSchema)
    .describe('Every assignment, in force and upcoming first, then ended ones'),
});
export type AdminPerson = z.infer<typeof adminPersonSchema>;
export const adminPersonPageSchema = pageSchema(adminPersonSchema);
export type AdminPersonPage = z.infer<typeof adminPersonPageSchema>;

export const peopleQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional().describe('Part of the name, username, e-mail or employee id'),
    role: z.enum(ROLES).optional().describe('People holding this role now or from a later day'),
    scopeUnitId: uuid
      .optional()
      .describe('People with a grant over this unit, or this division or its units'),
    active: z.enum(['true', 'false', 'all']).default('all'),
    linked: z.enum(['true', 'false']).optional().describe('Whether an identity is linked'),
    ...pageQuery(SCREEN_PAGE_SIZE),
  })
  .strict();
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;

const displayName = z.string().trim().min(1, 'is empty').max(200);
const email = z.string().trim().max(320).regex(EMAIL, 'is not an e-mail address').nullable();
const employeeId = z.string().trim().regex(CODE, 'is not an id (letters, digits, - _ . /, at most 64)');

export const newPersonSchema = z
  .object({
    displayName,
    email: email.optional(),
    employeeId: employeeId.describe('HSA id or employee number'),
    username: z
      .string()
      .trim()
      .regex(CODE, 'is not a username (letters, digits, - _ . /, at most 64)')
      .optional()
      .describe('Defaults to the employee id: the person signs in by it until an identity is linked'),
  })
  .strict();
export type NewPerson = z.infer<typeof newPersonSchema>;

export const personPatchSchema = z
  .object({
    displayName: displayName.optional(),
    email: email.optional(),
    employeeId: employeeId.nullable().optional(),
    active: z.boolean().optional().describe('false deactivates: the person signs in as nobody'),
    identity: z
      .null()
      .optional()
      .describe('null unlinks the identity, so the next sign-in links one again by the configured claim'),
  })
  .strict();
export type PersonPatch = z.infer<typeof personPatchSchema>;

export const newRoleAssignmentSchema = z
  .object({
    role: z.enum(ROLES),
    scopeUnitId: uuid
      .nullable()
      .describe('A unit or division; null for the whole region (required: no scope is never the region)'),
    validFrom: isoDate.optional().describe('First day; today when absent, never before today'),
    validTo: isoDate.nullable().optional().describe('Last day; null or absent: open-ended'),
  })
  .strict();
export type NewRoleAssignment = z.infer<typeof newRoleAssignmentSchema>;

export const endRoleAssignmentSchema = z
  .object({
    validTo: isoDate.optional().describe('The last day the role counts; today when absent'),
  })
  .strict();
export type EndRoleAssignment = z.infer<typeof endRoleAssignmentSchema>;
