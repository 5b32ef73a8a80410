import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const SOURCES = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'libs/domain',
  'local/demo-organisation.ts',
];
const BUILT = join(ROOT, 'apps/web/dist/index.html');

function newest(path: string): number {
  const full = join(ROOT, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((entry) => newest(join(path, entry))));
}

/**
 * Jest runs this once before the browser project (and only when it runs): the tests drive the built web app that
 * the API serves, so a fresh clone, or sources newer than the build, gets a `vite build` first.
 */
export default async function buildWebApp(): Promise<void> {
  const built = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  if (built > 0 && built >= Math.max(...SOURCES.map(newest))) return;
  process.stderr.write('[browser setup] building the web app (vite build) …\n');
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`vite build failed with status ${result.status ?? result.signal}`);
}
