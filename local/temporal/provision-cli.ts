import {
  describeDevServer,
  resolveDevServer,
  resolveServerBinaries,
  resolveTestServer,
  temporalCacheDir,
} from './binaries';

/**
 * `npm run temporal:provision`: builds or finds both Temporal servers once, so the first test or start on a
 * fresh machine does not pay for it unannounced. .ci/run calls it before the tests.
 * `-- --server` (or PROVISION_TEMPORAL_SERVER=1) also builds the real server and its schema tool for
 * `npm run start:cluster` and the cluster test: about 4 more minutes the first time, so not by default.
 */
async function main() {
  const log = (m: string) => process.stdout.write(`[temporal] ${m}\n`);
  log(`cache: ${temporalCacheDir()}`);
  const started = Date.now();
  const dev = await resolveDevServer({ log });
  log(`dev server: ${describeDevServer(dev)}`);
  const test = await resolveTestServer({ log });
  log(`time-skipping test server: ${test}`);
  const flag = process.env.PROVISION_TEMPORAL_SERVER;
  if (process.argv.includes('--server') || flag === '1' || flag === 'true') {
    const cluster = await resolveServerBinaries({ log });
    log(`server: ${cluster.server} (${cluster.source.server})`);
    log(`schema tool: ${cluster.sqlTool} (${cluster.source.sqlTool})`);
  }
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  process.stderr.write(`[temporal] ${(error as Error).message}\n`);
  process.exit(1);
});
