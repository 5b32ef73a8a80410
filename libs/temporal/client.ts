import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';

/** `dataConverter` comes from productDataConverter (data-converter.ts), the same as the worker's. */
export async function connectTemporalClient(
  address: string,
  namespace: string,
  dataConverter: DataConverter,
): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace, dataConverter });
}
