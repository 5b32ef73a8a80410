import { readFileSync } from 'node:fs';
import { ConfigError, type DatabaseSsl } from '@config/config';

/**
 * The pg driver's `ssl` option for DATABASE_SSL_MODE:
 * - disable: false, plaintext (the embedded server on loopback);
 * - require: encrypted, but any certificate is taken, as libpq's sslmode=require (a passive listener learns
 *   nothing; an active one in the path could still pose as the server);
 * - verify-full: the certificate must chain to DATABASE_SSL_CA_FILE (else the system's roots) and name the host
 *   of DATABASE_URL; Node's TLS checks both when rejectUnauthorized is true.
 * The CA file is read once, when the pool is made; a missing one is a ConfigError naming the variable.
 */
export type PgSsl = false | { rejectUnauthorized: boolean; ca?: string };

export function pgSslOptions(ssl: DatabaseSsl | undefined): PgSsl {
  if (!ssl || ssl.mode === 'disable') return false;
  if (ssl.mode === 'require') return { rejectUnauthorized: false };
  if (!ssl.caFile) return { rejectUnauthorized: true };
  try {
    return { rejectUnauthorized: true, ca: readFileSync(ssl.caFile, 'utf8') };
  } catch (e) {
    throw new ConfigError([
      {
        variable: 'DATABASE_SSL_CA_FILE',
        message: `cannot read ${ssl.caFile}: ${(e as NodeJS.ErrnoException).code ?? e}`,
      },
    ]);
  }
}
