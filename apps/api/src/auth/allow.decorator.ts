import { SetMetadata } from '@nestjs/common';
import type { Role } from '@domain/enums';

export const ALLOW_KEY = 'provning:allow';
export type Audience = Role | 'any_user' | 'public';

/**
 * Who may call an endpoint. Authorisation is deny-by-default: an endpoint without @Allow answers 403 to everyone,
 * so a new endpoint cannot be forgotten open.
 */
export const Allow = (...audience: Audience[]) => SetMetadata(ALLOW_KEY, audience);
export const Public = () => Allow('public');
