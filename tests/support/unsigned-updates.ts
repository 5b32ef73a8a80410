import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { testDataConverter } from './payload-keys';
import type { WorkflowTestEnv } from './workflow-env';

/**
 * A client that signs nothing: what someone with network access to port 7233 has, even holding the payload keys
 * (so it can read the refusal): the claim, not the encryption, is what stops it.
 */
export function outsiderClient(t: WorkflowTestEnv): Client {
  return new Client({
    connection: t.env.connection,
    namespace: 'default',
    dataConverter: testDataConverter(),
  });
}

/** The failure a refused update answered with; anything else (an accepted update, another error) fails. */
export async function refusal(update: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await update.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkflowUpdateFailedError))
    throw new Error(`expected a refused update, got ${error}`);
  return error.cause as ApplicationFailure;
}
