import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TLSConfig } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { createDataSource, runMigrations } from '@db/data-source';
import { seedDemoOrganisation } from '@local/demo-organisation';
import { startEmbeddedPostgres, type RunningPostgres } from '@local/embedded-postgres';
import {
  PORTS_PER_NODE,
  parseTemporalDbUrl,
  startTemporalCluster,
  type RunningCluster,
} from '@local/temporal/cluster';
import { startFrontendBalancer, type FrontendBalancer } from '@local/temporal/frontend-balancer';
import { ensureTemporalCerts, type LocalTemporalCerts } from '@local/temporal/certs';
import { assertPortFree, freePort } from '@local/ports';
import type { Stack } from './stack';

/**
 * The cluster path for a script outside jest (`npm run test:chaos -- --cluster`, the backup/restore drill): one
 * PostgreSQL holding the app's database and Temporal's two, and a two-node Temporal cluster on it behind one
 * balanced address with mutual TLS, as `npm run start:cluster` runs it. `stopTemporal` SIGKILLs a node (the
 * nodes take turns) and `startTemporal` brings it back: a node dies, the other keeps serving.
 */
export interface ClusterStack extends Stack {
  cluster: RunningCluster;
  certs: LocalTemporalCerts;
  clientTls: TLSConfig;
  pg(): RunningPostgres;
  /** What the API and worker need to reach the cluster (TEMPORAL_TLS_*). */
  tlsEnv: Record<string, string>;
}

export interface ClusterStackOptions {
  /** Under `.data/`; wiped first unless `keep`. */
  name: string;
  nodes?: number;
  /** Reuse an existing data directory (a restored one) instead of a fresh, seeded cluster. */
  keep?: boolean;
  log: (m: string) => void;
}

async function freePortBlock(nodes: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 120) * 100; // below 32768: see nodePorts
    try {
      for (let p = base; p < base + PORTS_PER_NODE * nodes; p++)
        await assertPortFree(p, 'cluster stack', '127.0.0.1');
      return base;
    } catch {
      // taken: try another block
    }
  }
  throw new Error('no free block of ports for the cluster');
}

export function clusterDataDir(name: string): string {
  return resolve(__dirname, '../../.data', name);
}

export async function startClusterStack(opts: ClusterStackOptions): Promise<ClusterStack> {
  const { log } = opts;
  const nodeCount = opts.nodes ?? 2;
  const dir = clusterDataDir(opts.name);
  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pgPort = await freePort();
  let pg: RunningPostgres | undefined;
  const startPostgres = async () => {
    pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      port: pgPort,
      database: 'provning',
      persistent: true,
      log,
    });
  };
  await startPostgres();
  const databaseUrl = pg!.url;
  if (!opts.keep) {
    const ds = createDataSource({ url: databaseUrl, poolSize: 2 });
    await ds.initialize();
    await runMigrations(ds);
    await seedDemoOrganisation(ds);
    await ds.destroy();
  }
  const certs = ensureTemporalCerts(join(dir, 'tls'), log);
  const cluster = await startTemporalCluster({
    nodes: nodeCount,
    basePort: await freePortBlock(nodeCount),
    db: parseTemporalDbUrl(pg!.urlFor('temporal')),
    namespace: 'default',
    numHistoryShards: 4,
    rootDir: join(dir, 'temporal'),
    tls: certs,
    log,
  });
  const balancer: FrontendBalancer = await startFrontendBalancer(cluster.frontends, await freePort());
  let nextVictim = 0;
  let down: number | undefined;
  return {
    databaseUrl,
    temporalAddress: balancer.address,
    cluster,
    certs,
    clientTls: cluster.clientTls,
    pg: () => pg!,
    tlsEnv: {
      TEMPORAL_TLS_CA_FILE: certs.ca.cert,
      TEMPORAL_TLS_CERT_FILE: certs.client.cert,
      TEMPORAL_TLS_KEY_FILE: certs.client.key,
      TEMPORAL_TLS_SERVER_NAME: 'localhost',
    },
    startPostgres,
    stopPostgres: async () => {
      await pg?.stop();
      pg = undefined;
    },
    stopTemporal: async () => {
      down = nextVictim++ % nodeCount;
      log(`SIGKILL Temporal node ${down} (pid ${cluster.nodes[down].pid()})`);
      await cluster.nodes[down].kill('SIGKILL');
    },
    startTemporal: async () => {
      if (down === undefined) return;
      await cluster.nodes[down].start();
      down = undefined;
    },
    async stop() {
      await balancer.stop();
      await cluster.stop();
      await pg?.stop();
    },
  };
}

/** Where the running server keeps its files (it may not be the directory asked for: see postgres-as-root.ts). */
export async function dataDirectoryOf(adminUrl: string): Promise<string> {
  const c = new PgClient({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ data_directory: string }>('SHOW data_directory');
    return rows[0].data_directory;
  } finally {
    await c.end();
  }
}
