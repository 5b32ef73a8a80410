import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createReviewActivities } from '@activities/review-activities';
import { keyedBundle } from '@temporal-lib/claim-keys-bundle';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '@temporal-lib/workflow-bundle';
import { decideUpdate, resubmitUpdate, stateQuery, submitUpdate } from '@workflows/messages';
import type { ReviewState } from '@workflows/types';
import { insertRequest } from '../support/fixtures';
import { startWorkflowTestEnv, TEST_CLAIM_KEYS, type WorkflowTestEnv } from '../support/workflow-env';
import { testDataConverter } from '../support/payload-keys';

jest.setTimeout(180_000);

/**
 * Worker upgrades in the middle of a review: the workflow code from before a patched() change runs the review
 * up to where the change matters, the worker stops, one with today's code takes over the same task queue, and
 * the review goes on, now on the new path, to its final decision. All bundles are built from today's file; an
 * old one has its patched() call replaced by `false`, which is exactly the code before that change.
 */
const PATCH_CALL = 'wf.patched(OVERDUE_REMINDS_EVERY_LEVEL)';
const REPLAN_PATCH_CALL = 'wf.patched(RESUBMISSION_REPLANS_ROUTE)';
const ROOT = resolve(__dirname, '../..');

let t: WorkflowTestEnv;
let oldBundle: WorkflowBundleWithSourceMap;
let beforeReplanBundle: WorkflowBundleWithSourceMap;
let newBundle: WorkflowBundleWithSourceMap;
const oldDirs: string[] = [];

/** Today's workflow code with one patched() call replaced by `false`: the code before that change. */
function bundleWithout(patchCall: string) {
  // Inside the checkout (under .data, ignored) so the copy resolves node_modules and the aliases as the original.
  const oldDir = join(ROOT, '.data', `upgrade-test-${randomUUID()}`, 'workflows');
  oldDirs.push(oldDir);
  mkdirSync(oldDir, { recursive: true });
  cpSync(WORKFLOWS_PATH, oldDir, { recursive: true });
  const file = join(oldDir, 'staffing-review.workflow.ts');
  const source = readFileSync(file, 'utf8');
  expect(source).toContain(patchCall);
  writeFileSync(file, source.replace(patchCall, 'false'));
  return bundleWorkflowCode({ workflowsPath: oldDir, ...workflowBundlerOptions() });
}

beforeAll(async () => {
  [t, oldBundle, beforeReplanBundle, newBundle] = await Promise.all([
    startWorkflowTestEnv(),
    bundleWithout(PATCH_CALL),
    bundleWithout(REPLAN_PATCH_CALL),
    bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS_PATH), ...workflowBundlerOptions() }),
  ]);
});
afterAll(async () => {
  await t?.stop();
  for (const dir of oldDirs) rmSync(resolve(dir, '..'), { recursive: true, force: true });
});

async function runWorker(taskQueue: string, workflowBundle: WorkflowBundleWithSourceMap) {
  const worker = await Worker.create({
    connection: t.env.nativeConnection,
    taskQueue,
    workflowBundle: await keyedBundle(workflowBundle, TEST_CLAIM_KEYS),
    dataConverter: testDataConverter(),
    activities: createReviewActivities({ dataSource: t.db.dataSource }),
    // No sticky cache: the time-skipping server does not move a workflow off a stopped worker's sticky queue, so
    // every task goes through the shared queue (and is replayed from history), as after a crash in production.
    maxCachedWorkflows: 0,
  });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running;
  };
}

/** Who got the overdue reminders of a stage, by username, in the order they were sent. */
async function overdueRecipients(requestId: string): Promise<string[]> {
  const rows: { username: string }[] = await t.db.dataSource.query(
    `SELECT u.username FROM notifications n JOIN users u ON u.id = n.recipient_id
      WHERE n.request_id = $1 AND n.type = 'stage_overdue' ORDER BY n.created_at, n.id`,
    [requestId],
  );
  return rows.map((r) => r.username);
}

