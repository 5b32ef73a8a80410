import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { withCacheLock } from './cache-lock';

/**
 * Finds the Temporal servers without the internet: the SDK would download them, which these machines cannot.
 * Both binaries land in one cache outside the checkout, so every clone on the machine (CI's included) reuses them.
 */

export const TEMPORAL_CLI_VERSION = 'v1.5.1'; // newest CLI whose go.mod has no `replace`, so `go install` accepts it
const TEST_SERVER_POM = resolve(__dirname, 'test-server/pom.xml');

export type Log = (message: string) => void;

export interface BinaryOptions {
  cliPath?: string;
  cacheDir?: string;
  log?: Log;
  env?: NodeJS.ProcessEnv;
}

export type DevServerBinary =
  { source: 'env' | 'path' | 'cache' | 'built'; path: string } | { source: 'sdk-download' };

export function temporalCacheDir(opts: Pick<BinaryOptions, 'cacheDir' | 'env'> = {}): string {
  const env = opts.env ?? process.env;
  if (opts.cacheDir) return resolve(opts.cacheDir);
  if (env.PROVNING_CACHE_DIR) return resolve(env.PROVNING_CACHE_DIR);
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'provning', 'temporal');
}

export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

export function isExecutableFile(path: string): boolean {
  try {
    const s = statSync(path);
    return s.isFile() && (s.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** The CLI `go install` builds into the shared cache. */
export function cachedCliPath(opts: Pick<BinaryOptions, 'cacheDir' | 'env'> = {}): string {
  return join(temporalCacheDir(opts), `cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

/** A dev server that needs no build: TEMPORAL_CLI_PATH, `temporal` on PATH, or the shared cache. */
export function existingDevServer(opts: BinaryOptions = {}): DevServerBinary | undefined {
  const env = opts.env ?? process.env;
  const explicit = opts.cliPath ?? env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutableFile(explicit))
      throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return { source: 'env', path: explicit };
  }
  const onPath = findOnPath('temporal', env);
  if (onPath) return { source: 'path', path: onPath };
  const cached = cachedCliPath(opts);
  if (isExecutableFile(cached)) return { source: 'cache', path: cached };
  return undefined;
}

export async function resolveDevServer(opts: BinaryOptions = {}): Promise<DevServerBinary> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const existing = existingDevServer(opts);
  if (existing) return existing;
  const cached = cachedCliPath(opts);
  const dir = dirname(cached);

  const go = findOnPath('go', env);
  if (!go) {
    log('Temporal CLI: not in env, PATH or cache, and Go is not installed; falling back to the SDK download');
    return { source: 'sdk-download' };
  }
  await withCacheLock(
    dir,
    async () => {
      if (isExecutableFile(cached)) return;
      const staging = `${dir}.partial`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      log(
        `Temporal CLI ${TEMPORAL_CLI_VERSION}: building once into ${dir} with go install (about 4 minutes on 2 cores)`,
      );
      await runWithProgress(
        go,
        ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`],
        { ...env, GOBIN: staging, GOFLAGS: env.GOFLAGS ?? '-mod=mod' },
        'go install temporal',
        log,
      );
      mkdirSync(dir, { recursive: true });
      renameSync(join(staging, 'temporal'), cached);
      rmSync(staging, { recursive: true, force: true });
    },
    { log },
  );
  return { source: 'built', path: cached };
}

/** The same server the CLI's dev server embeds, so a history recorded on one replays on the other. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';

export interface ServerBinaries {
  /** `go.temporal.io/server/cmd/server`: all four roles in one process. */
  server: string;
  /** `go.temporal.io/server/cmd/tools/sql`: creates and migrates the databases; carries the schemas. */
  sqlTool: string;
  source: { server: BinarySource; sqlTool: BinarySource };
}

export type BinarySource = 'env' | 'path' | 'cache' | 'built';

export interface ServerBinaryOptions extends Pick<BinaryOptions, 'cacheDir' | 'log' | 'env'> {
  serverPath?: string;
  sqlToolPath?: string;
}

/**
 * The Temporal server and its schema tool, resolved like the CLI: TEMPORAL_SERVER_PATH / TEMPORAL_SQL_TOOL_PATH,
 * then `temporal-server` / `temporal-sql-tool` on PATH (the names Temporal's images use), then the shared cache,
 * then one `go install` of both into it. There is no download to fall back to: without Go this throws.
 */
