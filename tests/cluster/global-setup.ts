import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../../local/embedded-postgres';
import { resolveServerBinaries } from '../../local/temporal/binaries';
import { freePort } from '../../local/ports';

/**
 * One PostgreSQL for the run, as tests/support/global-setup.ts starts it (outside jest's module sandbox), and the
 * server binaries resolved before any test's clock starts: a fresh machine builds them here, with progress.
 */
export default async function globalSetup(): Promise<void> {
  const log = (m: string) => process.stderr.write(`[cluster setup] ${m}\n`);
  const [pg] = await Promise.all([
    startEmbeddedPostgres({
      dataDir: mkdtempSync(join(tmpdir(), 'provning-cluster-pg-')),
      port: await freePort(),
      database: 'postgres',
      persistent: false,
      log,
    }),
    resolveServerBinaries({ log }),
  ]);
  process.env.TEST_PG_ADMIN_URL = pg.url;
  (globalThis as { __provningClusterPg?: RunningPostgres }).__provningClusterPg = pg;
}
