import type { AuthSettings } from '@contracts/users';
import { API } from '../api/client';

/**
 * OIDC sign-in: the authorisation code flow with PKCE, for a public client. The provider, client id and scope
 * come from the API at run time (GET /api/v1/auth/settings), so one build serves every region. The API validates
 * the access token; this module checks the state (login CSRF), the ID token's signature, issuer, audience and
 * nonce (a code injected from another flow), and ends the provider's session on sign-out.
 */
const VERIFIER = 'provning.oidc.verifier';
const STATE = 'provning.oidc.state';
const NONCE = 'provning.oidc.nonce';
const ID_TOKEN = 'provning.oidc.idToken';

export type OidcSettings = NonNullable<AuthSettings['oidc']>;

/** Why sign-in was refused; the page shows `oidc.error.<code>` in the user's language. */
export type OidcErrorCode = 'state' | 'provider' | 'token' | 'idToken' | 'discovery' | 'unknownUser';

export class OidcError extends Error {
  constructor(
    readonly code: OidcErrorCode,
    detail: string,
  ) {
    super(detail);
    this.name = 'OidcError';
  }
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

export async function authSettings(): Promise<AuthSettings> {
  const res = await fetch(`${API}/auth/settings`);
  if (!res.ok) throw new Error(`${API}/auth/settings answered ${res.status}`);
  return (await res.json()) as AuthSettings;
}

const redirectUri = () => `${window.location.origin}/auth/callback`;
export const postLogoutRedirectUri = () => `${window.location.origin}/signin`;

function base64Url(bytes: ArrayBuffer | Uint8Array): string {
  const arr = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return btoa(String.fromCharCode(...arr))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const random = (n: number) => base64Url(crypto.getRandomValues(new Uint8Array(n)));

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`).catch(
    (e: Error) => {
      throw new OidcError('discovery', e.message);
    },
  );
  if (!res.ok) throw new OidcError('discovery', `${res.status}`);
  return (await res.json()) as Discovery;
}

export async function startOidcSignIn(settings: OidcSettings): Promise<void> {
  const { authorization_endpoint } = await discover(settings.issuer);
  const verifier = random(32);
  const state = random(16);
  const nonce = random(16);
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  sessionStorage.setItem(NONCE, nonce);
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scope,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** Completes the flow on /auth/callback and answers the access token; refuses anything it did not start. */
export async function completeOidcSignIn(search: string, settings: OidcSettings): Promise<string> {
  const params = new URLSearchParams(search);
  const expected = { state: sessionStorage.getItem(STATE), nonce: sessionStorage.getItem(NONCE) };
  const verifier = sessionStorage.getItem(VERIFIER);
  // Single use: a replayed or second callback finds nothing stored and is refused.
  [STATE, NONCE, VERIFIER].forEach((k) => sessionStorage.removeItem(k));
  // Both must be present and equal: a callback this tab did not start (login CSRF) has no stored state.
  const state = params.get('state');
  if (!expected.state || !state || state !== expected.state || !expected.nonce || !verifier)
    throw new OidcError('state', 'state missing or different');
  const providerError = params.get('error');
  if (providerError)
    throw new OidcError(
      'provider',
      [providerError, params.get('error_description')].filter(Boolean).join(': '),
    );
  const code = params.get('code');
  if (!code) throw new OidcError('provider', 'no code');

  const discovery = await discover(settings.issuer);
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: settings.clientId,
      code_verifier: verifier,
    }),
  });
  if (!res.ok) throw new OidcError('token', `${res.status}`);
  const body = (await res.json()) as { access_token?: string; id_token?: string };
  if (!body.access_token || !body.id_token) throw new OidcError('token', 'no access or ID token');
  try {
    // jose is fetched here, on the way back from the provider, not with every first page.
    const { createRemoteJWKSet, jwtVerify } = await import('jose');
    const { payload } = await jwtVerify(body.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: settings.issuer,
      audience: settings.clientId,
    });
    if (payload.nonce !== expected.nonce) throw new Error('nonce differs');
  } catch (e) {
    throw new OidcError('idToken', (e as Error).message);
  }
  sessionStorage.setItem(ID_TOKEN, body.id_token);
  // The provider knows the person, Prövning may not (a deactivated account, or OIDC_CREATE_UNKNOWN_USERS=false):
  // say so here rather than land on the sign-in page again without a word.
  const me = await fetch(`${API}/me`, { headers: { Authorization: `Bearer ${body.access_token}` } });
  if (me.status === 401) throw new OidcError('unknownUser', '401');
  return body.access_token;
}

/**
 * Where to send the browser to end the provider's session too, so the next "Logga in" on a shared ward computer
 * asks for credentials again; undefined when the provider offers no end_session_endpoint. Forgets the ID token.
 */
export async function providerSignOutUrl(settings: OidcSettings): Promise<string | undefined> {
  const idToken = sessionStorage.getItem(ID_TOKEN);
  sessionStorage.removeItem(ID_TOKEN);
  const { end_session_endpoint } = await discover(settings.issuer);
  if (!end_session_endpoint) return undefined;
  const url = new URL(end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    post_logout_redirect_uri: postLogoutRedirectUri(),
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  return url.toString();
}
