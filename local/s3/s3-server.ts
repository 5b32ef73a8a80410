import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../ports';

/** The S3-compatible test server: built by scripts/provision-s3-server.sh at this version and path. */
export const S3_SERVER_VERSION = 'v1.2.0';

export function s3ServerPath(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.PROVNING_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'provning');
  return join(cache, 's3', `gofakes3-${S3_SERVER_VERSION}`, 'gofakes3');
}

export interface RunningS3Server {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** gofakes3 in memory on a free loopback port, with the bucket made; undefined when the binary is absent. */
export async function startS3Server(bucket: string): Promise<RunningS3Server | undefined> {
  const binary = s3ServerPath();
  if (!existsSync(binary)) return undefined;
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ['-backend', 'memory', '-host', `127.0.0.1:${port}`, '-initialbucket', bucket, '-quiet'],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null) throw new Error(`gofakes3 exited with ${child.exitCode} before listening`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gofakes3 did not listen on 127.0.0.1:${port} within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
