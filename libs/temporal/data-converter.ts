import type { DataConverter } from '@temporalio/common';
import { PayloadEncryptionCodec, type PayloadEncryption } from './payload-codec';

/**
 * The one data converter of every Temporal client and worker of the product (API, worker, tests, benches), so
 * what one side encrypts the other can read. Without keys (a development run that chose none) payloads stay JSON.
 */
export function productDataConverter(encryption: PayloadEncryption | undefined): DataConverter {
  return encryption ? { payloadCodecs: [new PayloadEncryptionCodec(encryption)] } : {};
}
