import { API } from '../api/client';
import type { DevUser } from '../api/types';

export type AuthMode = 'dev' | 'oidc';

export interface SignInOptions {
  mode: AuthMode;
  /** The users one may sign in as; empty in OIDC mode. */
  devUsers: DevUser[];
}

/** The dev sign-in list exists only when the API runs with AUTH_MODE=dev; a 404 means OIDC. */
export async function signInOptions(): Promise<SignInOptions> {
  const res = await fetch(`${API}/auth/dev-users`);
  if (res.status === 404) return { mode: 'oidc', devUsers: [] };
  if (!res.ok) throw new Error(`${API}/auth/dev-users answered ${res.status}`);
  return { mode: 'dev', devUsers: (await res.json()) as DevUser[] };
}
