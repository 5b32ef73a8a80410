import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Connection, type TLSConfig } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { resolveServerBinaries, type Log, type ServerBinaryOptions } from './binaries';
import type { KeyPair } from './certs';

/**
 * The real Temporal server (not the dev server) on PostgreSQL, one or several nodes on this machine: what
 * `npm run start:cluster` and the cluster test run. Production runs the same server and config shape
 * (docker-compose.yml, deploy/helm/values.example.yaml); see design.md section 8.
 */

/** The checkout's root: the nearest folder above this file with deploy/temporal (source, dist/ or a bench build). */
const ROOT = (() => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'deploy/temporal'))) return dir;
  throw new Error(`no deploy/temporal above ${__dirname}`);
})();
export const NODE_TEMPLATE = join(ROOT, 'deploy/temporal/cluster/node.yaml.tmpl');
export const DYNAMIC_CONFIG_FILE = join(ROOT, 'deploy/temporal/dynamicconfig/production-sql.yaml');
/** The versioned schemas the tool carries; compose's admin-tools image applies the same directories. */
const SCHEMAS = { temporal: 'postgresql/v12/temporal', visibility: 'postgresql/v12/visibility' } as const;
/** Ports a node uses, counted from its base; bases are this far apart so nodes never overlap. */
export const PORTS_PER_NODE = 10;

export interface TemporalDatabase {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  visibilityDatabase: string;
}

/** `postgres://user:pw@host:port/temporal`: the path names the main database, visibility is `<it>_visibility`. */
export function parseTemporalDbUrl(url: string): TemporalDatabase {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'temporal';
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
    visibilityDatabase: `${database}_visibility`,
  };
}

/**
 * Creates both databases if missing and applies the versioned migrations newer than the recorded version.
 * Never drops: `setup-schema -v 0.0` only adds the version tables on an empty database (on one that has them it
 * fails harmlessly, hence `--quiet`), and `update-schema` is a no-op when the schema is current.
 */
export async function migrateTemporalSchema(sqlTool: string, db: TemporalDatabase, log: Log): Promise<void> {
  const common = ['--plugin', 'postgres12', '--ep', db.host, '-p', String(db.port), '-u', db.user];
  const env = { ...process.env, SQL_PASSWORD: db.password }; // not on the command line, where ps shows it
  for (const [name, schema] of [
    [db.database, SCHEMAS.temporal],
    [db.visibilityDatabase, SCHEMAS.visibility],
  ] as const) {
    const started = Date.now();
    await run(sqlTool, [...common, '--db', name, '--quiet', 'create-database'], env);
    await run(sqlTool, [...common, '--db', name, '--quiet', 'setup-schema', '-v', '0.0'], env);
    await run(sqlTool, [...common, '--db', name, 'update-schema', '--schema-name', schema], env);
    log(`Temporal schema: ${name} at the newest ${schema} version (${Date.now() - started} ms)`);
  }
}

export interface NodePorts {
  frontend: number;
  history: number;
  matching: number;
  worker: number;
  frontendMembership: number;
  historyMembership: number;
  matchingMembership: number;
  workerMembership: number;
  frontendHttp: number;
  metrics: number;
}

export function nodePorts(basePort: number, index: number): NodePorts {
  const b = basePort + index * PORTS_PER_NODE;
  // cluster_membership.rpc_port is a smallint: a node on a higher port dies at start-up.
  if (b + PORTS_PER_NODE - 1 > 32767)
    throw new Error(`Temporal node ${index}: ports ${b}–${b + PORTS_PER_NODE - 1} exceed 32767`);
  return {
    frontend: b,
    history: b + 1,
    matching: b + 2,
    worker: b + 3,
    frontendMembership: b + 4,
    historyMembership: b + 5,
    matchingMembership: b + 6,
    workerMembership: b + 7,
    frontendHttp: b + 8,
    metrics: b + 9,
  };
}

export function renderNodeConfig(template: string, vars: Record<string, string | number>): string {
  const out = template.replace(/\{\{([A-Z_]+)\}\}/g, (_whole, name: string) => {
    if (!(name in vars)) throw new Error(`${NODE_TEMPLATE}: no value for {{${name}}}`);
    return String(vars[name]);
  });
  return out;
}

