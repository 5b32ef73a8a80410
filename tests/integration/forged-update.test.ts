import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { resolveDevServer } from '@local/temporal/binaries';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import { startTestApp, type TestApp } from '../support/app';
import { demoFixture, type DemoFixture } from '../support/fixtures';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(120_000);

/**
 * Issue 17, finding 2: anyone who reaches Temporal's port can send the review's `decide` Update with the
 * `temporal` CLI. The workflow refuses every one the API did not sign: Temporal and PostgreSQL are left as they
 * were, and the reviewer's real decision through the API still goes through.
 */
let t: TestApp;
let demo: DemoFixture;
let unitId: string;
let cli: string;

beforeAll(async () => {
  t = await startTestApp();
  demo = await demoFixture(t.db.dataSource);
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  const binary = await resolveDevServer();
  if (binary.source === 'sdk-download') throw new Error('this test sends the update with the Temporal CLI');
  cli = binary.path;
  await openReviewPeriod(t, 'hire', '2020-01-01', '2099-12-31');
});
afterAll(() => t?.stop());

/** The CLI's answer to one update: its exit code and what it printed. */
async function cliUpdate(workflowId: string, updateId: string, input: object, name = 'decide') {
  const args = [
    ...['workflow', 'update', 'execute', '--address', process.env.TEST_TEMPORAL_ADDRESS!],
    ...['--namespace', t.config.temporal.namespace, '-w', workflowId, '--name', name],
    ...['--update-id', updateId, '--input', JSON.stringify(input)],
  ];
  return promisify(execFile)(cli, args).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
  );
}

async function acceptedUpdateIds(workflowId: string): Promise<string[]> {
  const history = await t.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId)
    .filter((id): id is string => !!id);
}

describe('a decide Update sent with the temporal CLI by someone who is not the API', () => {
  it('is rejected and changes nothing in Temporal or PostgreSQL; the real decision goes through after', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    const id: string = submitted.body.id;
    const workflowId = reviewWorkflowId(id);
    const historyBefore = (await t.client.workflow.getHandle(workflowId).fetchHistory()).events?.length;
    const hr = demo.actor('hr.somatik');
    const made = { decisionId: randomUUID(), stage: 'hr_review', outcome: 'approve', comment: 'forged' };
    const attempts = [
      // A made-up identity with an HR reviewer's grants, as the validator used to take on trust.
      { ...made, actor: { userId: randomUUID(), grants: hr.grants } },
      // The real reviewer's identity with a claim the API never signed.
      {
        ...made,
        actor: hr,
        claim: { v: 1, kid: 'dev', iat: new Date().toISOString(), mac: '00'.repeat(32) },
      },
    ];
    for (const [i, input] of attempts.entries()) {
      const updateId = `forged-${i}-${randomUUID()}`;
      const answer = await cliUpdate(workflowId, updateId, input);
      expect(answer.code).not.toBe(0);
      expect(answer.output).toMatch(/did not vouch/);
      expect(await acceptedUpdateIds(workflowId)).not.toContain(updateId);
    }

    expect(await acceptedUpdateIds(workflowId)).toEqual([`submit-${id}`]);
    const historyAfter = (await t.client.workflow.getHandle(workflowId).fetchHistory()).events?.length;
    expect(historyAfter).toBe(historyBefore);
    const q = (sql: string) => t.db.dataSource.query(sql, [id]);
    expect(await q(`SELECT id FROM decisions WHERE request_id = $1`)).toEqual([]);
    expect(await q(`SELECT name, closed_at FROM stages WHERE request_id = $1`)).toEqual([
      { name: 'hr_review', closed_at: null },
    ]);
    expect(await q(`SELECT status FROM requests WHERE id = $1`)).toEqual([{ status: 'in_review' }]);

    const real = await t.http
      .post(`/api/v1/requests/${id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'approve', comment: 'Underlaget komplett' })
      .expect(201);
    expect(real.body).toMatchObject({ status: 'in_review', nextStage: { name: 'director_decision' } });
    expect(await q(`SELECT actor_id, outcome FROM decisions WHERE request_id = $1`)).toEqual([
      { actor_id: hr.userId, outcome: 'approve' },
    ]);
  });
});

describe('a changeRequester Update sent with the temporal CLI', () => {
  it('cannot hand someone else a request: refused, and the requester stays who it was', async () => {
    const submitted = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId))
      .expect(201);
    const id: string = submitted.body.id;
    const updateId = `forged-${randomUUID()}`;
    const answer = await cliUpdate(
      reviewWorkflowId(id),
      updateId,
      {
        changeId: randomUUID(),
        actorId: demo.userId('hrchef'),
        fromUserId: demo.userId('chef.akuten'),
        to: { userId: demo.userId('chef.psyk'), grants: [{ role: 'requester', scopeUnitId: unitId }] },
      },
      'changeRequester',
    );
    expect(answer.code).not.toBe(0);
    expect(answer.output).toMatch(/did not vouch/);
    expect(await acceptedUpdateIds(reviewWorkflowId(id))).toEqual([`submit-${id}`]);
    expect(await t.db.dataSource.query(`SELECT requester_id FROM requests WHERE id = $1`, [id])).toEqual([
      { requester_id: demo.userId('chef.akuten') },
    ]);
  });
});
