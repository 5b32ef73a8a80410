import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { ConfigError, type TemporalTlsFiles } from '@config/config';

/**
 * The SDK's TLS options from TEMPORAL_TLS_*: each file read once, here, at start-up, so a missing or unreadable
 * one stops the process with its variable named instead of failing the first connection. The same object serves
 * the API's client Connection and the worker's NativeConnection. Undefined means plaintext.
 *
 * A renewed certificate is picked up at the next start: rotation (deploy/README.md "Mutual TLS") rolls the
 * processes, which a new CA needs anyway.
 */
export function readTemporalTls(tls: TemporalTlsFiles | undefined): TLSConfig | undefined {
  if (!tls) return undefined;
  const problems: { variable: string; message: string }[] = [];
  const read = (variable: string, path: string | undefined): Buffer | undefined => {
    if (!path) return undefined;
    try {
      const data = readFileSync(path);
      if (!/-----BEGIN [A-Z ]+-----/.test(data.toString('latin1')))
        problems.push({ variable, message: `${path} is not a PEM file` });
      return data;
    } catch (e) {
      problems.push({ variable, message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e}` });
      return undefined;
    }
  };
  const ca = read('TEMPORAL_TLS_CA_FILE', tls.caFile);
  const crt = read('TEMPORAL_TLS_CERT_FILE', tls.clientCert?.certFile);
  const key = read('TEMPORAL_TLS_KEY_FILE', tls.clientCert?.keyFile);
  if (problems.length) throw new ConfigError(problems);
  return {
    ...(ca ? { serverRootCACertificate: ca } : {}),
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
    ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
  };
}
