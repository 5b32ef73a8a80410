import type { AuthSettings } from '@contracts/users';
import { API } from '../api/client';
import type { DevUser } from '../api/types';
import { authSettings } from './oidc';

export type AuthMode = AuthSettings['mode'];

export interface SignInOptions extends AuthSettings {
  /** The users one may sign in as; empty in OIDC mode. */
  devUsers: DevUser[];
}

/** How to sign in comes from the API (GET /auth/settings); the dev sign-in list exists only with AUTH_MODE=dev. */
export async function signInOptions(): Promise<SignInOptions> {
  const settings = await authSettings();
  if (settings.mode !== 'dev') return { ...settings, devUsers: [] };
  const res = await fetch(`${API}/auth/dev-users`);
  if (!res.ok) throw new Error(`${API}/auth/dev-users answered ${res.status}`);
  return { ...settings, devUsers: (await res.json()) as DevUser[] };
}
