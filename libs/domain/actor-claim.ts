import { equalInConstantTime, fromHex, hmacSha256, toHex, utf8 } from './hmac-sha256';

/**
 * The API's word that it sent an update: an HMAC over the whole update (actor, grants, stage, outcome, ids), the
 * review it is for and the update's name, so a claim read from one history cannot be reused on another review,
 * another update or another decision. Pure, so the workflow's update validators can check it.
 */
export interface ActorClaim {
  v: 1;
  /** Which key signed it, so keys can rotate: the worker accepts several, the API signs with one. */
  kid: string;
  /** When the API signed it (ISO); the validator refuses a claim older than CLAIM_MAX_AGE_MS. */
  iat: string;
  /** HMAC-SHA256, hex. */
  mac: string;
}

export interface ClaimKey {
  kid: string;
  /** The shared secret, hex (at least 32 bytes). */
  secret: string;
}

/** What a claim is bound to besides the update's own fields. */
export interface ClaimScope {
  /** The review's workflow id, named after the request (`review-<requestId>`). */
  workflowId: string;
  update: string;
}

/** Long enough for an update that waits on a busy worker, short enough that a claim is not a lasting credential. */
export const CLAIM_MAX_AGE_MS = 5 * 60_000;
/** Clock difference tolerated between the API's host and the Temporal server. */
export const CLAIM_CLOCK_SKEW_MS = 60_000;

export const CLAIM_PROBLEMS = ['missing', 'unknown_key', 'bad_signature', 'stale', 'spent'] as const;
export type ClaimProblem = (typeof CLAIM_PROBLEMS)[number];

/** JSON with object keys sorted and undefined members left out, so both sides MAC the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${members.join(',')}}`;
}

function macOf(secret: string, scope: ClaimScope, kid: string, iat: string, body: object): string {
  const { claim: _claim, ...fields } = body as { claim?: unknown };
  const message = canonicalJson({
    v: 1,
    kid,
    iat,
    workflowId: scope.workflowId,
    update: scope.update,
    fields,
  });
  return toHex(hmacSha256(fromHex(secret), utf8(message)));
}

export function signActorClaim(key: ClaimKey, scope: ClaimScope, body: object, now: Date): ActorClaim {
  const iat = now.toISOString();
  return { v: 1, kid: key.kid, iat, mac: macOf(key.secret, scope, key.kid, iat, body) };
}

/**
 * Checks the claim an update carries; answers what is wrong with it, or undefined when the API vouched for
 * exactly this update to this review. `spent` holds the MACs of claims this review has already acted on.
 */
export function claimProblem(
  keys: readonly ClaimKey[],
  scope: ClaimScope,
  body: object,
  now: Date,
  spent: ReadonlySet<string> = new Set(),
): ClaimProblem | undefined {
  const claim = (body as { claim?: Partial<ActorClaim> }).claim;
  if (!claim || typeof claim !== 'object' || typeof claim.mac !== 'string' || typeof claim.iat !== 'string') {
    return 'missing';
  }
  const key = keys.find((k) => k.kid === claim.kid);
  if (!key) return 'unknown_key';
  if (claim.v !== 1 || !equalInConstantTime(macOf(key.secret, scope, key.kid, claim.iat, body), claim.mac)) {
    return 'bad_signature';
  }
  const age = now.getTime() - Date.parse(claim.iat);
  if (!(age <= CLAIM_MAX_AGE_MS && age >= -CLAIM_CLOCK_SKEW_MS)) return 'stale';
  if (spent.has(claim.mac)) return 'spent';
  return undefined;
}

/** Parses `kid:hexsecret[,kid:hexsecret…]`; the first key signs, all of them verify. */
export function parseClaimKeys(text: string): ClaimKey[] {
  const keys = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([A-Za-z0-9._-]{1,32}):([0-9a-fA-F]{64,})$/.exec(part);
      if (!match || match[2].length % 2) {
        throw new Error('must be kid:hexsecret pairs, comma-separated, each secret at least 32 bytes of hex');
      }
      return { kid: match[1], secret: match[2].toLowerCase() };
    });
  if (!keys.length) throw new Error('must name at least one key');
  if (new Set(keys.map((k) => k.kid)).size !== keys.length) throw new Error('key ids must be unique');
  return keys;
}
