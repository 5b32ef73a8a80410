import type { Payload } from '@temporalio/common';
import type { WirePayload } from '@contracts/codec';

/** Proto3 JSON (base64 bytes, as the codec protocol and `temporal workflow show -o json` write them) to a Payload. */
export function payloadFromWire(p: WirePayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
    ),
    data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
  };
}

export function payloadToWire(p: Payload): WirePayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  };
}
