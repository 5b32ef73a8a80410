import { API } from '../api/client';

export type AuthMode = 'dev' | 'oidc';

/**
 * The API has no endpoint that names its auth mode, but dev sign-in answers an unknown user with 422 and is 404
 * when AUTH_MODE is not dev; asking for a user that cannot exist tells the two apart without signing anyone in.
 */
export async function detectAuthMode(): Promise<AuthMode> {
  const res = await fetch(`${API}/auth/dev-login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'provning:auth-mode-probe' }),
  });
  return res.status === 404 ? 'oidc' : 'dev';
}
