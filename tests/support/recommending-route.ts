import { randomUUID } from 'node:crypto';
import { RequestsRepository } from '@db/repositories/requests.repository';
import { stockholmDate } from '@domain/calendar';
import { recommendingRoute } from '@domain/policy';
import { parseRequestInput, requestCostSek } from '@domain/request-input';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { submitUpdate } from '@workflows/messages';
import { staffingReviewWorkflow } from '@workflows/staffing-review.workflow';
import { reviewInputOf } from '../../apps/api/src/requests/review-input';
import type { TestApp } from './app';
import { aHireBody, unitIdsByCode } from './http-fixtures';

/**
 * A hire of the demo's emergency unit on the route for new regions (HR recommends, the director decides). Until
 * route versions are published from the product, the API submits on version 1; this records the request as the
 * API does and starts its review with the recommending route in the input, as the API will once it sends the
 * version in force. Returns the request's id.
 */
export async function submitOnRecommendingRoute(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const units = await unitIdsByCode(t);
  const [requester] = await t.db.dataSource.query(`SELECT id FROM users WHERE username = 'chef.akuten'`);
  const input = parseRequestInput(aHireBody(units.get('SOM-AKUT')!, overrides), stockholmDate(new Date()));
  const row = await t.db.dataSource.transaction((db) =>
    new RequestsRepository(db).insertSubmitted({
      id: randomUUID(),
      kind: 'hire',
      unitId: units.get('SOM-AKUT')!,
      divisionId: units.get('SOM')!,
      requesterId: requester.id,
      input,
      costSek: requestCostSek(input),
      status: 'in_review',
      periodId: null,
      exemptionId: null,
      policyVersion: 2,
      submittedAt: new Date(),
      idempotencyKey: null,
      bodyHash: randomUUID(),
    }),
  );
  const handle = await t.client.workflow.start(staffingReviewWorkflow, {
    workflowId: reviewWorkflowId(row.id),
    taskQueue: t.config.temporal.taskQueue,
    args: [{ ...reviewInputOf({ ...row, policyVersion: 2 }), policy: recommendingRoute(2) }],
  });
  await handle.executeUpdate(submitUpdate, { args: [] });
  return row.id;
}
