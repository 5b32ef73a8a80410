import { z } from 'zod';
import { ROLES } from '@domain/enums';
import { pageSchema } from './paging';
import { text, timestamp, uuid } from './wire';

export const grantSchema = z.object({
  role: z.enum(ROLES),
  scopeUnitId: uuid.nullable().describe('A division or unit; null for the region'),
});

/** A user with their roles: the signed-in user, and each entry of the user directory. */
export const userSchema = z.object({
  id: uuid,
  username: text,
  displayName: text,
  grants: z.array(grantSchema),
});

/** A user one may sign in as in dev mode: who, and with which roles. */
export const devUserSchema = userSchema.omit({ id: true });

export const devUsersSchema = z.array(devUserSchema);

export const devLoginResultSchema = z.object({
  token: z.string().describe('A bearer token (JWT)'),
  expiresAt: timestamp,
  user: userSchema,
});

/** What the web app needs before anyone signs in: how to sign in, and whom a person with no roles asks. */
export const authSettingsSchema = z.object({
  mode: z.enum(['dev', 'oidc']),
  oidc: z
    .object({
      issuer: z.string().describe('The OpenID Provider; its discovery document is read from here'),
      clientId: z.string().describe('The public client the web app signs in with (PKCE)'),
      scope: z.string(),
    })
    .optional()
    .describe('Absent in dev mode, or when OIDC_WEB_CLIENT_ID is not set'),
  accessContact: z
    .string()
    .nullable()
    .describe('Who grants access (ACCESS_CONTACT), e.g. "HR-funktionen, hr@region.se"'),
});
export type AuthSettings = z.infer<typeof authSettingsSchema>;

export type Grant = z.infer<typeof grantSchema>;
export type User = z.infer<typeof userSchema>;
export type DevUser = z.infer<typeof devUserSchema>;
export type DevLoginResult = z.infer<typeof devLoginResultSchema>;

/** The user directory: users with their roles (no contact details), by name. */
export const userListSchema = pageSchema(userSchema);
export type UserList = z.infer<typeof userListSchema>;
