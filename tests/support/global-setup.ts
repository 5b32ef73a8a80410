import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../../local/embedded-postgres';
import { startDevServer, type RunningDevServer } from '../../local/temporal/dev-server';
import { resolveTestServer } from '../../local/temporal/binaries';
import { freePort } from '../../local/ports';

/**
 * One PostgreSQL server and one Temporal dev server for the whole run, on free ports; every test file makes
 * its own database on that server. Jest runs this outside its module sandbox, where tsconfig path aliases do not
 * exist: hence the relative imports.
 */
export default async function globalSetup(): Promise<void> {
  const log = (m: string) => process.stderr.write(`[test setup] ${m}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'provning-test-pg-'));
  const [pg, temporal] = await Promise.all([
    process.env.TEST_DATABASE_ADMIN_URL
      ? undefined
      : startEmbeddedPostgres({
          dataDir: dir,
          port: await freePort(),
          database: 'postgres',
          persistent: false,
          log,
        }),
    startDevServer({ port: await freePort(), headless: true, log }),
    // Resolved here, once, so a first run builds the test server's cache before any test's clock starts.
    resolveTestServer({ log }),
  ]);
  process.env.TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? pg!.url;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  (globalThis as { __provningServers?: unknown }).__provningServers = { pg, temporal };
}

export async function stopServers(): Promise<void> {
  const servers = (globalThis as { __provningServers?: { pg?: RunningPostgres; temporal: RunningDevServer } })
    .__provningServers;
  if (!servers) return;
  await Promise.allSettled([servers.temporal.stop(), servers.pg?.stop()]);
}