describe('upgrading the worker mid-review', () => {
  it('lets a worker with the patched route take over an overdue review and finish it correctly', async () => {
    const taskQueue = `review-upgrade-${randomUUID()}`;
    const stopOld = await runWorker(taskQueue, oldBundle);
    const input = await insertRequest(t.db.dataSource, t.demo);
    const handle = await t.env.client.workflow.start('staffingReviewWorkflow', {
      workflowId: `review-${input.requestId}`,
      taskQueue,
      args: [input],
    });
    const opened: ReviewState = await handle.executeUpdate(submitUpdate, { args: [] });
    // Old code: past the deadline (escalation to the HR lead), then past the escalated one (overdue).
    await t.sleepPast(opened.currentStage!.dueAt);
    const escalated = await handle.query(stateQuery);
    expect(escalated.currentStage?.assignees.map((a) => a.role)).toEqual(['hr_reviewer', 'hr_lead']);
    await t.sleepPast(escalated.currentStage!.dueAt);
    const before = await overdueRecipients(input.requestId);
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(new Set(before)).toEqual(new Set(['hrchef']));
    await stopOld();

    // The upgrade: same task queue, today's code. It replays the old history, then takes the new path.
    const stopNew = await runWorker(taskQueue, newBundle);
    try {
      await t.env.sleep('7 days');
      const after = (await overdueRecipients(input.requestId)).slice(before.length);
      expect(after).toContain('hr.somatik');
      expect(after).toContain('hrchef');
      // Each reminder once per level: as many HR lead reminders as HR reviewer ones since the upgrade.
      expect(after.filter((u) => u === 'hr.somatik').length).toBe(after.filter((u) => u === 'hrchef').length);

      await handle.executeUpdate(decideUpdate, { args: [t.decision('hr_review', 'hr.somatik')] });
      const final = await handle.executeUpdate(decideUpdate, {
        args: [t.decision('director_decision', 'div.somatik')],
      });
      expect(final.status).toBe('approved');
      expect(await handle.result()).toMatchObject({ status: 'approved' });
    } finally {
      await stopNew();
    }
    const rows = await t.rowsOf(input.requestId);
    expect(rows.request.status).toBe('approved');
    expect(rows.decisions).toEqual([
      { stage_name: 'hr_review', outcome: 'approve' },
      { stage_name: 'director_decision', outcome: 'approve' },
    ]);
    expect(rows.stages.map((s) => [s.name, s.closed])).toEqual([
      ['hr_review', true],
      ['director_decision', true],
    ]);
    const [{ dupes }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS dupes FROM (SELECT event_key, recipient_id FROM notifications WHERE request_id = $1
        GROUP BY 1, 2 HAVING count(*) > 1) d`,
      [input.requestId],
    );
    expect(dupes).toBe(0);

    // The history carries the patch marker from the upgrade on, replays on today's code, and does not on the old.
    const history = await handle.fetchHistory();
    const markers = history.events!.filter(
      (e) => e.markerRecordedEventAttributes?.markerName === 'core_patch',
    );
    expect(markers.length).toBeGreaterThanOrEqual(1);
    const dataConverter = testDataConverter();
    await Worker.runReplayHistory({ workflowBundle: newBundle, dataConverter }, history, handle.workflowId);
    await expect(
      Worker.runReplayHistory({ workflowBundle: oldBundle, dataConverter }, history, handle.workflowId),
    ).rejects.toThrow(/[Nn]ondeterminism|DeterminismViolation/);
    await t.recordHistory('hire-overdue-worker-upgraded', handle.workflowId);
  });

  it('re-plans the route of a review returned before the upgrade when it is resubmitted after it', async () => {
    const taskQueue = `review-upgrade-${randomUUID()}`;
    const stopOld = await runWorker(taskQueue, beforeReplanBundle);
    const input = await insertRequest(t.db.dataSource, t.demo);
    const handle = await t.env.client.workflow.start('staffingReviewWorkflow', {
      workflowId: `review-${input.requestId}`,
      taskQueue,
      args: [input],
    });
    await handle.executeUpdate(submitUpdate, { args: [] });
    const returned = await handle.executeUpdate(decideUpdate, {
      args: [t.decision('hr_review', 'hr.somatik', { outcome: 'return', comment: 'Ersättning?' })],
    });
    expect(returned.status).toBe('returned');
    await stopOld();

    const stopNew = await runWorker(taskQueue, newBundle);
    try {
      const again: ReviewState = await handle.executeUpdate(resubmitUpdate, {
        args: [
          {
            actorId: t.demo.userId('chef.akuten'),
            resubmissionId: randomUUID(),
            facts: { newPermanentPosition: true, urgent: false },
            changedFields: ['replacement'],
          },
        ],
      });
      expect(again.currentStage).toMatchObject({ name: 'hr_review', round: 2 });
      await handle.executeUpdate(decideUpdate, { args: [t.decision('hr_review', 'hr.somatik')] });
      const director = await handle.executeUpdate(decideUpdate, {
        args: [t.decision('director_decision', 'div.somatik')],
      });
      expect(director.nextStage?.name).toBe('executive_decision');
      await handle.executeUpdate(decideUpdate, { args: [t.decision('executive_decision', 'hsdir')] });
      expect(await handle.result()).toMatchObject({ status: 'approved' });
    } finally {
      await stopNew();
    }
    const history = await handle.fetchHistory();
    const dataConverter = testDataConverter();
    await Worker.runReplayHistory({ workflowBundle: newBundle, dataConverter }, history, handle.workflowId);
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: beforeReplanBundle, dataConverter },
        history,
        handle.workflowId,
      ),
    ).rejects.toThrow(/[Nn]ondeterminism|DeterminismViolation/);
  });
});
