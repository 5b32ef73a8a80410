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

export type Grant = z.infer<typeof grantSchema>;
export type User = z.infer<typeof userSchema>;
export type DevUser = z.infer<typeof devUserSchema>;
export type DevLoginResult = z.infer<typeof devLoginResultSchema>;

/** The user directory: users with their roles (no contact details), by name. */
export const userListSchema = pageSchema(userSchema);
export type UserList = z.infer<typeof userListSchema>;