export interface ClusterOptions extends ServerBinaryOptions {
  nodes: number;
  basePort: number;
  db: TemporalDatabase;
  namespace: string;
  /** Fixed when the `temporal` database is first used; see README "Scaling out". */
  numHistoryShards: number;
  /** Rendered configs and node logs go here. */
  rootDir: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Connections per service and store (template comment): small here, where one PostgreSQL has 100. */
  maxConns?: number;
  namespaceRetentionDays?: number;
  /**
   * Mutual TLS on every node (ensureTemporalCerts makes these): the server certificate on the frontend and
   * internode ports, `ca` the one clients' and nodes' certificates chain to, `client` what this module's own
   * calls and the callers' clients present. Always on: the cluster runs as production does.
   */
  tls: { ca: KeyPair; server: KeyPair; client: KeyPair };
}

/** The SDK's TLS options for a client of the cluster, as the API and worker read them from TEMPORAL_TLS_*. */
export function clusterClientTls(tls: ClusterOptions['tls']): TLSConfig {
  return {
    serverRootCACertificate: readFileSync(tls.ca.cert),
    clientCertPair: { crt: readFileSync(tls.client.cert), key: readFileSync(tls.client.key) },
    // The frontends listen on 127.0.0.1; a name (which the certificate carries too) rather than the IP as SNI,
    // which RFC 6066 does not allow and Node warns about.
    serverNameOverride: 'localhost',
  };
}

export interface ClusterNode {
  index: number;
  /** host:port of this node's frontend. */
  address: string;
  ports: NodePorts;
  logFile: string;
  pid(): number | undefined;
  running(): boolean;
  /** Sends the signal and waits for the process to be gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts the node again on the same ports and waits until its frontend serves. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface RunningCluster {
  nodes: ClusterNode[];
  frontends: string[];
  binaries: { server: string; sqlTool: string };
  /** What a client presents and trusts to reach the frontends. */
  clientTls: TLSConfig;
  stop(): Promise<void>;
}

