import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@config/config';
import { createDataSource } from '@db/data-source';
import { startEmbeddedPostgres, type RunningPostgres } from '@local/embedded-postgres';
import { freePort } from '@local/ports';
import { createCertificateAuthority, issueCertificate, type KeyPair } from '@local/temporal/certs';

/**
 * DATABASE_SSL_MODE against a real PostgreSQL that serves TLS with a certificate our own CA signed for the name
 * `localhost` only: verify-full needs that CA and that name, require encrypts without checking,
 * and pg_stat_ssl says what the server saw on the very connection the pool handed out.
 */
jest.setTimeout(120_000);

let dir: string;
let pg: RunningPostgres;
let ca: KeyPair;
let otherCa: KeyPair;
/** The server by the name its certificate carries. */
let byName: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'provning-pg-tls-'));
  ca = createCertificateAuthority(dir, 'ca', 'Provning test PostgreSQL CA');
  otherCa = createCertificateAuthority(dir, 'other-ca', 'Someone else');
  const server = issueCertificate(ca, dir, 'server', {
    commonName: 'localhost',
    // Not 127.0.0.1, where the server listens: reached by that address, the name check must fail.
    altNames: ['localhost'],
    usage: 'server',
  });
  pg = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    port: await freePort(),
    database: 'tls',
    persistent: false,
    tls: { certFile: server.cert, keyFile: server.key },
  });
  byName = pg.url.replace('127.0.0.1', 'localhost');
});

afterAll(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a pool with the configuration these variables give, as the API and worker do, and closes it after. */
async function withDatabase<T>(
  env: Record<string, string>,
  use: (ds: DataSource) => Promise<T>,
  url = byName,
): Promise<T> {
  const config = loadConfig({ DATABASE_URL: url, ...env });
  const ds = createDataSource({ url: config.database.url!, poolSize: 1, ssl: config.database.ssl });
  await ds.initialize();
  try {
    return await use(ds);
  } finally {
    await ds.destroy();
  }
}

async function encrypted(ds: DataSource): Promise<boolean> {
  const [row] = await ds.query(`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`);
  return row.ssl as boolean;
}

describe('TLS to PostgreSQL (DATABASE_SSL_MODE)', () => {
  it('verify-full with the CA that signed the server certificate connects, encrypted', async () => {
    const env = { DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: ca.cert };
    expect(await withDatabase(env, encrypted)).toBe(true);
  });

  it('verify-full refuses a server whose certificate another CA signed', async () => {
    const env = { DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: otherCa.cert };
    await expect(withDatabase(env, encrypted)).rejects.toThrow(/certificate/i);
  });

  it('verify-full refuses a server whose certificate does not name the host connected to', async () => {
    // The same server and CA, reached by an address its certificate does not carry.
    const env = { DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: ca.cert };
    await expect(withDatabase(env, encrypted, pg.url)).rejects.toThrow(/127\.0\.0\.1 is not in the cert/);
  });

  it('require encrypts without checking the certificate', async () => {
    expect(await withDatabase({ DATABASE_SSL_MODE: 'require' }, encrypted, pg.url)).toBe(true);
  });

  it('disable (the default) talks plaintext, as to the embedded server on this machine', async () => {
    expect(await withDatabase({}, encrypted)).toBe(false);
  });

  it('names DATABASE_SSL_CA_FILE when it cannot be read', async () => {
    const env = { DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: join(dir, 'missing.pem') };
    await expect(withDatabase(env, encrypted)).rejects.toThrow(/DATABASE_SSL_CA_FILE: cannot read/);
  });
});
