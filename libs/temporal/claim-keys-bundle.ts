import { readFile } from 'node:fs/promises';
import type { WorkerOptions } from '@temporalio/worker';
import type { ClaimKey } from '@domain/actor-claim';

/** The literal workflows/claim-keys.ts holds until the worker loads the bundle. */
const PLACEHOLDER = /(["'])__PROVNING_REVIEW_CLAIM_KEYS__\1/g;

/**
 * Writes the verification keys into a workflow bundle's code, in memory only: the keys reach the validators without
 * I/O from workflow code and without entering any history, and a prebuilt bundle (image) holds none of them.
 */
export function withClaimKeys(code: string, keys: readonly ClaimKey[]): string {
  const found = code.match(PLACEHOLDER)?.length ?? 0;
  if (found !== 1) {
    throw new Error(
      `workflow bundle has ${found} claim-key placeholders, expected 1 (was it built from workflows/?)`,
    );
  }
  if (!keys.length) throw new Error('no claim verification keys (REVIEW_CLAIM_KEYS)');
  const literal = JSON.stringify(JSON.stringify(keys.map(({ kid, secret }) => ({ kid, secret }))));
  return code.replace(PLACEHOLDER, () => literal);
}

/** A bundle option as the worker takes it, with the keys written in (a file is read first). */
export async function keyedBundle(
  bundle: NonNullable<WorkerOptions['workflowBundle']>,
  keys: readonly ClaimKey[],
): Promise<{ code: string }> {
  const code = 'code' in bundle ? bundle.code : await readFile(bundle.codePath, 'utf8');
  return { code: withClaimKeys(code, keys) };
}