export async function resolveServerBinaries(opts: ServerBinaryOptions = {}): Promise<ServerBinaries> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const dir = join(temporalCacheDir(opts), `server-${TEMPORAL_SERVER_VERSION}`);
  const wanted = [
    {
      key: 'server',
      name: 'temporal-server',
      pkg: 'server',
      explicit: opts.serverPath ?? env.TEMPORAL_SERVER_PATH,
      variable: 'TEMPORAL_SERVER_PATH',
    },
    {
      key: 'sqlTool',
      name: 'temporal-sql-tool',
      pkg: 'tools/sql',
      explicit: opts.sqlToolPath ?? env.TEMPORAL_SQL_TOOL_PATH,
      variable: 'TEMPORAL_SQL_TOOL_PATH',
    },
  ] as const;
  const found: Partial<Record<'server' | 'sqlTool', { path: string; source: BinarySource }>> = {};
  for (const w of wanted) {
    if (w.explicit) {
      if (!isExecutableFile(w.explicit))
        throw new Error(`${w.variable}=${w.explicit} is not an executable file`);
      found[w.key] = { path: w.explicit, source: 'env' };
      continue;
    }
    const onPath = findOnPath(w.name, env);
    if (onPath) found[w.key] = { path: onPath, source: 'path' };
    else if (isExecutableFile(join(dir, w.name))) found[w.key] = { path: join(dir, w.name), source: 'cache' };
  }
  const missing = wanted.filter((w) => !found[w.key]);
  if (missing.length) {
    const go = findOnPath('go', env);
    if (!go) {
      throw new Error(
        `Temporal ${missing.map((m) => m.name).join(' and ')} ${TEMPORAL_SERVER_VERSION}: not in ${missing.map((m) => m.variable).join('/')}, PATH or ${dir}, and Go is not installed to build them`,
      );
    }
    await withCacheLock(
      dir,
      async () => {
        const stillMissing = missing.filter((m) => !isExecutableFile(join(dir, m.name)));
        if (!stillMissing.length) return;
        const staging = `${dir}.partial`;
        rmSync(staging, { recursive: true, force: true });
        mkdirSync(staging, { recursive: true });
        log(
          `Temporal ${stillMissing.map((m) => m.name).join(' and ')} ${TEMPORAL_SERVER_VERSION}: building once into ${dir} with go install` +
            (stillMissing.some((m) => m.key === 'server') ? ' (about 4 minutes on 2 cores)' : ''),
        );
        // One go invocation for both: they share most of the module graph, so the second costs seconds.
        await runWithProgress(
          go,
          [
            'install',
            ...stillMissing.map((m) => `go.temporal.io/server/cmd/${m.pkg}@${TEMPORAL_SERVER_VERSION}`),
          ],
          { ...env, GOBIN: staging, GOFLAGS: env.GOFLAGS ?? '-mod=mod' },
          'go install temporal server',
          log,
        );
        mkdirSync(dir, { recursive: true });
        for (const m of stillMissing) renameSync(join(staging, m.pkg.split('/').at(-1)!), join(dir, m.name));
        rmSync(staging, { recursive: true, force: true });
      },
      { log },
    );
    for (const m of missing) found[m.key] = { path: join(dir, m.name), source: 'built' };
  }
  return {
    server: found.server!.path,
    sqlTool: found.sqlTool!.path,
    source: { server: found.server!.source, sqlTool: found.sqlTool!.source },
  };
}

export function testServerVersion(): string {
  const pom = readFileSync(TEST_SERVER_POM, 'utf8');
  const match = /<artifactId>temporal-test-server<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom);
  if (!match) throw new Error(`cannot read the temporal-test-server version from ${TEST_SERVER_POM}`);
  return match[1];
}

/** The wrapper script over the jars Maven copied into the shared cache. */
export function cachedTestServerPath(opts: Pick<BinaryOptions, 'cacheDir' | 'env'> = {}): string {
  return join(temporalCacheDir(opts), `test-server-${testServerVersion()}`, 'temporal-test-server');
}

/** Returns an executable wrapper script that runs the Java time-skipping test server from the cached jars. */
export async function resolveTestServer(opts: BinaryOptions = {}): Promise<string> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const version = testServerVersion();
  const script = cachedTestServerPath(opts);
  const dir = dirname(script);
  if (isExecutableFile(script)) return script;

  const mvn = findOnPath('mvn', env);
  const java = findOnPath('java', env);
  if (!mvn || !java) {
    throw new Error(
      'The Temporal time-skipping test server needs Java and Maven (mvn) to fetch io.temporal:temporal-test-server once; install them (e.g. apt-get install default-jdk-headless maven)',
    );
  }
  await withCacheLock(
    dir,
    async () => {
      if (isExecutableFile(script)) return;
      const staging = `${dir}.partial`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      log(`Temporal test server ${version}: fetching jars once from Maven Central into ${dir}`);
      await runWithProgress(
        mvn,
        [
          '-B',
          '-q',
          '-f',
          TEST_SERVER_POM,
          'dependency:copy-dependencies',
          `-DoutputDirectory=${join(staging, 'lib')}`,
          '-DincludeScope=runtime',
        ],
        env,
        'mvn copy-dependencies',
        log,
      );
      const body = `#!/bin/sh\n# Temporal time-skipping test server ${version}, written by local/temporal/binaries.ts\nexec "${java}" -cp '${join(dir, 'lib')}/*' io.temporal.testserver.TestServer "$@"\n`;
      writeFileSync(join(staging, 'temporal-test-server'), body);
      chmodSync(join(staging, 'temporal-test-server'), 0o755);
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
    },
    { log },
  );
  return script;
}

function runWithProgress(cmd: string, args: string[], env: NodeJS.ProcessEnv, label: string, log: Log) {
  return new Promise<void>((resolvePromise, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const ticker = setInterval(() => {
      const last = tail.at(-1) ?? '';
      log(`  ${label}: ${Math.round((Date.now() - started) / 1000)} s … ${last.slice(0, 120)}`);
    }, 15_000);
    child.on('error', (e) => {
      clearInterval(ticker);
      reject(e);
    });
    child.on('exit', (code) => {
      clearInterval(ticker);
      if (code === 0) {
        log(`  ${label}: done in ${Math.round((Date.now() - started) / 1000)} s`);
        resolvePromise();
      } else reject(new Error(`${label} failed with exit code ${code}:\n${tail.join('\n')}`));
    });
  });
}

export function describeDevServer(binary: DevServerBinary): string {
  return binary.source === 'sdk-download' ? 'the SDK download' : `${binary.path} (${binary.source})`;
}
