import type { ClaimKey } from '@domain/actor-claim';

/**
 * The keys that verify the API's actor claims. Workflow code can do no I/O and the keys must not sit in a
 * history, so the worker writes them into its copy of the bundle as it loads it, in place of this placeholder
 * (libs/temporal/claim-keys-bundle.ts). A bundle loaded without keys refuses every vouched update.
 */
const KEYS_JSON: string = '__PROVNING_REVIEW_CLAIM_KEYS__';

function parse(json: string): readonly ClaimKey[] {
  try {
    const keys: unknown = JSON.parse(json);
    return Array.isArray(keys) ? (keys as ClaimKey[]) : [];
  } catch {
    return [];
  }
}

export const REVIEW_CLAIM_KEYS = parse(KEYS_JSON);
