import { useQuery } from '@tanstack/react-query';
import { DEMO_USERS } from '@db/demo-organisation';
import { detectAuthMode } from '../auth/auth-mode';
import { devLogin } from '../auth/dev-login';
import type { Me } from './types';

/**
 * Whom a stage can be reassigned or delegated to. The API has no user directory endpoint yet; in dev mode the
 * only place it names user ids is the dev sign-in answer, so the directory is the seeded users as the API
 * resolves them (their tokens are dropped). In OIDC mode there is no directory and the forms say so.
 */
async function loadDirectory(): Promise<Me[]> {
  if ((await detectAuthMode()) !== 'dev') return [];
  const users = await Promise.all(DEMO_USERS.map((u) => devLogin(u.username).then((r) => r.user)));
  return users;
}

export function useUserDirectory() {
  return useQuery({ queryKey: ['user-directory'], queryFn: loadDirectory, staleTime: Infinity });
}
