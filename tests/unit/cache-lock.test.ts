import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decideAboutLock,
  isProcessAlive,
  UNNAMED_LOCK_STALE_MS,
  withCacheLock,
  type LockHolder,
} from '@local/temporal/cache-lock';

/** The pid of a process that has run and exited: a holder killed mid-build looks exactly like this. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const pid = Number(child.stdout.toString());
  expect(isProcessAlive(pid)).toBe(false);
  return pid;
}

const holder = (pid: number, host = hostname()): LockHolder => ({
  pid,
  host,
  since: new Date().toISOString(),
});

describe('the Temporal cache lock', () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'provning-lock-'));
    target = join(dir, 'cli-v1.5.1');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('decides from the holder: wait for a live pid on this host, take over a dead one at once', () => {
    const here = { host: 'this', isAlive: (pid: number) => pid === 1 };
    expect(decideAboutLock(holder(1, 'this'), 0, here)).toBe('wait');
    expect(decideAboutLock(holder(2, 'this'), 0, here)).toBe('take-over');
  });

  it('lets a lock that names no holder here (another host, or an older version) only age out', () => {
    const here = { host: 'this', isAlive: () => false };
    expect(decideAboutLock(holder(2, 'other'), UNNAMED_LOCK_STALE_MS - 1, here)).toBe('wait');
    expect(decideAboutLock(undefined, UNNAMED_LOCK_STALE_MS - 1, here)).toBe('wait');
    expect(decideAboutLock(undefined, UNNAMED_LOCK_STALE_MS + 1, here)).toBe('take-over');
  });

  it('records its own pid in the lock while it holds it, and removes the lock after', async () => {
    const recorded = await withCacheLock(target, async () =>
      JSON.parse(readFileSync(`${target}.lock`, 'utf8')),
    );
    expect(recorded).toMatchObject({ pid: process.pid, host: hostname() });
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it('takes over at once the lock of a holder whose pid is gone', async () => {
    writeFileSync(`${target}.lock`, JSON.stringify(holder(deadPid())));
    let waits = 0;
    const ran = await withCacheLock(target, async () => 'built', { onWait: () => waits++, timeoutMs: 5_000 });
    expect(ran).toBe('built');
    expect(waits).toBe(0);
  });

  it('waits while the holder lives and enters when it exits', async () => {
    const sleeper = spawn('sleep', ['60']);
    const exited = new Promise((r) => sleeper.once('exit', r));
    writeFileSync(`${target}.lock`, JSON.stringify(holder(sleeper.pid!)));
    let entered = false;
    const waited: (number | undefined)[] = [];
    const run = withCacheLock(
      target,
      async () => {
        entered = true;
      },
      {
        pollMs: 20,
        timeoutMs: 10_000,
        onWait: (h) => {
          waited.push(h?.pid);
          if (waited.length === 3) {
            expect(entered).toBe(false);
            sleeper.kill('SIGKILL');
          }
        },
      },
    );
    await exited;
    await run;
    expect(entered).toBe(true);
    expect(waited.slice(0, 3)).toEqual([sleeper.pid, sleeper.pid, sleeper.pid]);
  });

  it('still waits for a recent directory lock of the earlier version, which names no holder', async () => {
    mkdirSync(`${target}.lock`);
    await expect(withCacheLock(target, async () => 'built', { pollMs: 10, timeoutMs: 50 })).rejects.toThrow(
      /timed out waiting for .*cli-v1\.5\.1\.lock/,
    );
    const old = (Date.now() - UNNAMED_LOCK_STALE_MS - 60_000) / 1000;
    utimesSync(`${target}.lock`, old, old);
    await expect(withCacheLock(target, async () => 'built', { timeoutMs: 5_000 })).resolves.toBe('built');
  });
});
