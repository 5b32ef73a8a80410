import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { decode as utf8, encode as bytes } from '@temporalio/common/lib/encoding';
import { temporal } from '@temporalio/proto';

/** The metadata an encrypted payload carries; the same names as Temporal's encryption samples, so tools agree. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** What the codec needs: every key that may have encrypted a stored payload, and the one that encrypts now. */
export interface PayloadEncryption {
  keys: PayloadKey[];
  encryptWith: string;
}

/**
 * AES-256-GCM over the whole serialised payload (its metadata too, so even the encoding and type stay private).
 * The key id travels in clear metadata and is bound as additional authenticated data, so a payload cannot be
 * relabelled to another key. Payloads without our encoding (histories recorded before encryption) decode as they
 * are, by their own metadata.
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;
  private readonly encryptWith: string;

  constructor(encryption: PayloadEncryption) {
    this.keys = new Map(encryption.keys.map((k) => [k.id, k.key]));
    const current = this.keys.get(encryption.encryptWith);
    if (!current) throw new Error(`payload key "${encryption.encryptWith}" is not among the keys`);
    for (const [id, key] of this.keys) {
      if (key.length !== 32) throw new Error(`payload key "${id}" must be 32 bytes, is ${key.length}`);
    }
    this.encryptWith = encryption.encryptWith;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.encryptWith;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.keys.get(keyId)!, iv);
    cipher.setAAD(Buffer.from(keyId, 'utf8'));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: bytes(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: bytes(keyId),
        [CIPHER_METADATA]: bytes(CIPHER),
      },
      data: sealed,
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || utf8(encoding) !== ENCRYPTED_ENCODING) return payload;
    const rawId = payload.metadata?.[KEY_ID_METADATA];
    if (!rawId) throw new ValueError(`an encrypted payload has no ${KEY_ID_METADATA}`);
    const keyId = utf8(rawId);
    const key = this.keys.get(keyId);
    if (!key) throw new ValueError(`payload encrypted with key "${keyId}", which PAYLOAD_KEYS does not hold`);
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new ValueError('an encrypted payload is too short');
    const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new ValueError(`an encrypted payload failed authentication with key "${keyId}"`);
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}
