import type { JWTPayload } from 'jose';

/** JWT types of access tokens (RFC 9068 `at+jwt`; many providers write plain `JWT` or none). */
const ACCESS_TOKEN_TYPES = new Set(['at+jwt', 'application/at+jwt', 'jwt']);

/**
 * Whether a verified token is an access token for one of our clients, not an ID token, logout token or a token
 * another client of the same audience obtained: the header's `typ`, Keycloak's `typ` claim and `azp`.
 */
export function isAccessToken(typ: string | undefined, payload: JWTPayload, clientIds?: string[]): boolean {
  if (typ !== undefined && !ACCESS_TOKEN_TYPES.has(typ.toLowerCase())) return false;
  if (payload.typ !== undefined && payload.typ !== 'Bearer') return false;
  if (!clientIds) return true;
  const client = payload.azp ?? payload.client_id;
  return typeof client === 'string' && clientIds.includes(client);
}
