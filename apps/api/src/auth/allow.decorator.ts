import { SetMetadata } from '@nestjs/common';
import type { Action, Subject } from './abilities';

export const ABILITY_KEY = 'provning:ability';
export type Requirement = { public: true } | { action: Action; subject: Subject };

/**
 * What an endpoint needs. Authorisation is deny-by-default: an endpoint without @Can or @Public answers 403 to
 * everyone, so a new endpoint cannot be forgotten open.
 */
export const Can = (action: Action, subject: Subject) => SetMetadata(ABILITY_KEY, { action, subject });
export const Public = () => SetMetadata(ABILITY_KEY, { public: true });
