import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@config/config';
import { pgSslOptions } from '@db/database-tls';
import { readTemporalTls } from '@temporal-lib/tls';

/** TEMPORAL_TLS_* and DATABASE_SSL_*: what the configuration accepts, refuses, and what the drivers get. */

function problemsFor(env: NodeJS.ProcessEnv): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_MODE: 'oidc',
  OIDC_ISSUER: 'https://login.region.se/realms/provning',
  OIDC_AUDIENCE: 'provning-api',
  OIDC_JWKS_URL: 'https://login.region.se/realms/provning/protocol/openid-connect/certs',
  TEMPORAL_ADDRESS: 'temporal:7233',
};
const MTLS = {
  TEMPORAL_TLS_CA_FILE: '/etc/provning/tls/ca.pem',
  TEMPORAL_TLS_CERT_FILE: '/etc/provning/tls/api.pem',
  TEMPORAL_TLS_KEY_FILE: '/etc/provning/tls/api.key',
};
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('TEMPORAL_TLS_*', () => {
  it('is plaintext when nothing is set (npm start, the dev server on loopback)', () => {
    expect(loadConfig({}).temporal.tls).toBeUndefined();
  });

  it('collects the CA, the client pair and the server name', () => {
    expect(loadConfig({ ...MTLS, TEMPORAL_TLS_SERVER_NAME: 'temporal' }).temporal.tls).toEqual({
      caFile: '/etc/provning/tls/ca.pem',
      clientCert: { certFile: '/etc/provning/tls/api.pem', keyFile: '/etc/provning/tls/api.key' },
      serverName: 'temporal',
    });
  });

  it('takes the certificate and the key together or not at all, naming the missing one', () => {
    expect(problemsFor({ TEMPORAL_TLS_CERT_FILE: '/c.pem' })).toEqual([
      {
        variable: 'TEMPORAL_TLS_KEY_FILE',
        message: 'is required with TEMPORAL_TLS_CERT_FILE: the client certificate and its key go together',
      },
    ]);
    expect(problemsFor({ TEMPORAL_TLS_KEY_FILE: '/c.key' }).map((p) => p.variable)).toEqual([
      'TEMPORAL_TLS_CERT_FILE',
    ]);
  });

  it('refuses plaintext to a given Temporal in production, naming TEMPORAL_TLS', () => {
    const problems = problemsFor({ ...PRODUCTION, REVIEW_CLAIM_KEYS: `k1:${'ab'.repeat(32)}` });
    expect(problems.map((p) => p.variable)).toEqual(['TEMPORAL_TLS']);
    expect(problems[0].message).toMatch(/TEMPORAL_TLS_CERT_FILE.*TEMPORAL_TLS=off/);
  });

  it('runs production with mutual TLS, or with plaintext chosen explicitly by TEMPORAL_TLS=off', () => {
    expect(loadConfig({ ...PRODUCTION, ...MTLS }).temporal.tls?.clientCert).toBeDefined();
    expect(loadConfig({ ...PRODUCTION, TEMPORAL_TLS: 'off' }).temporal.tls).toBeUndefined();
  });

  it('refuses TEMPORAL_TLS=off beside TLS files, and values other than on and off', () => {
    expect(problemsFor({ TEMPORAL_TLS: 'off', TEMPORAL_TLS_CA_FILE: '/ca.pem' })).toEqual([
      {
        variable: 'TEMPORAL_TLS',
        message: 'is off, yet TEMPORAL_TLS_CA_FILE is set: remove one or the other',
      },
    ]);
    expect(problemsFor({ TEMPORAL_TLS: 'yes' }).map((p) => p.variable)).toEqual(['TEMPORAL_TLS']);
  });

  it('TEMPORAL_TLS=on alone is TLS against the system roots, no client certificate', () => {
    expect(loadConfig({ TEMPORAL_TLS: 'on' }).temporal.tls).toEqual({
      caFile: undefined,
      clientCert: undefined,
      serverName: undefined,
    });
    expect(readTemporalTls(loadConfig({ TEMPORAL_TLS: 'on' }).temporal.tls)).toEqual({});
  });

  it('reads the files once into the SDK options, and names each one it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provning-tls-config-'));
    for (const f of ['ca.pem', 'api.pem', 'api.key']) writeFileSync(join(dir, f), PEM);
    writeFileSync(join(dir, 'junk.pem'), 'not a certificate');
    const tls = readTemporalTls({
      caFile: join(dir, 'ca.pem'),
      clientCert: { certFile: join(dir, 'api.pem'), keyFile: join(dir, 'api.key') },
      serverName: 'temporal',
    });
    expect(tls).toEqual({
      serverRootCACertificate: Buffer.from(PEM),
      clientCertPair: { crt: Buffer.from(PEM), key: Buffer.from(PEM) },
      serverNameOverride: 'temporal',
    });
    let error: unknown;
    try {
      readTemporalTls({
        caFile: join(dir, 'junk.pem'),
        clientCert: { certFile: join(dir, 'missing.pem'), keyFile: join(dir, 'api.key') },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { variable: 'TEMPORAL_TLS_CA_FILE', message: `${join(dir, 'junk.pem')} is not a PEM file` },
      { variable: 'TEMPORAL_TLS_CERT_FILE', message: `cannot read ${join(dir, 'missing.pem')}: ENOENT` },
    ]);
  });
});

describe('DATABASE_SSL_MODE and DATABASE_SSL_CA_FILE', () => {
  const URL = 'postgres://provning:pw@db.region.se:5432/provning';

  it('defaults to disable: plaintext, as to the embedded server', () => {
    expect(loadConfig({}).database.ssl).toEqual({ mode: 'disable', caFile: undefined });
    expect(pgSslOptions(loadConfig({}).database.ssl)).toBe(false);
  });

  it('gives pg an unchecked TLS connection for require and a checked one for verify-full', () => {
    expect(pgSslOptions({ mode: 'require' })).toEqual({ rejectUnauthorized: false });
    expect(pgSslOptions({ mode: 'verify-full' })).toEqual({ rejectUnauthorized: true });
    const dir = mkdtempSync(join(tmpdir(), 'provning-pg-ssl-'));
    writeFileSync(join(dir, 'ca.pem'), PEM);
    expect(pgSslOptions({ mode: 'verify-full', caFile: join(dir, 'ca.pem') })).toEqual({
      rejectUnauthorized: true,
      ca: PEM,
    });
  });

  it('refuses an unknown mode, a CA with disable, and sslmode in the URL beside DATABASE_SSL_MODE', () => {
    expect(problemsFor({ DATABASE_SSL_MODE: 'prefer' }).map((p) => p.variable)).toEqual([
      'DATABASE_SSL_MODE',
    ]);
    for (const mode of [{}, { DATABASE_SSL_MODE: 'require' }])
      expect(problemsFor({ ...mode, DATABASE_SSL_CA_FILE: '/ca.pem' }).map((p) => p.variable)).toEqual([
        'DATABASE_SSL_CA_FILE',
      ]);
    expect(
      problemsFor({ DATABASE_URL: `${URL}?sslmode=disable`, DATABASE_SSL_MODE: 'verify-full' }).map(
        (p) => p.variable,
      ),
    ).toEqual(['DATABASE_URL']);
    expect(loadConfig({ DATABASE_URL: URL, DATABASE_SSL_MODE: 'verify-full' }).database.ssl.mode).toBe(
      'verify-full',
    );
  });
});
