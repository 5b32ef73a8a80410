import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresUser, REACHABLE_ROOT, reachableDataDir, userCan } from '@local/postgres-as-root';

// What it decides only exists for root: as anyone else PostgreSQL runs as that user, wherever the checkout is.
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('embedded PostgreSQL started as root', () => {
  const user = postgresUser()!;
  let dirs: string[] = [];
  const tempDir = (mode: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'provning-reach-'));
    chmodSync(dir, mode);
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    dirs = [];
  });

  it('keeps the data directory where the postgres user can reach it', () => {
    const dataDir = join(tempDir(0o755), 'pg');
    expect(reachableDataDir(dataDir, user)).toBe(dataDir);
    expect(statSync(dataDir).uid).toBe(user.uid);
  });

  it('moves the cluster of a checkout the postgres user cannot traverse, to the same place every time', () => {
    const dataDir = join(tempDir(0o700), 'provning', '.data', 'pg');
    expect(userCan(user, '-x', dataDir)).toBe(false);
    const instead = reachableDataDir(dataDir, user);
    dirs.push(instead);
    expect(instead.startsWith(`${REACHABLE_ROOT}/pg-`)).toBe(true);
    expect(reachableDataDir(dataDir, user)).toBe(instead);
    expect(userCan(user, '-w', instead)).toBe(true);
  });
});
