import type { DataSource } from 'typeorm';
import { seedDemoOrganisation } from '@local/demo-organisation';
import { startEmbeddedPostgres } from '@local/embedded-postgres';
import { openDatabase } from '@db/open-database';

/**
 * The database the history seed writes and the statistics benchmark reads: DATABASE_URL when set, else an
 * embedded PostgreSQL of its own in .data/bench-pg (port BENCH_PG_PORT, 5499), so a million seeded requests
 * never land in the data of `npm start`.
 */
export async function openBenchDatabase(log: (m: string) => void = console.log) {
  let url = process.env.DATABASE_URL;
  let stopServer = async () => undefined as void;
  if (!url) {
    const pg = await startEmbeddedPostgres({
      dataDir: '.data/bench-pg',
      port: Number(process.env.BENCH_PG_PORT ?? 5499),
      database: 'provning_bench',
      persistent: true,
      log,
    });
    url = pg.url;
    stopServer = () => pg.stop();
  }
  const dataSource: DataSource = await openDatabase({
    url,
    poolSize: 10,
    applicationName: 'provning-bench',
    migrate: true,
    log,
  });
  await seedDemoOrganisation(dataSource);
  return {
    url,
    dataSource,
    async close() {
      await dataSource.destroy();
      await stopServer();
    },
  };
}

/** `--name value` from the command line. */
export function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
