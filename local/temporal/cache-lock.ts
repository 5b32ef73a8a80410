import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/**
 * One builder at a time for a cache entry shared by every clone on the machine (`go install`, `mvn` run for
 * minutes). The lock file names its holder, so a start that finds the lock of a killed start takes it over at
 * once instead of waiting for a timeout.
 */

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

/** A lock without a readable holder (one written before holders were recorded) counts as abandoned this late. */
export const UNNAMED_LOCK_STALE_MS = 20 * 60_000;

export type LockDecision = 'wait' | 'take-over';

/**
 * What to do about a lock someone else holds. A holder on this host is asked directly (is its pid alive?);
 * one on another host sharing the cache, or a lock that names nobody, only ages out.
 */
export function decideAboutLock(
  holder: LockHolder | undefined,
  lockAgeMs: number,
  here: { host: string; isAlive: (pid: number) => boolean },
): LockDecision {
  if (holder && holder.host === here.host) return here.isAlive(holder.pid) ? 'wait' : 'take-over';
  return lockAgeMs > UNNAMED_LOCK_STALE_MS ? 'take-over' : 'wait';
}

/** Signal 0 checks existence only; EPERM means the pid lives under another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LockOptions {
  /** Give up waiting for a live holder after this long. */
  timeoutMs?: number;
  pollMs?: number;
  /** Called once per poll while a live holder keeps the lock. */
  onWait?: (holder: LockHolder | undefined) => void;
  log?: (message: string) => void;
}

export async function withCacheLock<T>(
  target: string,
  fn: () => Promise<T>,
  opts: LockOptions = {},
): Promise<T> {
  const lock = `${target}.lock`;
  const timeoutMs = opts.timeoutMs ?? 25 * 60_000;
  const pollMs = opts.pollMs ?? 1000;
  mkdirSync(dirname(lock), { recursive: true });
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  const started = Date.now();
  while (!createExclusively(lock, mine)) {
    const seen = readLock(lock);
    if (seen === undefined) continue; // released between our attempt and the read
    const decision = decideAboutLock(parseHolder(seen.raw), seen.ageMs, {
      host: hostname(),
      isAlive: isProcessAlive,
    });
    if (decision === 'take-over' && removeIfUnchanged(lock, seen.raw, mine)) {
      opts.log?.(`${lock}: its holder (${seen.raw || 'unnamed'}) is gone; taking it over`);
      continue;
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${lock} (held by ${seen.raw || 'an unnamed holder'})`);
    opts.onWait?.(parseHolder(seen.raw));
    await new Promise((r) => setTimeout(r, pollMs));
  }
  try {
    return await fn();
  } finally {
    if (readLock(lock)?.raw === mine) rmSync(lock, { force: true });
  }
}

/** Writes a temporary file and links it into place: the lock appears with its holder already in it, or not at all. */
function createExclusively(path: string, content: string): boolean {
  const staging = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(staging, content);
  try {
    linkSync(staging, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(staging, { force: true });
  }
}

/** The lock's content ('' for the directory locks of earlier versions) and age; undefined once it is gone. */
function readLock(path: string): { raw: string; ageMs: number } | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return undefined;
  let raw = '';
  if (stat.isFile()) {
    try {
      raw = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }
  return { raw, ageMs: Date.now() - stat.mtimeMs };
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string')
      return { pid: value.pid, host: value.host, since: String(value.since) };
  } catch {
    // not ours: an unnamed holder
  }
  return undefined;
}

/**
 * Two starts may find the same dead holder; only one may remove the lock, or the slower would delete the lock the
 * faster has just taken. A short-lived second lock serialises the removal, and the lock goes only if it still
 * holds what was judged dead.
 */
function removeIfUnchanged(lock: string, judged: string, mine: string): boolean {
  const breaker = `${lock}.takeover`;
  if (!createExclusively(breaker, mine)) {
    const age = readLock(breaker)?.ageMs ?? 0;
    if (age > 10_000) rmSync(breaker, { force: true }); // its remover died in the few lines below
    return false;
  }
  try {
    const now = readLock(lock);
    if (now && now.raw === judged) rmSync(lock, { recursive: true, force: true });
    return true;
  } finally {
    rmSync(breaker, { force: true });
  }
}
