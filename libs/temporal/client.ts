import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { ClaimKey } from '@domain/actor-claim';
import { claimSigningInterceptor } from './claim-signing';

export interface TemporalClientOptions {
  /** From productDataConverter (data-converter.ts), the same as the worker's, so both read each other's payloads. */
  dataConverter: DataConverter;
  /** With keys the client signs the updates that act for a person (REVIEW_CLAIM_KEYS); the API always passes them. */
  claimKeys?: readonly ClaimKey[];
  /** From readTemporalTls (TEMPORAL_TLS_*), the same as the worker's; unset, plaintext. */
  tls?: TLSConfig;
}

export async function connectTemporalClient(
  address: string,
  namespace: string,
  { dataConverter, claimKeys, tls }: TemporalClientOptions,
): Promise<Client> {
  const connection = await Connection.connect({ address, ...(tls ? { tls } : {}) });
  return new Client({
    connection,
    namespace,
    dataConverter,
    ...(claimKeys ? { interceptors: { workflow: [claimSigningInterceptor(claimKeys)] } } : {}),
  });
}
