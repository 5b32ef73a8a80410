import { loadConfig, requireClaimKeys, requireExternalServers } from '@config/config';
import { openDatabase } from '@db/open-database';
import { connectTemporalClient } from '@temporal-lib/client';
import { productDataConverter } from '@temporal-lib/data-converter';
import { payloadEncryptionFor } from '@temporal-lib/payload-keys';
import { readTemporalTls } from '@temporal-lib/tls';
import { runReconcile } from './reconcile-run';

const USAGE = `usage: npm run reconcile -- [--repair] [--json]
Compares PostgreSQL's record of every review (DATABASE_URL) with its Temporal workflow (TEMPORAL_ADDRESS,
TEMPORAL_TLS_*, PAYLOAD_KEYS as the API has them) and lists every difference with what repairs it. With --repair it
restarts the reviews it may (in review, no decision recorded, workflow missing) and lists the rest for a person.
Exits 0 when nothing is left for a person, 1 otherwise. deploy/README.md "Backup and restore" says when to run it.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.some((a) => !['--repair', '--json'].includes(a))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const repair = args.includes('--repair');
  const config = loadConfig();
  const { databaseUrl, temporalAddress } = requireExternalServers(config, 'the reconciler');
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const dataSource = await openDatabase({
    url: databaseUrl,
    poolSize: 4,
    ssl: config.database.ssl,
    applicationName: 'provning-reconcile',
    migrate: false,
    log: () => undefined,
  });
  const client = await connectTemporalClient(temporalAddress, config.temporal.namespace, {
    dataConverter: productDataConverter(payloadEncryptionFor(config, { log })),
    claimKeys: requireClaimKeys(config),
    tls: readTemporalTls(config.temporal.tls),
  });
  try {
    const { records, workflows, differences, repaired, failed, ms } = await runReconcile(
      dataSource,
      client,
      config.temporal.taskQueue,
      { repair },
    );
    const manual = differences.filter((d) => d.repair === 'manual');
    const summary = {
      records: records.length,
      workflows: workflows.length,
      differences: differences.length,
      byKind: Object.fromEntries(
        [...new Set(differences.map((d) => d.kind))].map((k) => [
          k,
          differences.filter((d) => d.kind === k).length,
        ]),
      ),
      restartable: differences.filter((d) => d.repair === 'restart_workflow').length,
      repaired: repaired.length,
      repairFailed: failed.length,
      manual: manual.length,
      ms,
    };
    if (args.includes('--json'))
      process.stdout.write(`${JSON.stringify({ summary, differences, failed }, null, 2)}\n`);
    else {
      for (const d of differences)
        process.stdout.write(
          `${d.requestId}  ${d.kind}  ${repaired.includes(d) ? 'REPAIRED' : d.repair}  ${d.detail}\n`,
        );
      for (const f of failed) process.stdout.write(`${f.difference.requestId}  repair failed: ${f.error}\n`);
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    }
    return manual.length + failed.length + (repair ? 0 : summary.restartable) ? 1 : 0;
  } finally {
    await client.connection.close();
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
