import { WorkflowUpdateFailedError } from '@temporalio/client';
import { addCalendarDays, stockholmDate } from '@domain/calendar';
import { POLICY_V1, type RoutingPolicy } from '@domain/policy';
import { decideUpdate } from '@workflows/messages';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
});
afterAll(() => t?.stop());

/** A published version 2: HR review by the region's HR lead, and the executive for hires above 1 MSEK a year. */
function aVersion2(): RoutingPolicy {
  const v2 = structuredClone(POLICY_V1);
  v2.version = 2;
  v2.routes.hire[0] = { ...v2.routes.hire[0], role: 'hr_lead', scope: 'region', escalations: [] };
  v2.routes.hire[2].when = [{ type: 'cost_above', sek: 1_000_000 }];
  v2.hireApprovalValidDays = 30;
  return v2;
}

const approve = (
  handle: Awaited<ReturnType<WorkflowTestEnv['startReview']>>['handle'],
  stage: Parameters<WorkflowTestEnv['decision']>[0],
  username: string,
) => handle.executeUpdate(decideUpdate, { args: [t.decision(stage, username)] });

describe('a review on a route version carried in its input', () => {
  it('runs version 2 from its input: its roles, its cost condition and its approval validity', async () => {
    const { handle, state } = await t.startReview({
      policyVersion: 2,
      policy: aVersion2(),
      newPermanentPosition: false,
      monthlyCostSek: 100_000,
      occupationalCategory: 'nurse',
    });
    expect(state).toMatchObject({ policyVersion: 2, currentStage: { name: 'hr_review' } });
    // Version 2's HR review belongs to the HR lead: the division's HR reviewer is refused.
    await expect(approve(handle, 'hr_review', 'hr.somatik')).rejects.toBeInstanceOf(
      WorkflowUpdateFailedError,
    );
    await approve(handle, 'hr_review', 'hrchef');
    const director = await approve(handle, 'director_decision', 'div.somatik');
    // 100 000 kr a month is 1.2 MSEK a year: above the threshold, so the executive decides, though no new post.
    expect(director).toMatchObject({ status: 'in_review', nextStage: { name: 'executive_decision' } });
    const final = await approve(handle, 'executive_decision', 'hsdir');
    expect(final.status).toBe('approved');
    expect(final.validUntil).toBe(addCalendarDays(stockholmDate(new Date(final.decidedAt)), 30));
    await t.recordHistory('hire-v2-route-cost-executive', handle.workflowId);
  });

  it('skips the executive on version 2 for a hire below the threshold', async () => {
    const { handle } = await t.startReview({ policyVersion: 2, policy: aVersion2(), monthlyCostSek: 50_000 });
    await approve(handle, 'hr_review', 'hrchef');
    expect((await approve(handle, 'director_decision', 'div.somatik')).status).toBe('approved');
  });
});
