import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from '@config/config';
import type { PayloadEncryption } from './payload-codec';

/** Where `npm start` keeps the key it generated, beside the embedded database and Temporal's file. */
export const GENERATED_KEY_FILE = 'payload-keys';

export interface PayloadKeyOptions {
  /**
   * The data directory of the embedded stack (`npm start`): without PAYLOAD_KEYS, a key is generated there once
   * and reused, so the embedded Temporal's histories stay encrypted and readable across restarts.
   */
  generateIn?: string;
  log: (message: string) => void;
}

/** Why production refuses to start without keys; the message start-up prints. */
export const KEYS_REQUIRED_IN_PRODUCTION =
  'is required with NODE_ENV=production: Temporal histories would hold personal data in clear';

/**
 * The keys a process encrypts with, said once in the log. Production without keys is refused with a ConfigError
 * (checked here, where a process starts its Temporal side, so loadConfig's other users need none); a separately started API or worker outside production without keys runs in clear, loudly, since two
 * processes cannot agree on a generated key.
 */
export function payloadEncryptionFor(
  config: AppConfig,
  opts: PayloadKeyOptions,
): PayloadEncryption | undefined {
  const configured = config.temporal.payloadEncryption;
  if (configured) {
    opts.log(`payload codec: AES-256-GCM, encrypting with key "${configured.encryptWith}"`);
    return configured;
  }
  if (config.env === 'production') {
    throw new ConfigError([{ variable: 'PAYLOAD_KEYS', message: KEYS_REQUIRED_IN_PRODUCTION }]);
  }
  if (opts.generateIn) {
    const file = join(opts.generateIn, GENERATED_KEY_FILE);
    const value = readOrCreateKeyFile(file);
    opts.log(`payload codec: PAYLOAD_KEYS unset, using the key generated in ${file}`);
    return loadConfig({ NODE_ENV: 'development', PAYLOAD_KEYS: value }).temporal.payloadEncryption;
  }
  opts.log(
    'WARNING payload codec: PAYLOAD_KEYS unset, Temporal histories hold personal data IN CLEAR (refused with NODE_ENV=production)',
  );
  return undefined;
}

function readOrCreateKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const value = `local-${new Date().toISOString().slice(0, 10)}:${randomBytes(32).toString('base64')}`;
  mkdirSync(join(file, '..'), { recursive: true });
  // wx: of two starts racing, the second fails here instead of overwriting the key the first already used.
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}
