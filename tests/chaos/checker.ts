import type { TLSConfig } from '@temporalio/client';
import { connectTemporalClient } from '@temporal-lib/client';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { stateQuery } from '@workflows/messages';
import type { ReviewState } from '@workflows/types';
import { isFinal } from '@domain/review-state';
import { createDataSource } from '@db/data-source';
import { testDataConverter } from '../support/payload-keys';
import { EXPECTED, type Review } from './load-driver';

/**
 * The checker of the fault-injection runs: PostgreSQL against each workflow (its state as replayed from history),
 * review by review. Per review: exactly one `requests` row per idempotency key; every decision the API
 * acknowledged exists exactly once; the workflow and the database agree on the decisions, the status and the open
 * stage; one `decision` audit event per decision row and one `submitted` event; no notification twice; a completed
 * workflow has a final status and a running one has not; the status is the one the review's path leads to.
 */
export async function check(
  reviews: Review[],
  databaseUrl: string,
  temporalAddress: string,
  opts: { concurrency?: number; tls?: TLSConfig } = {},
) {
  const ds = createDataSource({ url: databaseUrl, poolSize: 4 });
  await ds.initialize();
  const client = await connectTemporalClient(temporalAddress, 'default', {
    tls: opts.tls,
    dataConverter: testDataConverter(),
  });
  let lost = 0;
  let duplicated = 0;
  let completed = 0;
  let waiting = 0;
  let decisionsChecked = 0;
  const inconsistent: string[] = [];
  const aborted = reviews.filter((r) => r.aborted).map((r) => `${r.key} ${r.path}: ${r.aborted}`);
  const q = async <T>(sql: string, params: unknown[]) => (await ds.query(sql, params)) as T[];
  let index = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency ?? 6 }, async () => {
      while (index < reviews.length) {
        const r = reviews[index++];
        const bad = (m: string) => inconsistent.push(`${r.key} (${r.path}): ${m}`);
        const rows = await q<{ id: string; status: string }>(
          `SELECT id, status FROM requests WHERE idempotency_key = $1`,
          [r.key],
        );
        if (rows.length === 0) {
          if (r.id) lost += 1;
          else if (!r.aborted) bad('never submitted');
          continue;
        }
        if (rows.length > 1) duplicated += rows.length - 1;
        const request = rows[0];
        if (r.id && r.id !== request.id) bad(`answered ${r.id}, recorded ${request.id}`);
        for (const decisionId of r.acked) {
          const [{ n }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM decisions WHERE id = $1`, [
            decisionId,
          ]);
          if (n === 0) lost += 1;
          if (n > 1) duplicated += n - 1;
        }
        const handle = client.workflow.getHandle(reviewWorkflowId(request.id));
        const description = await handle.describe();
        const running = description.status.name === 'RUNNING';
        const state: ReviewState = running ? await handle.query(stateQuery) : await handle.result();
        if (running) waiting += 1;
        else completed += 1;
        const decisions = await q<{ stage_name: string; outcome: string }>(
          `SELECT stage_name, outcome FROM decisions WHERE request_id = $1 ORDER BY decided_at, id`,
          [request.id],
        );
        decisionsChecked += decisions.length;
        const inDb = decisions.map((d) => `${d.stage_name}:${d.outcome}`).join(',');
        const inWf = state.decisions.map((d) => `${d.stage}:${d.outcome}`).join(',');
        if (inDb !== inWf) bad(`decisions: database ${inDb} / workflow ${inWf}`);
        const [{ n: auditDecisions }] = await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1 AND type = 'decision'`,
          [request.id],
        );
        if (auditDecisions !== decisions.length)
          bad(`${auditDecisions} decision audit events for ${decisions.length} decisions`);
        if (request.status !== state.status)
          bad(`status: database ${request.status} / workflow ${state.status}`);
        if (r.done && !r.aborted && state.status !== EXPECTED[r.path])
          bad(`status ${state.status}, the script expected ${EXPECTED[r.path]}`);
        const open = await q<{ name: string }>(
          `SELECT name FROM stages WHERE request_id = $1 AND closed_at IS NULL`,
          [request.id],
        );
        const expectedOpen = running && state.currentStage ? [state.currentStage.name] : [];
        if (open.map((s) => s.name).join() !== expectedOpen.join())
          bad(
            `open stages: database ${open.map((s) => s.name).join() || '-'} / workflow ${expectedOpen.join() || '-'}`,
          );
        if (running === isFinal(state.status))
          bad(`workflow ${description.status.name} with status ${state.status}`);
        const [{ n: dupNotifications }] = await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications WHERE request_id = $1
             GROUP BY event_key, recipient_id HAVING count(*) > 1) d`,
          [request.id],
        );
        if (dupNotifications) {
          duplicated += dupNotifications;
          bad(`${dupNotifications} notifications sent twice`);
        }
        const [{ n: submittedEvents }] = await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1 AND type = 'submitted'`,
          [request.id],
        );
        if (submittedEvents !== 1) bad(`${submittedEvents} submitted events`);
      }
    }),
  );
  await client.connection.close();
  await ds.destroy();
  return { lost, duplicated, completed, waiting, decisionsChecked, inconsistent, aborted };
}
