import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Mailer } from '@activities/mailer';
import { createReviewActivities, type ReviewActivities } from '@activities/review-activities';
import { resolveDevServer, resolveTestServer } from '@local/temporal/binaries';
import type { ClaimKey } from '@domain/actor-claim';
import { keyedBundle } from '@temporal-lib/claim-keys-bundle';
import { claimSigningInterceptor } from '@temporal-lib/claim-signing';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '@temporal-lib/workflow-bundle';
import { staffingReviewWorkflow } from '@workflows/staffing-review.workflow';
import { submitUpdate } from '@workflows/messages';
import type { DecideUpdateInput, ReviewInput } from '@workflows/types';
import { startTestDatabase, type TestDatabase } from './database';
import { testDataConverter } from './payload-keys';
import { demoFixture, insertRequest, type DemoFixture } from './fixtures';

export const HISTORIES_DIR = join(__dirname, '../replay/histories');

/** The worker verifies with these and `env.client` signs with the first, as the API does. */
export const TEST_CLAIM_KEYS: readonly ClaimKey[] = [{ kid: 'test', secret: '7e57'.repeat(16) }];

export interface WorkflowTestEnv {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  demo: DemoFixture;
  taskQueue: string;
  startReview(overrides?: Partial<ReviewInput>): ReturnType<typeof startReview>;
  decision(
    stage: DecideUpdateInput['stage'],
    username: string,
    extra?: Partial<DecideUpdateInput>,
  ): DecideUpdateInput;
  rowsOf(requestId: string): Promise<RecordRows>;
  /**
   * With RECORD_HISTORIES=1, stores the finished workflow's history under tests/replay/histories/<name>.json,
   * which tests/replay replays on every run against today's workflow code.
   */
  recordHistory(name: string, workflowId: string): Promise<void>;
  /** The history as Temporal stores it (proto3 JSON, payloads as the server holds them: no codec applied). */
  storedHistory(workflowId: string): Promise<string>;
  /** Lets the test server's clock run a minute past `iso` (a deadline): independent of today's weekday. */
  sleepPast(iso: string): Promise<void>;
  stop(): Promise<void>;
}

export interface RecordRows {
  request: { status: string; status_reason: string | null; valid_until: string | null };
  stages: {
    name: string;
    round: number;
    escalation_level: number;
    closed: boolean;
    outcome: string | null;
  }[];
  decisions: { stage_name: string; outcome: string }[];
  audit: string[];
  notifications: number;
}

async function startReview(
  t: Pick<WorkflowTestEnv, 'env' | 'db' | 'demo' | 'taskQueue'>,
  overrides: Partial<ReviewInput> = {},
) {
  const input = await insertRequest(t.db.dataSource, t.demo, overrides);
  const handle = await t.env.client.workflow.start(staffingReviewWorkflow, {
    workflowId: `review-${input.requestId}`,
    taskQueue: t.taskQueue,
    args: [input],
  });
  const state = await handle.executeUpdate(submitUpdate, { args: [] });
  return { input, handle, state };
}

/**
 * The time-skipping test server (real Temporal, days in milliseconds), a real worker, and the real activities
 * on a database of this file's own; `wrap` lets a test inject failures around them.
 */
/**
 * sdk-core gives the Java test server a fixed 5 s to answer (its ephemeral_server); a JVM starting on a loaded
 * 2-core machine can take longer, so a start that timed out is tried again, up to three times in all.
 */
async function createTimeSkipping(
  options: Parameters<typeof TestWorkflowEnvironment.createTimeSkipping>[0],
): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping(options);
    } catch (error) {
      if (attempt >= 3 || !/did not start within/.test((error as Error).message)) throw error;
    }
  }
}

export async function startWorkflowTestEnv(
  wrap: (real: ReviewActivities) => ReviewActivities = (real) => real,
  deps: { mailer?: Mailer } = {},
): Promise<WorkflowTestEnv> {
  const [server, db, bundle] = await Promise.all([
    resolveTestServer(),
    startTestDatabase(),
    bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS_PATH), ...workflowBundlerOptions() }),
  ]);
  const dataConverter = testDataConverter();
  // Claims are signed at the test server's time, which skips ahead of the host's clock.
  const serverNow = async () => new Date(await env.currentTimeMs());
  const env: TestWorkflowEnvironment = await createTimeSkipping({
    server: { executable: { type: 'existing-path', path: server } },
    client: {
      dataConverter,
      interceptors: { workflow: [claimSigningInterceptor(TEST_CLAIM_KEYS, serverNow)] },
    },
  });
  const demo = await demoFixture(db.dataSource);
  const taskQueue = `review-test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    dataConverter,
    workflowBundle: await keyedBundle(bundle, TEST_CLAIM_KEYS),
    activities: wrap(createReviewActivities({ dataSource: db.dataSource, mailer: deps.mailer })),
  });
  const running = worker.run();
  const base = {
    env,
    db,
    demo,
    taskQueue,
    decision: (
      stage: DecideUpdateInput['stage'],
      username: string,
      extra: Partial<DecideUpdateInput> = {},
    ) => ({
      decisionId: randomUUID(),
      stage,
      outcome: 'approve' as const,
      actor: demo.actor(username),
      ...extra,
    }),
    rowsOf: async (requestId: string): Promise<RecordRows> => {
      const q = (sql: string) => db.dataSource.query(sql, [requestId]);
      const [request] = await q(
        `SELECT status, status_reason, valid_until::text FROM requests WHERE id = $1`,
      );
      const stages = await q(
        `SELECT name, round, escalation_level, closed_at IS NOT NULL AS closed, outcome FROM stages
          WHERE request_id = $1 ORDER BY opened_at, round`,
      );
      const decisions = await q(
        `SELECT stage_name, outcome FROM decisions WHERE request_id = $1 ORDER BY decided_at`,
      );
      const audit = await q(`SELECT type FROM audit_events WHERE request_id = $1 ORDER BY id`);
      const [{ count }] = await q(`SELECT count(*)::int AS count FROM notifications WHERE request_id = $1`);
      return {
        request,
        stages,
        decisions,
        audit: audit.map((a: { type: string }) => a.type),
        notifications: count,
      };
    },
  };
  async function storedHistory(workflowId: string): Promise<string> {
    // The CLI writes the proto3 JSON that historyFromJSON reads (the SDK's own historyToJSON trips over
    // jest's module registry holding two protobufjs copies).
    const cli = await resolveDevServer();
    if (cli.source === 'sdk-download') throw new Error('reading stored histories needs the Temporal CLI');
    return execFileSync(cli.path, [
      'workflow',
      'show',
      '--address',
      env.address,
      '-w',
      workflowId,
      '-o',
      'json',
    ]).toString('utf8');
  }
  return {
    ...base,
    startReview: (overrides) => startReview(base, overrides),
    async recordHistory(name, workflowId) {
      if (process.env.RECORD_HISTORIES !== '1') return;
      writeFileSync(join(HISTORIES_DIR, `${name}.json`), await storedHistory(workflowId));
    },
    storedHistory,
    async sleepPast(iso) {
      const ms = Date.parse(iso) + 60_000 - (await env.currentTimeMs());
      if (ms > 0) await env.sleep(ms);
    },
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.stop();
    },
  };
}
