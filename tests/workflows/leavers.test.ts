import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  changeRequesterUpdate,
  decideUpdate,
  reassignUpdate,
  releaseUpdate,
  stateQuery,
  withdrawUpdate,
} from '@workflows/messages';
import type { Actor } from '@domain/decision-rules';
import { outsiderClient, refusal } from '../support/unsigned-updates';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

/**
 * The two updates of leavers (issue 18): `release` hands a reassigned stage back to its pool, `changeRequester`
 * gives a request to another requester. Both act for a person, so both need the API's claim.
 */
let t: WorkflowTestEnv;
let outsider: Client;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
  outsider = outsiderClient(t);
});
afterAll(() => t?.stop());

async function acceptedUpdates(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
}

/** A second requester of Akutmottagningen, as the import or the admin would add one. */
async function anotherRequester(unitId: string): Promise<Actor> {
  const [user] = await t.db.dataSource.query(
    `INSERT INTO users (username, display_name) VALUES ('chef.ny.' || gen_random_uuid(), 'Ny chef') RETURNING id`,
  );
  await t.db.dataSource.query(
    `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'requester', $2)`,
    [user.id, unitId],
  );
  return { userId: user.id, grants: [{ role: 'requester', scopeUnitId: unitId }] };
}

describe('release', () => {
  it('hands a reassigned stage back to its pool, only with a claim and only from its assignee', async () => {
    const { handle, input } = await startReview();
    const hrchef = t.demo.actor('hrchef');
    await handle.executeUpdate(reassignUpdate, {
      args: [
        { reassignmentId: randomUUID(), stage: 'hr_review', actor: hrchef, to: t.demo.actor('hr.somatik') },
      ],
    });
    const release = {
      releaseId: randomUUID(),
      stage: 'hr_review' as const,
      fromUserId: t.demo.userId('hr.somatik'),
      reason: 'inactive' as const,
    };
    const before = await acceptedUpdates(handle);
    const forged = await refusal(
      outsider.workflow
        .getHandle(handle.workflowId)
        .executeUpdate(releaseUpdate.name, { args: [release], updateId: `forged-${randomUUID()}` }),
    );
    expect(forged).toMatchObject({ type: 'NotAllowed' });
    expect(forged.message).toContain('claim missing');
    expect(await acceptedUpdates(handle)).toBe(before);
    expect(
      await refusal(
        handle.executeUpdate(releaseUpdate, {
          args: [{ ...release, fromUserId: t.demo.userId('hr2.somatik') }],
        }),
      ),
    ).toMatchObject({ type: 'InvalidState' });
    // The assignee alone may decide it while it is theirs.
    expect(
      await refusal(handle.executeUpdate(decideUpdate, { args: [t.decision('hr_review', 'hr2.somatik')] })),
    ).toMatchObject({ type: 'NotAllowed' });

    // Two reconciler runs at once (two API instances): one releases, the other finds nothing to release.
    const both = await Promise.allSettled([
      handle.executeUpdate(releaseUpdate, { args: [release] }),
      handle.executeUpdate(releaseUpdate, { args: [{ ...release, releaseId: randomUUID() }] }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const stage = (
      both.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ assigneeUserId?: string }>
    ).value;
    expect(stage.assigneeUserId).toBeUndefined();
    expect((await handle.query(stateQuery)).currentStage?.assigneeUserId).toBeUndefined();
    const [row] = await t.db.dataSource.query(
      `SELECT assignee_user_id FROM stages WHERE request_id = $1 AND closed_at IS NULL`,
      [input.requestId],
    );
    expect(row.assignee_user_id).toBeNull();
    expect((await t.rowsOf(input.requestId)).audit.filter((type) => type === 'stage_released')).toHaveLength(
      1,
    );
    // A second release of the same assignee has nothing to release.
    expect(
      await refusal(handle.executeUpdate(releaseUpdate, { args: [{ ...release, releaseId: randomUUID() }] })),
    ).toMatchObject({ type: 'InvalidState' });

    await handle.executeUpdate(decideUpdate, { args: [t.decision('hr_review', 'hr2.somatik')] });
    await t.recordHistory('hire-released', handle.workflowId);
  });
});

describe('changeRequester', () => {
  it('gives the request to another requester of its unit, who alone may withdraw it from then on', async () => {
    const { handle, input } = await startReview();
    const newRequester = await anotherRequester(input.unitId);
    const change = {
      changeId: randomUUID(),
      actorId: t.demo.userId('hrchef'),
      fromUserId: input.requesterId,
      to: newRequester,
    };
    const forged = await refusal(
      outsider.workflow
        .getHandle(handle.workflowId)
        .executeUpdate(changeRequesterUpdate.name, { args: [change], updateId: `forged-${randomUUID()}` }),
    );
    expect(forged).toMatchObject({ type: 'NotAllowed' });
    // Someone with no requester role over the unit, and someone who decided a stage, cannot take it.
    expect(
      await refusal(
        handle.executeUpdate(changeRequesterUpdate, { args: [{ ...change, to: t.demo.actor('chef.psyk') }] }),
      ),
    ).toMatchObject({ type: 'Unprocessable' });
    // Nor the reviewer who holds its open stage: they could no longer decide it.
    const decider = { ...t.demo.actor('hr.somatik') };
    decider.grants = [...decider.grants, { role: 'requester', scopeUnitId: input.unitId }];
    await handle.executeUpdate(reassignUpdate, {
      args: [
        { reassignmentId: randomUUID(), stage: 'hr_review', actor: t.demo.actor('hrchef'), to: decider },
      ],
    });
    expect(
      await refusal(handle.executeUpdate(changeRequesterUpdate, { args: [{ ...change, to: decider }] })),
    ).toMatchObject({ type: 'Unprocessable' });
    await handle.executeUpdate(decideUpdate, { args: [t.decision('hr_review', 'hr.somatik')] });
    expect(
      await refusal(handle.executeUpdate(changeRequesterUpdate, { args: [{ ...change, to: decider }] })),
    ).toMatchObject({ type: 'Unprocessable' });
    expect(
      await refusal(
        handle.executeUpdate(changeRequesterUpdate, {
          args: [{ ...change, fromUserId: newRequester.userId }],
        }),
      ),
    ).toMatchObject({ type: 'InvalidState' });

    await handle.executeUpdate(changeRequesterUpdate, { args: [change] });
    const [row] = await t.db.dataSource.query(`SELECT requester_id FROM requests WHERE id = $1`, [
      input.requestId,
    ]);
    expect(row.requester_id).toBe(newRequester.userId);
    expect((await t.rowsOf(input.requestId)).audit).toContain('requester_changed');
    // Segregation of duties follows the new requester: they cannot decide it.
    const asDirector = { ...t.decision('director_decision', 'div.somatik') };
    asDirector.actor = { userId: newRequester.userId, grants: t.demo.actor('div.somatik').grants };
    expect(await refusal(handle.executeUpdate(decideUpdate, { args: [asDirector] }))).toMatchObject({
      type: 'NotAllowed',
    });
    expect(
      await refusal(
        handle.executeUpdate(withdrawUpdate, {
          args: [{ actorId: input.requesterId, withdrawalId: randomUUID() }],
        }),
      ),
    ).toMatchObject({ type: 'NotAllowed' });
    const withdrawn = await handle.executeUpdate(withdrawUpdate, {
      args: [{ actorId: newRequester.userId, withdrawalId: randomUUID() }],
    });
    expect(withdrawn.status).toBe('withdrawn');
    await handle.result();
    await t.recordHistory('hire-requester-changed', handle.workflowId);
  });
});

const startReview: WorkflowTestEnv['startReview'] = (overrides) => t.startReview(overrides);
