/**
 * OIDC sign-in: the authorisation code flow with PKCE, for a public client. The issuer and client id are build-time
 * settings (VITE_OIDC_ISSUER, VITE_OIDC_CLIENT_ID, VITE_OIDC_SCOPE); the API validates the access token it gets.
 */
const VERIFIER = 'provning.oidc.verifier';
const STATE = 'provning.oidc.state';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

export const oidcSettings = {
  issuer: import.meta.env.VITE_OIDC_ISSUER as string | undefined,
  clientId: import.meta.env.VITE_OIDC_CLIENT_ID as string | undefined,
  scope: (import.meta.env.VITE_OIDC_SCOPE as string | undefined) ?? 'openid profile',
};

const redirectUri = () => `${window.location.origin}/auth/callback`;

function base64Url(bytes: ArrayBuffer | Uint8Array): string {
  const arr = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return btoa(String.fromCharCode(...arr))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function discover(): Promise<Discovery> {
  const res = await fetch(`${oidcSettings.issuer!.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`OIDC discovery failed: ${res.status}`);
  return res.json();
}

export async function startOidcSignIn(): Promise<void> {
  if (!oidcSettings.issuer || !oidcSettings.clientId) throw new Error('OIDC is not configured');
  const { authorization_endpoint } = await discover();
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidcSettings.clientId,
    redirect_uri: redirectUri(),
    scope: oidcSettings.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** Completes the flow on /auth/callback and answers the access token. */
export async function completeOidcSignIn(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const code = params.get('code');
  if (!code || params.get('state') !== sessionStorage.getItem(STATE)) throw new Error('OIDC state mismatch');
  const { token_endpoint } = await discover();
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: oidcSettings.clientId!,
      code_verifier: sessionStorage.getItem(VERIFIER) ?? '',
    }),
  });
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  if (!res.ok) throw new Error(`OIDC token exchange failed: ${res.status}`);
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}
