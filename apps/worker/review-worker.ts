import type { DataConverter } from '@temporalio/common';
import type { TLSConfig } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createSmtpMailer, type Mailer } from '@activities/mailer';
import type { AppConfig } from '@config/config';
import { createBoardReportActivities } from '@activities/board-report-activities';
import { createMailOutboxActivities } from '@activities/mail-outbox-activities';
import { createReviewActivities } from '@activities/review-activities';
import type { ClaimKey } from '@domain/actor-claim';
import { keyedBundle } from '@temporal-lib/claim-keys-bundle';
import { builtBundlePath, WORKFLOWS_PATH, workflowBundlerOptions } from '@temporal-lib/workflow-bundle';

export interface ReviewWorkerOptions {
  address: string;
  /** From readTemporalTls (TEMPORAL_TLS_*), the same as the API client's; unset, plaintext. */
  tls?: TLSConfig;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** From productDataConverter, the same as the API client's: payloads are encrypted before they reach Temporal. */
  dataConverter: DataConverter;
  /** Sends every new notification as e-mail too (SMTP_URL); the worker closes it when it stops. */
  mailer?: Mailer;
  /** A prebuilt bundle (tests build it once); otherwise the workflows are bundled at start-up. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The bundle's file: WORKFLOW_BUNDLE_PATH, else the one `npm run build` wrote, else none. */
  workflowBundlePath?: string;
  /** Workflows kept in memory between tasks (WORKER_MAX_CACHED_WORKFLOWS); the SDK sizes it from the heap. */
  maxCachedWorkflows?: number;
  /** Threads that run workflow code (WORKER_WORKFLOW_THREADS); the SDK's default is 1. */
  workflowThreads?: number;
  /** Verify the API's actor claims (REVIEW_CLAIM_KEYS); written into the bundle as it loads. */
  claimKeys: readonly ClaimKey[];
}

async function workflowCode(opts: ReviewWorkerOptions): Promise<Partial<WorkerOptions>> {
  const codePath = opts.workflowBundlePath ?? builtBundlePath();
  const bundle =
    opts.workflowBundle ??
    (codePath
      ? { codePath }
      : await bundleWorkflowCode({
          workflowsPath: require.resolve(WORKFLOWS_PATH),
          ...workflowBundlerOptions(),
        }));
  return { workflowBundle: await keyedBundle(bundle, opts.claimKeys) };
}

export interface RunningWorker {
  worker: Worker;
  /** Resolves when the worker has stopped; rejects if it failed. */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

export async function startReviewWorker(opts: ReviewWorkerOptions): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({
    address: opts.address,
    ...(opts.tls ? { tls: opts.tls } : {}),
  });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    dataConverter: opts.dataConverter,
    activities: {
      ...createReviewActivities({ dataSource: opts.dataSource, mailer: opts.mailer }),
      ...createBoardReportActivities({ dataSource: opts.dataSource, mailer: opts.mailer }),
      ...createMailOutboxActivities({ dataSource: opts.dataSource, mailer: opts.mailer }),
    },
    ...(await workflowCode(opts)),
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    ...(opts.workflowThreads !== undefined ? { workflowThreadPoolSize: opts.workflowThreads } : {}),
    // Graceful stop waits this long for in-flight activities (all short PostgreSQL writes).
    shutdownGraceTime: '10 seconds',
  });
  const done = worker.run().finally(async () => {
    opts.mailer?.close();
    await connection.close();
  });
  return {
    worker,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}

/** The SMTP mailer the configuration asks for, if any, said once in the log either way. */
export function mailerFromConfig(config: AppConfig, log: (message: string) => void): Mailer | undefined {
  log(
    config.mail
      ? `mail: notifications also go out by e-mail through ${new URL(config.mail.url).host}`
      : 'mail: SMTP_URL unset, notifications stay in the inbox',
  );
  return config.mail && createSmtpMailer(config.mail);
}
