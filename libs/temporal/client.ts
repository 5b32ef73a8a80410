import { Client, Connection } from '@temporalio/client';
import type { ClaimKey } from '@domain/actor-claim';
import { claimSigningInterceptor } from './claim-signing';

/** A client for the API: with `claimKeys` it signs the updates that act for a person (REVIEW_CLAIM_KEYS). */
export async function connectTemporalClient(
  address: string,
  namespace: string,
  claimKeys?: readonly ClaimKey[],
): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({
    connection,
    namespace,
    ...(claimKeys ? { interceptors: { workflow: [claimSigningInterceptor(claimKeys)] } } : {}),
  });
}
