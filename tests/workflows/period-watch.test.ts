import { randomUUID } from 'node:crypto';
import { addCalendarDays, stockholmDate } from '@domain/calendar';
import { periodExtendedSignal, reviewPeriodWatchWorkflow } from '@workflows/period-watch.workflow';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
});
afterAll(() => t?.stop());

async function aPeriodEndingIn(days: number) {
  const today = stockholmDate(new Date(await t.env.currentTimeMs()));
  const validTo = addCalendarDays(today, days);
  const [row] = await t.db.dataSource.query(
    `INSERT INTO review_periods (kind, valid_from, valid_to, decision_ref, decided_by, decided_on)
     VALUES ('hire', $1, $2, 'HSN/1895/2025', 'Hälso- och sjukvårdsnämnden', $1) RETURNING id, valid_to::text`,
    [today, validTo],
  );
  const input = { periodId: row.id, kind: 'hire' as const, validTo, decisionRef: 'HSN/1895/2025' };
  const handle = await t.env.client.workflow.start(reviewPeriodWatchWorkflow, {
    workflowId: `period-watch-${row.id}`,
    taskQueue: t.taskQueue,
    args: [input],
  });
  return { id: row.id as string, validTo, handle };
}

const warnings = (periodId: string) =>
  t.db.dataSource.query(
    `SELECT n.data->>'daysBefore' AS days, u.username FROM notifications n JOIN users u ON u.id = n.recipient_id
      WHERE n.type = 'period_ending' AND n.data->>'periodId' = $1 ORDER BY n.created_at, u.username`,
    [periodId],
  );

describe('reviewPeriodWatchWorkflow', () => {
  it('warns the admins and the executive 14, 7 and 1 days before a period without extension ends', async () => {
    const { id, handle } = await aPeriodEndingIn(30);
    const result = await handle.result();
    expect(result).toEqual({ warningsSent: [14, 7, 1] });
    expect(await warnings(id)).toEqual([
      { days: '14', username: 'admin' },
      { days: '14', username: 'hsdir' },
      { days: '7', username: 'admin' },
      { days: '7', username: 'hsdir' },
      { days: '1', username: 'admin' },
      { days: '1', username: 'hsdir' },
    ]);
  });

  it('stops warning once an extension is signalled', async () => {
    const { id, validTo, handle } = await aPeriodEndingIn(30);
    await t.env.sleep('17 days'); // past the 14-day warning, before the 7-day one
    expect((await warnings(id)).map((w: { days: string }) => w.days)).toEqual(['14', '14']);
    const extensionId = randomUUID();
    await handle.signal(periodExtendedSignal, { extensionId });
    expect(await handle.result()).toEqual({ warningsSent: [14], extendedBy: extensionId });
    expect(validTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('stops warning when the record holds an extension even if the signal never came', async () => {
    const { id, validTo, handle } = await aPeriodEndingIn(30);
    const [extension] = await t.db.dataSource.query(
      `INSERT INTO review_periods (kind, valid_from, valid_to, decision_ref, decided_by, decided_on, extends_id)
       VALUES ('hire', $1, $2, 'HSN/2001/2026', 'Hälso- och sjukvårdsnämnden', $3, $4) RETURNING id`,
      [addCalendarDays(validTo, 1), addCalendarDays(validTo, 90), validTo, id],
    );
    expect(await handle.result()).toEqual({ warningsSent: [], extendedBy: extension.id });
    expect(await warnings(id)).toEqual([]);
  });
});
