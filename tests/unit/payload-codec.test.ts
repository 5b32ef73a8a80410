import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { decode as utf8, encode as bytes } from '@temporalio/common/lib/encoding';
import {
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadEncryptionCodec,
  type PayloadKey,
} from '@temporal-lib/payload-codec';

const aKey = (id: string, fill: number): PayloadKey => ({ id, key: Buffer.alloc(32, fill) });
const OLD = aKey('2026-01', 1);
const NEW = aKey('2026-07', 2);
const jsonPayload = (value: unknown): Payload => ({
  metadata: { [METADATA_ENCODING_KEY]: bytes('json/plain') },
  data: bytes(JSON.stringify(value)),
});
const PERSONAL = { comment: 'Karin Bergström saknar legitimation' };

describe('PayloadEncryptionCodec (AES-256-GCM with key ids)', () => {
  const codec = new PayloadEncryptionCodec({ keys: [OLD, NEW], encryptWith: NEW.id });

  it('encrypts a payload so that neither its data nor its encoding are readable, and decodes it back', async () => {
    const [sealed] = await codec.encode([jsonPayload(PERSONAL)]);
    expect(utf8(sealed!.metadata![METADATA_ENCODING_KEY]!)).toBe(ENCRYPTED_ENCODING);
    expect(utf8(sealed!.metadata![KEY_ID_METADATA]!)).toBe(NEW.id);
    expect(Buffer.from(sealed!.data!).toString('latin1')).not.toMatch(/Karin|json\/plain|comment/);
    const [opened] = await codec.decode([sealed!]);
    expect(utf8(opened!.metadata![METADATA_ENCODING_KEY]!)).toBe('json/plain');
    expect(JSON.parse(utf8(opened!.data!))).toEqual(PERSONAL);
  });

  it('draws a fresh nonce for each payload: the same value never encrypts the same way twice', async () => {
    const [a, b] = await codec.encode([jsonPayload(PERSONAL), jsonPayload(PERSONAL)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('passes payloads without its encoding through unchanged (histories from before the codec)', async () => {
    const plain = jsonPayload(PERSONAL);
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('still decodes what an older key encrypted after rotation, by the key id in the payload', async () => {
    const before = new PayloadEncryptionCodec({ keys: [OLD], encryptWith: OLD.id });
    const [sealed] = await before.encode([jsonPayload(PERSONAL)]);
    const [opened] = await codec.decode([sealed!]);
    expect(JSON.parse(utf8(opened!.data!))).toEqual(PERSONAL);
  });

  it('refuses a payload under a key it does not hold, naming the key id', async () => {
    const [sealed] = await codec.encode([jsonPayload(PERSONAL)]);
    const withoutNew = new PayloadEncryptionCodec({ keys: [OLD], encryptWith: OLD.id });
    await expect(withoutNew.decode([sealed!])).rejects.toThrow(/"2026-07".*PAYLOAD_KEYS/);
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const [sealed] = await codec.encode([jsonPayload(PERSONAL)]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data }])).rejects.toThrow(/failed authentication/);
  });

  it('refuses a payload relabelled to another key id, even one it holds', async () => {
    const same = new PayloadEncryptionCodec({
      keys: [aKey('a', 3), aKey('b', 3)],
      encryptWith: 'a',
    });
    const [sealed] = await same.encode([jsonPayload(PERSONAL)]);
    const relabelled = { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: bytes('b') } };
    await expect(same.decode([relabelled])).rejects.toThrow(/failed authentication/);
  });

  it('refuses to be built with an encrypting key it does not hold or a key of the wrong size', () => {
    expect(() => new PayloadEncryptionCodec({ keys: [OLD], encryptWith: NEW.id })).toThrow(/2026-07/);
    expect(
      () =>
        new PayloadEncryptionCodec({ keys: [{ id: 'short', key: Buffer.alloc(16) }], encryptWith: 'short' }),
    ).toThrow(/32 bytes/);
  });
});
