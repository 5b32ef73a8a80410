/**
 * The web app's JavaScript as a phone downloads it: `npm run bench:bundle`. Builds apps/web with Vite (the same
 * config as `npm run build:web`), then prints every chunk's size and gzip size and the first page's total: the
 * entry chunk and the chunks it imports statically (read from Vite's manifest, .vite/manifest.json), which the
 * browser must fetch before anything is shown. Exits non-zero when that total is above the ceiling, so a change
 * that pulls a heavy library back into the first page fails here rather than on a director's phone.
 * Not a test: figures go to BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'apps/web/dist');
/** The first page's JavaScript, gzip, in kB (1 kB = 1000 bytes, as Vite prints them). */
const CEILING_KB = 150;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

function build(): void {
  if (process.argv.includes('--no-build')) return;
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

function sizes(file: string): { raw: number; gzip: number } {
  const bytes = readFileSync(join(DIST, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function main(): void {
  build();
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry chunk, found ${entries.length}`);

  // The entry and, transitively, what it imports statically: the browser loads these before the first render.
  const first = new Set<string>();
  const visit = (key: string) => {
    if (first.has(key)) return;
    first.add(key);
    (manifest[key].imports ?? []).forEach(visit);
  };
  visit(entries[0][0]);

  const files = readdirSync(join(DIST, 'assets')).map((f) => `assets/${f}`);
  const firstFiles = new Set([...first].map((k) => manifest[k].file));
  const firstCss = new Set([...first].flatMap((k) => manifest[k].css ?? []));
  const rows = files
    .map((file) => ({ file, ...sizes(file), first: firstFiles.has(file) || firstCss.has(file) }))
    .sort((a, b) => b.gzip - a.gzip);

  const pad = (s: string, n: number) => s.padEnd(n);
  const padL = (s: string, n: number) => s.padStart(n);
  console.log(`${pad('file', 56)} ${padL('size kB', 9)} ${padL('gzip kB', 9)}  first page`);
  for (const r of rows) {
    console.log(`${pad(r.file, 56)} ${padL(kb(r.raw), 9)} ${padL(kb(r.gzip), 9)}  ${r.first ? 'yes' : ''}`);
  }
  const js = rows.filter((r) => r.file.endsWith('.js'));
  const firstJs = js.filter((r) => r.first);
  const total = (rs: typeof rows) =>
    rs.reduce((s, r) => ({ raw: s.raw + r.raw, gzip: s.gzip + r.gzip }), { raw: 0, gzip: 0 });
  const all = total(js);
  const firstTotal = total(firstJs);
  console.log('');
  console.log(`all JavaScript: ${js.length} chunks, ${kb(all.raw)} kB, ${kb(all.gzip)} kB gzip`);
  console.log(
    `first page's JavaScript (entry + static imports, ${firstJs.length} chunks): ${kb(firstTotal.raw)} kB, ` +
      `${kb(firstTotal.gzip)} kB gzip; ceiling ${CEILING_KB} kB gzip`,
  );
  if (firstTotal.gzip > CEILING_KB * 1000) {
    console.error(`FAIL: the first page's JavaScript is above ${CEILING_KB} kB gzip`);
    process.exitCode = 1;
  } else {
    console.log('OK: within the ceiling');
  }
}

main();
