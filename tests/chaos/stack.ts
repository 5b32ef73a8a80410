import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDataSource, runMigrations } from '@db/data-source';
import { seedDemoOrganisation } from '@local/demo-organisation';
import { startEmbeddedPostgres, type RunningPostgres } from '@local/embedded-postgres';
import { startDevServer, type RunningDevServer } from '@local/temporal/dev-server';
import { freePort } from '@local/ports';

/**
 * PostgreSQL and the Temporal dev server for a script outside jest (chaos, schemathesis), on free ports under
 * `.data/<name>`, each one stoppable and restartable on the same port and data: that is what the faults need.
 */
export interface Stack {
  databaseUrl: string;
  temporalAddress: string;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** PostgreSQL's data directory (default `<dir>/pg`), e.g. on a small filesystem the full-disk run fills. */
  postgresDataDir?: string;
  /** The Temporal dev server's SQLite file (default `<dir>/temporal.db`). */
  temporalDbFile?: string;
  /** PostgreSQL also listens on these addresses (the netem run's virtual links). */
  postgresAlsoListenOn?: string[];
  /** The address the Temporal dev server listens on instead of 127.0.0.1. */
  temporalIp?: string;
}

export async function startStack(
  name: string,
  log: (m: string) => void,
  opts: StackOptions = {},
): Promise<Stack> {
  const dir = resolve(__dirname, '../../.data', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const [pgPort, temporalPort] = [await freePort(), await freePort()];
  let pg: RunningPostgres | undefined;
  let temporal: RunningDevServer | undefined;
  const startPostgres = async () => {
    pg = await startEmbeddedPostgres({
      dataDir: opts.postgresDataDir ?? join(dir, 'pg'),
      port: pgPort,
      database: 'provning',
      persistent: true,
      alsoListenOn: opts.postgresAlsoListenOn,
      log,
    });
  };
  // A SQLite file, so the dev server's histories survive its restart as in `npm start`.
  const startTemporal = async () => {
    temporal = await startDevServer({
      port: temporalPort,
      ip: opts.temporalIp,
      headless: true,
      dbFile: opts.temporalDbFile ?? join(dir, 'temporal.db'),
      log,
    });
  };
  await Promise.all([startPostgres(), startTemporal()]);
  const databaseUrl = pg!.url;
  const ds = createDataSource({ url: databaseUrl, poolSize: 2 });
  await ds.initialize();
  await runMigrations(ds);
  await seedDemoOrganisation(ds);
  await ds.destroy();
  return {
    databaseUrl,
    temporalAddress: temporal!.address,
    startPostgres,
    startTemporal,
    stopPostgres: async () => {
      await pg?.stop();
      pg = undefined;
    },
    stopTemporal: async () => {
      await temporal?.stop();
      temporal = undefined;
    },
    async stop() {
      await Promise.allSettled([temporal?.stop(), pg?.stop()]);
    },
  };
}
