/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * `node -r ./scripts/ts-register.cjs apps/worker/main.ts`: runs the TypeScript sources in a child process the
 * way jest runs them (SWC with .swcrc, so Nest's decorator metadata is emitted, which tsx's esbuild cannot do),
 * with the tsconfig path aliases. The chaos run and the log scan start the real API and worker this way, so they
 * can be killed with -9 and their output read, without a build first.
 */
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');
const { transformSync } = (() => {
  try {
    return require('@swc/core');
  } catch {
    // The first thing a fresh clone runs is often `npm test`, before any install.
    process.stderr.write('node_modules is missing or incomplete: run `npm install` first.\n');
    process.exit(1);
  }
})();

const ROOT = resolve(__dirname, '..');
const swcrc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
const aliases = Object.entries(compilerOptions.paths).map(([from, [to]]) => [
  from.replace(/\*$/, ''),
  join(ROOT, to.replace(/\*$/, '')),
]);

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  for (const [prefix, dir] of aliases) {
    if (request.startsWith(prefix))
      return originalResolve.call(this, dir + request.slice(prefix.length), ...rest);
  }
  return originalResolve.call(this, request, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcrc, filename, swcrc: false });
  module._compile(code, filename);
};
