import { describeDevServer, resolveDevServer, resolveTestServer, temporalCacheDir } from './binaries';

/**
 * `npm run temporal:provision`: builds or finds both Temporal servers once, so the first test or start on a
 * fresh machine does not pay for it unannounced. .ci/run calls it before the tests.
 */
async function main() {
  const log = (m: string) => process.stdout.write(`[temporal] ${m}\n`);
  log(`cache: ${temporalCacheDir()}`);
  const started = Date.now();
  const dev = await resolveDevServer({ log });
  log(`dev server: ${describeDevServer(dev)}`);
  const test = await resolveTestServer({ log });
  log(`time-skipping test server: ${test}`);
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  process.stderr.write(`[temporal] ${(error as Error).message}\n`);
  process.exit(1);
});
