import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { loadConfig, requireClaimKeys, requireExternalServers } from '@config/config';
import { openDatabase } from '@db/open-database';
import { PolicyVersionsRepository } from '@db/repositories/policy-versions.repository';
import { ReconcileRepository } from '@db/repositories/reconcile.repository';
import { RequestsRepository } from '@db/repositories/requests.repository';
import { reconcile, type Difference, type WorkflowSide } from '@domain/reconcile';
import { connectTemporalClient } from '@temporal-lib/client';
import { productDataConverter } from '@temporal-lib/data-converter';
import { payloadEncryptionFor } from '@temporal-lib/payload-keys';
import { readTemporalTls } from '@temporal-lib/tls';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { stateQuery, submitUpdate } from '@workflows/messages';
import type { ReviewState } from '@workflows/types';
import { reviewInputOf } from '../apps/api/src/requests/review-input';

const USAGE = `usage: npm run reconcile -- [--repair] [--json]
Compares PostgreSQL's record of every review (DATABASE_URL) with its Temporal workflow (TEMPORAL_ADDRESS,
TEMPORAL_TLS_*, PAYLOAD_KEYS as the API has them) and lists every difference with what repairs it. With --repair it
restarts the reviews it may (in review, no decision recorded, workflow missing) and lists the rest for a person.
Exits 0 when nothing is left for a person, 1 otherwise. deploy/README.md "Backup and restore" says when to run it.`;

const PREFIX = 'review-';

/** Every review workflow the namespace knows, by visibility, each described and asked for its state. */
async function workflowSides(client: Client): Promise<WorkflowSide[]> {
  const ids: string[] = [];
  for await (const w of client.workflow.list({ query: `WorkflowType = 'staffingReviewWorkflow'` }))
    ids.push(w.workflowId);
  const out: WorkflowSide[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const handle = client.workflow.getHandle(id);
        const d = await handle.describe().catch((e: unknown) => {
          // listed by visibility, which lags, but gone: missing, as if never listed
          if (e instanceof WorkflowNotFoundError) return undefined;
          throw e;
        });
        if (!d) continue;
        const execution = d.status.name;
        let state: ReviewState | undefined;
        try {
          state = execution === 'RUNNING' ? await handle.query(stateQuery) : await handle.result();
        } catch {
          // failed, terminated, timed out: no state to read; the classification says so
        }
        out.push({
          requestId: id.slice(PREFIX.length),
          execution,
          status: state?.status ?? 'in_review',
          currentStage: state?.currentStage?.name,
          decisions: (state?.decisions ?? []).map((x) => `${x.stage}:${x.outcome}`),
        });
      }
    }),
  );
  return out;
}

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
    const started = Date.now();
    const [records, workflows] = await Promise.all([
      new ReconcileRepository(dataSource).recordSides(),
      workflowSides(client),
    ]);
    const differences = reconcile(records, workflows);
    const repaired: Difference[] = [];
    const failed: { difference: Difference; error: string }[] = [];
    if (repair) {
      const requests = new RequestsRepository(dataSource);
      const policies = new PolicyVersionsRepository(dataSource);
      for (const d of differences.filter((x) => x.repair === 'restart_workflow')) {
        try {
          await restart(client, config.temporal.taskQueue, requests, policies, d.requestId);
          repaired.push(d);
        } catch (e) {
          failed.push({ difference: d, error: (e as Error).message });
        }
      }
    }
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
      ms: Date.now() - started,
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

/** The review started again as the API starts it (review-gateway.ts), from the recorded request and its route. */
async function restart(
  client: Client,
  taskQueue: string,
  requests: RequestsRepository,
  policies: PolicyVersionsRepository,
  requestId: string,
) {
  const row = await requests.byIdForOperator(requestId);
  if (!row) throw new Error('the request row is gone');
  if (row.policyVersion === null) throw new Error('the request has no route version');
  const version = await policies.byVersion(row.policyVersion);
  if (!version || version.status !== 'published')
    throw new Error(`route version ${row.policyVersion} is not published`);
  const input = reviewInputOf(row, { version: version.version, ...version.policy });
  try {
    await client.workflow.executeUpdateWithStart(submitUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation('staffingReviewWorkflow', {
        workflowId: reviewWorkflowId(requestId),
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        memo: { reconciled: new Date().toISOString() },
      }),
      updateId: `submit-${requestId}`,
    });
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) throw new Error('the workflow could not be started');
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
