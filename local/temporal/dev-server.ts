import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { describeDevServer, resolveDevServer, type BinaryOptions, type Log } from './binaries';

export interface DevServerOptions extends BinaryOptions {
  port: number;
  /** The address it listens on (127.0.0.1); a network test gives it the address of a virtual link. */
  ip?: string;
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; in memory when absent. */
  dbFile?: string;
  headless?: boolean;
  namespace?: string;
}

export interface RunningDevServer {
  address: string;
  stop(): Promise<void>;
}

/**
 * WAL with synchronous=full: measured twice the throughput of the defaults on this machine kind while a decision
 * still survives a power cut (design.md section 4).
 */
const SQLITE_PRAGMAS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=full'];

export async function startDevServer(opts: DevServerOptions): Promise<RunningDevServer> {
  const log: Log = opts.log ?? (() => undefined);
  const binary = await resolveDevServer(opts);
  log(`Temporal dev server: using ${describeDevServer(binary)}`);
  const ip = opts.ip ?? '127.0.0.1';
  const address = `${ip}:${opts.port}`;
  const namespace = opts.namespace ?? 'default';
  if (opts.dbFile) mkdirSync(dirname(resolve(opts.dbFile)), { recursive: true });

  if (binary.source === 'sdk-download') {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip,
        port: opts.port,
        dbFilename: opts.dbFile,
        ui: !opts.headless,
        uiPort: opts.uiPort,
        namespace,
        extraArgs: opts.dbFile ? SQLITE_PRAGMAS : [],
      },
    });
    return { address, stop: () => env.teardown() };
  }

  const args = ['server', 'start-dev', '--ip', ip, '--port', String(opts.port), '--log-level', 'warn'];
  args.push('--namespace', namespace);
  if (opts.dbFile) args.push('--db-filename', opts.dbFile, ...SQLITE_PRAGMAS);
  if (opts.headless || !opts.uiPort) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));

  const child = spawn(binary.path, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 50) output.shift();
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));

  try {
    await waitUntilServing(address, namespace, () => exited, 60_000);
  } catch (e) {
    await stopChild(child);
    throw new Error(`${(e as Error).message}\n--- temporal output ---\n${output.join('\n')}`);
  }
  return { address, stop: () => stopChild(child) };
}

async function waitUntilServing(
  address: string,
  namespace: string,
  exitCode: () => number | null | undefined,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exitCode() !== undefined) throw new Error(`Temporal dev server exited with code ${exitCode()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal dev server on ${address} not ready after ${timeoutMs} ms: ${String(lastError)}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}