export async function startTemporalCluster(opts: ClusterOptions): Promise<RunningCluster> {
  const log: Log = opts.log ?? (() => undefined);
  const binaries = await resolveServerBinaries(opts);
  log(
    `Temporal server: ${binaries.server} (${binaries.source.server}), schema tool ${binaries.source.sqlTool}`,
  );
  await migrateTemporalSchema(binaries.sqlTool, opts.db, log);

  const root = resolve(opts.rootDir);
  mkdirSync(join(root, 'config'), { recursive: true });
  const template = readFileSync(NODE_TEMPLATE, 'utf8');
  const first = nodePorts(opts.basePort, 0);
  const clientTls = clusterClientTls(opts.tls);
  const nodes: ClusterNode[] = [];
  for (let index = 0; index < opts.nodes; index++) {
    const ports = nodePorts(opts.basePort, index);
    const env = `node-${index}`;
    writeFileSync(
      join(root, 'config', `${env}.yaml`),
      renderNodeConfig(template, {
        LOG_LEVEL: opts.logLevel ?? 'warn',
        NUM_HISTORY_SHARDS: opts.numHistoryShards,
        MAX_CONNS: opts.maxConns ?? 6,
        VISIBILITY_MAX_CONNS: 2,
        DB_NAME: opts.db.database,
        VISIBILITY_DB_NAME: opts.db.visibilityDatabase,
        DB_HOST: opts.db.host,
        DB_PORT: opts.db.port,
        DB_USER: opts.db.user,
        DB_PASSWORD: opts.db.password,
        BROADCAST_ADDRESS: '127.0.0.1',
        BIND_ADDRESS: '127.0.0.1',
        METRICS_PORT: ports.metrics,
        FRONTEND_PORT: ports.frontend,
        FRONTEND_MEMBERSHIP_PORT: ports.frontendMembership,
        FRONTEND_HTTP_PORT: ports.frontendHttp,
        HISTORY_PORT: ports.history,
        HISTORY_MEMBERSHIP_PORT: ports.historyMembership,
        MATCHING_PORT: ports.matching,
        MATCHING_MEMBERSHIP_PORT: ports.matchingMembership,
        WORKER_PORT: ports.worker,
        WORKER_MEMBERSHIP_PORT: ports.workerMembership,
        CLUSTER_RPC_ADDRESS: `127.0.0.1:${first.frontend}`,
        DYNAMIC_CONFIG_FILE,
        TLS_CA: resolve(opts.tls.ca.cert),
        TLS_CLIENT_CA: resolve(opts.tls.ca.cert),
        TLS_SERVER_CERT: resolve(opts.tls.server.cert),
        TLS_SERVER_KEY: resolve(opts.tls.server.key),
        // The nodes dial each other by IP; the certificate names them `temporal` (local/temporal/certs.ts).
        TLS_SERVER_NAME: 'temporal',
      }),
      { mode: 0o600 }, // it holds the database password
    );
    nodes.push(serverNode(binaries.server, root, env, index, ports, clientTls, log));
  }

  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    // The first node alone creates the cluster metadata and shard rows; the others then join it.
    await nodes[0].start();
    await Promise.all(nodes.slice(1).map((n) => n.start()));
    await ensureNamespace(
      nodes.map((n) => n.address),
      opts.namespace,
      opts.namespaceRetentionDays ?? 30,
      log,
      clientTls,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { nodes, frontends: nodes.map((n) => n.address), binaries, clientTls, stop };
}

function serverNode(
  server: string,
  root: string,
  env: string,
  index: number,
  ports: NodePorts,
  tls: TLSConfig,
  log: Log,
): ClusterNode {
  const address = `127.0.0.1:${ports.frontend}`;
  const logFile = join(root, `${env}.log`);
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const tail: string[] = [];
  const running = () => !!child && child.exitCode === null && child.signalCode === null;

  const start = async () => {
    if (running()) return;
    const started = Date.now();
    const c = spawn(
      server,
      ['--root', root, '--config', 'config', '--env', env, '--allow-no-auth', 'start'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = c;
    exited = new Promise((r) => c.once('exit', () => r()));
    const out = (chunk: Buffer) => {
      writeFileSync(logFile, chunk, { flag: 'a' });
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        tail.push(line.slice(0, 400));
        if (tail.length > 15) tail.shift();
      }
    };
    c.stdout!.on('data', out);
    c.stderr!.on('data', out);
    try {
      await waitForFrontend(address, tls, running, 90_000);
    } catch (e) {
      await kill('SIGKILL');
      throw new Error(
        `Temporal node ${index}: ${(e as Error).message}\n--- ${logFile} ---\n${tail.join('\n')}`,
      );
    }
    log(`Temporal node ${index}: serving on ${address} (pid ${c.pid}, ${Date.now() - started} ms)`);
  };
  const kill = async (signal: NodeJS.Signals) => {
    if (!running()) return;
    child!.kill(signal);
    await exited;
  };
  const stop = async () => {
    if (!running()) return;
    const force = setTimeout(() => child?.kill('SIGKILL'), 15_000);
    await kill('SIGTERM');
    clearTimeout(force);
  };
  return { index, address, ports, logFile, pid: () => child?.pid, running, kill, start, stop };
}

/** Serving means the frontend answers GetSystemInfo, which needs its membership ring and persistence. */
async function waitForFrontend(
  address: string,
  tls: TLSConfig,
  alive: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error('the server process exited');
    try {
      const connection = await Connection.connect({ address, tls, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(`frontend ${address} not serving after ${timeoutMs} ms: ${String(lastError)}`);
}

/**
 * Registers the namespace once (kept if it exists) and waits until every frontend serves it: a new namespace
 * reaches each node's namespace cache only at its next refresh, about 10 s.
 */
export async function ensureNamespace(
  frontends: string[],
  namespace: string,
  retentionDays: number,
  log: Log,
  tls: TLSConfig,
): Promise<void> {
  const started = Date.now();
  const connection = await Connection.connect({ address: frontends[0], tls });
  try {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      log(`Temporal namespace "${namespace}": exists`);
    } catch {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
      });
      log(`Temporal namespace "${namespace}": registered (retention ${retentionDays} days)`);
    }
  } finally {
    await connection.close();
  }
  const deadline = Date.now() + 60_000;
  for (const address of frontends) {
    const c = await Connection.connect({ address, tls });
    try {
      for (;;) {
        try {
          await c.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
          break;
        } catch (e) {
          if (Date.now() > deadline)
            throw new Error(`namespace "${namespace}" not served by ${address}: ${e}`);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    } finally {
      await c.close();
    }
  }
  log(
    `Temporal namespace "${namespace}": served by ${frontends.length} node(s) (${Date.now() - started} ms)`,
  );
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise()
        : reject(
            new Error(`${cmd} ${args.filter((a) => a !== '--quiet').join(' ')} failed (${code}):\n${output}`),
          ),
    );
  });
}
