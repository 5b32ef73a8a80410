import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { TEST_PAYLOAD_ENV } from '../support/payload-keys';

/**
 * The production entry points (apps/api/main.ts, apps/worker/main.ts) as child processes: what the chaos run kills
 * with -9 and what the log scan reads, byte for byte. They run from source through scripts/ts-register.cjs, or with
 * `build: 'dist'` from `npm run build`'s output, as production runs them (the held-load benchmark measures their
 * memory, which the TypeScript compiler would inflate).
 */
const ROOT = resolve(__dirname, '../..');
const REGISTER = join(ROOT, 'scripts/ts-register.cjs');

export interface AppProcess {
  name: string;
  /** Everything the process wrote to stdout and stderr, over all its lives. */
  output(): string;
  pid(): number | undefined;
  /** Starts it and resolves once `readyLine` appears in its output. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown hook, no drain. */
  kill9(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  restarts: number;
  /** Exit codes or signals of the lives that ended without kill9() or stop(). */
  unexpectedExits: string[];
}

export function appProcess(
  name: 'api' | 'worker',
  env: Record<string, string>,
  opts: {
    readyTimeoutMs?: number;
    echo?: boolean;
    build?: 'source' | 'dist';
    nodeFlags?: string[];
    /** A command that runs node, e.g. `['ip', 'netns', 'exec', 'ns']` (it execs node: the pid stays node's). */
    via?: string[];
  } = {},
): AppProcess {
  const args =
    opts.build === 'dist'
      ? [join(ROOT, 'dist/apps', name, 'main.js')]
      : ['-r', REGISTER, join(ROOT, 'apps', name, 'main.ts')];
  const readyLine = name === 'api' ? /listening on/ : /polling task queue/;
  let child: ChildProcess | undefined;
  /** The lives we ended ourselves. */
  const ended = new WeakSet<ChildProcess>();
  let log = '';
  const self: AppProcess = {
    name,
    restarts: 0,
    unexpectedExits: [],
    output: () => log,
    pid: () => child?.pid,
    start() {
      const mark = log.length;
      const command = [...(opts.via ?? []), process.execPath, ...(opts.nodeFlags ?? []), ...args];
      const proc = spawn(command[0], command.slice(1), {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      proc.once('exit', (code, sig) => {
        if (!ended.has(proc)) self.unexpectedExits.push(String(code ?? sig));
      });
      const take = (chunk: Buffer) => {
        log += chunk.toString();
        if (opts.echo) process.stderr.write(`[${name}] ${chunk}`);
      };
      proc.stdout!.on('data', take);
      proc.stderr!.on('data', take);
      return new Promise<void>((resolvePromise, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${name} not ready in time:\n${log.slice(mark)}`)),
          opts.readyTimeoutMs ?? 120_000,
        );
        const check = () => {
          if (readyLine.test(log.slice(mark))) {
            clearTimeout(timer);
            proc.stdout!.off('data', check);
            resolvePromise();
          }
        };
        proc.stdout!.on('data', check);
        proc.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${log.slice(mark)}`));
        });
      });
    },
    async kill9() {
      if (child) ended.add(child);
      await signal(child, 'SIGKILL');
      self.restarts += 1;
    },
    stop: () => {
      if (child) ended.add(child);
      return signal(child, 'SIGTERM');
    },
  };
  return self;
}

/**
 * The environment the API and worker get against a script's stack (tests/chaos/stack.ts, which has already migrated
 * and seeded it): scripts call login and submission far more often than people do, so the per-caller limits are
 * off (they have their own tests). `extra` adds to it or overrides it.
 */
export function againstStack(
  stack: { databaseUrl: string; temporalAddress: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    HOST: '127.0.0.1',
    RUN_MIGRATIONS: 'false',
    RATE_LIMIT_LOGIN_PER_MINUTE: '0',
    RATE_LIMIT_SUBMIT_PER_MINUTE: '0',
    ...TEST_PAYLOAD_ENV,
    ...extra,
  };
}

/**
 * Lines in the processes' output that report an error nobody handled (Node prints an unhandled rejection or an
 * uncaught exception before it exits), and every exit nobody asked for.
 */
export function unhandledErrors(processes: AppProcess[]): string[] {
  const pattern = /unhandled ?rejection|uncaught ?exception|UnhandledPromiseRejection/i;
  return processes.flatMap((p) =>
    p
      .output()
      .split('\n')
      .filter((line) => pattern.test(line))
      .map((line) => `${p.name}: ${line.slice(0, 500)}`)
      .concat(p.unexpectedExits.map((e) => `${p.name}: exited by itself (${e})`)),
  );
}

function signal(child: ChildProcess | undefined, sig: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolvePromise();
    });
    child.kill(sig);
  });
}
