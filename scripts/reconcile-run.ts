import type { DataSource } from 'typeorm';
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { PolicyVersionsRepository } from '@db/repositories/policy-versions.repository';
import { ReconcileRepository } from '@db/repositories/reconcile.repository';
import { RequestsRepository } from '@db/repositories/requests.repository';
import { reconcile, type Difference, type RecordSide, type WorkflowSide } from '@domain/reconcile';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { stateQuery, submitUpdate } from '@workflows/messages';
import type { ReviewState } from '@workflows/types';
import { reviewInputOf } from '../apps/api/src/requests/review-input';

/**
 * The reconciler's work, apart from its command line (scripts/reconcile.ts) so the integration test runs it against
 * a state it broke: both sides gathered, classified by libs/domain/reconcile.ts, and with `repair` the restartable
 * reviews started again.
 */
export interface ReconcileOutcome {
  records: RecordSide[];
  workflows: WorkflowSide[];
  differences: Difference[];
  repaired: Difference[];
  failed: { difference: Difference; error: string }[];
  ms: number;
}

export async function runReconcile(
  dataSource: DataSource,
  client: Client,
  taskQueue: string,
  opts: { repair: boolean; onlyTaskQueue?: boolean },
): Promise<ReconcileOutcome> {
  const started = Date.now();
  const [records, workflows] = await Promise.all([
    new ReconcileRepository(dataSource).recordSides(),
    workflowSides(client, opts.onlyTaskQueue ? taskQueue : undefined),
  ]);
  const differences = reconcile(records, workflows);
  const repaired: Difference[] = [];
  const failed: { difference: Difference; error: string }[] = [];
  if (opts.repair) {
    const requests = new RequestsRepository(dataSource);
    const policies = new PolicyVersionsRepository(dataSource);
    for (const d of differences.filter((x) => x.repair === 'restart_workflow')) {
      try {
        await restart(client, taskQueue, requests, policies, d.requestId);
        repaired.push(d);
      } catch (e) {
        failed.push({ difference: d, error: (e as Error).message });
      }
    }
  }
  return { records, workflows, differences, repaired, failed, ms: Date.now() - started };
}

const PREFIX = 'review-';

/** Every review workflow the namespace knows, by visibility, each described and asked for its state. */
async function workflowSides(client: Client, taskQueue?: string): Promise<WorkflowSide[]> {
  const ids: string[] = [];
  for await (const w of client.workflow.list({
    query: `WorkflowType = 'staffingReviewWorkflow'${taskQueue ? ` AND TaskQueue = '${taskQueue}'` : ''}`,
  }))
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
