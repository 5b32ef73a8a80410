import type { WorkflowClientInterceptor } from '@temporalio/client';
import { signActorClaim, type ClaimKey } from '@domain/actor-claim';
import { VOUCHED_UPDATES } from '@workflows/messages';

/**
 * Signs every update that acts for a person as the API sends it, so the workflow can tell the API's updates from
 * anyone else's who reaches Temporal. The first key signs; `now` is the signing clock (tests pass the test
 * server's, whose time skips ahead).
 */
export function claimSigningInterceptor(
  keys: readonly ClaimKey[],
  now: () => Promise<Date> | Date = () => new Date(),
): WorkflowClientInterceptor {
  const [signingKey] = keys;
  if (!signingKey) throw new Error('no claim signing key (REVIEW_CLAIM_KEYS)');
  return {
    async startUpdate(input, next) {
      if (!VOUCHED_UPDATES.includes(input.updateName)) return next(input);
      const [body, ...rest] = input.args as [object, ...unknown[]];
      const scope = { workflowId: input.workflowExecution.workflowId, update: input.updateName };
      const claim = signActorClaim(signingKey, scope, body, await now());
      return next({ ...input, args: [{ ...body, claim }, ...rest] });
    },
  };
}
