import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, cpSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { withCacheLock } from './temporal/cache-lock';

/**
 * PostgreSQL refuses to run as root, so a start as root runs it as the `postgres` system user. That user must be
 * able to reach the binaries and the data directory; a checkout under /root or in a `mktemp -d` folder (mode 700)
 * is out of its reach. Then both move to a place it can reach, the same one on every start.
 */

export interface PostgresUser {
  uid: number;
  gid: number;
}

/** Where whatever the `postgres` user cannot reach in the checkout is kept instead. */
export const REACHABLE_ROOT = '/var/lib/provning';

/** The user to run PostgreSQL as: ourselves unless we are root, else `postgres`, created once like a package would. */
export function postgresUser(log?: (message: string) => void): PostgresUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  };
  try {
    return ids();
  } catch {
    log?.('PostgreSQL: running as root, so creating the `postgres` system user to run it as');
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    return ids();
  }
}

/** Asks the kernel, as that user, rather than reasoning about modes, ACLs and group memberships. */
export function userCan(user: PostgresUser, test: '-x' | '-w', path: string): boolean {
  return spawnSync('test', [test, path], { uid: user.uid, gid: user.gid }).status === 0;
}

/**
 * The data directory to give PostgreSQL: the configured one when the user can write it, else one under
 * REACHABLE_ROOT named after the configured path, so the next start finds the same cluster.
 */
export function reachableDataDir(
  dataDir: string,
  user: PostgresUser,
  log?: (message: string) => void,
): string {
  mkdirSync(dataDir, { recursive: true });
  chownSync(dataDir, user.uid, user.gid);
  if (userCan(user, '-w', dataDir) && userCan(user, '-x', dataDir)) return dataDir;
  const instead = join(
    REACHABLE_ROOT,
    `pg-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`,
  );
  log?.(
    `PostgreSQL: the postgres user cannot reach ${dataDir}, so this checkout's cluster lives in ${instead} (the same on every start; DATA_DIR chooses another)`,
  );
  mkdirSync(REACHABLE_ROOT, { recursive: true, mode: 0o755 });
  mkdirSync(instead, { recursive: true, mode: 0o700 });
  chownSync(instead, user.uid, user.gid);
  return instead;
}

/** The binaries folder PostgreSQL can run from: the package's own, or a copy made once under REACHABLE_ROOT. */
export async function reachableBinaries(
  nativeDir: string,
  version: string,
  user: PostgresUser,
  log?: (message: string) => void,
): Promise<string> {
  if (userCan(user, '-x', join(nativeDir, 'bin', 'initdb'))) return nativeDir;
  const copy = join(REACHABLE_ROOT, `postgres-${version}`);
  if (userCan(user, '-x', join(copy, 'bin', 'initdb'))) return copy;
  mkdirSync(REACHABLE_ROOT, { recursive: true, mode: 0o755 });
  await withCacheLock(
    copy,
    async () => {
      if (userCan(user, '-x', join(copy, 'bin', 'initdb'))) return;
      log?.(`PostgreSQL: the postgres user cannot reach ${nativeDir}; copying its binaries once to ${copy}`);
      const staging = `${copy}.partial`;
      rmSync(staging, { recursive: true, force: true });
      cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
      rmSync(copy, { recursive: true, force: true });
      renameSync(staging, copy);
    },
    { log },
  );
  return copy;
}
