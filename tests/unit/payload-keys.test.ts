import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@config/config';
import { GENERATED_KEY_FILE, payloadEncryptionFor } from '@temporal-lib/payload-keys';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('payloadEncryptionFor: the keys a process starts with', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'provning-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses production without PAYLOAD_KEYS, naming the variable', () => {
    const config = loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'oidc', ...oidc() });
    for (const generateIn of [undefined, dir]) {
      let error: unknown;
      try {
        payloadEncryptionFor(config, { generateIn, log: () => undefined });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['PAYLOAD_KEYS']);
    }
  });

  it('uses the configured keys and says which one encrypts', () => {
    const log = jest.fn();
    const config = loadConfig({ PAYLOAD_KEYS: `prod-1:${KEY}` });
    expect(payloadEncryptionFor(config, { generateIn: dir, log })).toBe(config.temporal.payloadEncryption);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('"prod-1"'));
  });

  it('generates a key once in the data dir for npm start, private to the owner, and reuses it', () => {
    const first = payloadEncryptionFor(loadConfig({}), { generateIn: dir, log: () => undefined });
    const again = payloadEncryptionFor(loadConfig({}), { generateIn: dir, log: () => undefined });
    expect(first?.keys[0]?.key).toHaveLength(32);
    expect(again).toEqual(first);
    const file = join(dir, GENERATED_KEY_FILE);
    expect(readFileSync(file, 'utf8')).toContain(first!.encryptWith);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('runs in clear, loudly, for a separately started API or worker outside production', () => {
    const log = jest.fn();
    expect(payloadEncryptionFor(loadConfig({}), { log })).toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^WARNING .*IN CLEAR/));
  });
});

function oidc() {
  return {
    OIDC_ISSUER: 'https://login.region.se/realms/provning',
    OIDC_AUDIENCE: 'provning-api',
    OIDC_JWKS_URL: 'https://login.region.se/realms/provning/protocol/openid-connect/certs',
  };
}
