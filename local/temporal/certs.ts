import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Certificates for this machine only: `npm run start:cluster` and the tests run Temporal (and PostgreSQL) with
 * mutual TLS on certificates made here with the `openssl` CLI. Production makes its own (deploy/tls/generate.sh,
 * or the region's PKI); nothing here is meant to leave `.data/`.
 */

export interface KeyPair {
  cert: string;
  key: string;
}

export interface LocalTemporalCerts {
  dir: string;
  /** The CA that signed both the server's and the client's certificate: the server's clientCaFiles too. */
  ca: KeyPair;
  /** The frontend's and the internode certificate (SAN localhost, 127.0.0.1, temporal; serverAuth and clientAuth). */
  server: KeyPair;
  /** The API's and the worker's client certificate. */
  client: KeyPair;
}

/** The names the server certificate answers to: loopback for the local nodes, `temporal` as compose names it. */
export const SERVER_NAMES = ['localhost', '127.0.0.1', 'temporal'] as const;

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error('the openssl CLI is needed to make local TLS certificates');
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString().trim() ?? String(e)}`);
  }
}

/** A new self-signed CA (EC P-256: Go, rustls and Node all take it), valid ten years. */
export function createCertificateAuthority(dir: string, name: string, commonName: string): KeyPair {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
  // Each flag beside its value, as the openssl command reads (here and below).
  // prettier-ignore
  openssl([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', pair.key, '-out', pair.cert, '-days', '3650', '-subj', `/CN=${commonName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return pair;
}

export interface LeafOptions {
  commonName: string;
  /** Host names and IP addresses for a server certificate; rustls and Go check these, not the CN. */
  altNames?: readonly string[];
  /** server: serverAuth; client: clientAuth; both: a Temporal node, which is also a client of the others. */
  usage: 'server' | 'client' | 'both';
  days?: number;
}

/** A certificate signed by `ca`, written as `<name>.pem` and `<name>.key` (the key mode 600). */
export function issueCertificate(ca: KeyPair, dir: string, name: string, opts: LeafOptions): KeyPair {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  const eku = { server: 'serverAuth', client: 'clientAuth', both: 'serverAuth,clientAuth' }[opts.usage];
  const sans = (opts.altNames ?? []).map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`));
  writeFileSync(
    ext,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      `extendedKeyUsage=${eku}`,
      ...(sans.length ? [`subjectAltName=${sans.join(',')}`] : []),
    ].join('\n') + '\n',
  );
  try {
    // prettier-ignore
    openssl([
      'req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', pair.key, '-out', csr, '-subj', `/CN=${opts.commonName}`,
    ]);
    // prettier-ignore
    openssl([
      'x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-set_serial', `0x${randomBytes(16).toString('hex')}`,
      '-days', String(opts.days ?? 825), '-extfile', ext, '-out', pair.cert,
    ]);
  } finally {
    rmSync(csr, { force: true });
    rmSync(ext, { force: true });
  }
  return pair;
}

/** True when the certificate exists and is still valid a week from now. */
function stillValid(cert: string): boolean {
  if (!existsSync(cert)) return false;
  try {
    openssl(['x509', '-checkend', String(7 * 24 * 3600), '-noout', '-in', cert]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The CA, server and client certificates for `npm run start:cluster` in `dir` (`.data/temporal-tls/`): made on
 * the first start, reused afterwards, and made again only when one is missing or about to expire.
 */
export function ensureTemporalCerts(dir: string, log?: (m: string) => void): LocalTemporalCerts {
  const root = resolve(dir);
  const certs: LocalTemporalCerts = {
    dir: root,
    ca: { cert: join(root, 'ca.pem'), key: join(root, 'ca.key') },
    server: { cert: join(root, 'server.pem'), key: join(root, 'server.key') },
    client: { cert: join(root, 'client.pem'), key: join(root, 'client.key') },
  };
  const all = [certs.ca, certs.server, certs.client];
  if (all.every((p) => existsSync(p.key) && stillValid(p.cert))) {
    log?.(`Temporal TLS: reusing the certificates in ${root}`);
    return certs;
  }
  const ca = createCertificateAuthority(root, 'ca', 'Provning local Temporal CA');
  issueCertificate(ca, root, 'server', { commonName: 'temporal', altNames: SERVER_NAMES, usage: 'both' });
  issueCertificate(ca, root, 'client', { commonName: 'provning-app', usage: 'client' });
  log?.(`Temporal TLS: made a CA, a server and a client certificate in ${root}`);
  return certs;
}
