import { randomUUID } from 'node:crypto';
import { addCalendarDays, stockholmDate } from '@domain/calendar';
import { DEFAULT_PERIOD_WARNING_DAYS } from '@domain/period-watch';
import { periodExtendedSignal, reviewPeriodWatchWorkflow } from '@workflows/period-watch.workflow';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
});
afterAll(() => t?.stop());

async function aPeriodEndingIn(days: number, warningDays?: number[]) {
  const today = stockholmDate(new Date(await t.env.currentTimeMs()));
  const validTo = addCalendarDays(today, days);
  const [row] = await t.db.dataSource.query(
    `INSERT INTO review_periods (kind, valid_from, valid_to, decision_ref, decided_by, decided_on)
     VALUES ('hire', $1, $2, 'HSN/1895/2025', 'Hälso- och sjukvårdsnämnden', $1) RETURNING id, valid_to::text`,
    [today, validTo],
  );
  const input = {
    periodId: row.id,
    kind: 'hire' as const,
    validTo,
    decisionRef: 'HSN/1895/2025',
    ...(warningDays ? { warningDays } : {}),
  };
  const handle = await t.env.client.workflow.start(reviewPeriodWatchWorkflow, {
    workflowId: `period-watch-${row.id}`,
    taskQueue: t.taskQueue,
    args: [input],
  });
  return { id: row.id as string, validTo, handle };
}

const warnings = (periodId: string) =>
  t.db.dataSource.query(
    `SELECT n.data->>'daysBefore' AS days, u.username, n.created_at AS at
       FROM notifications n JOIN users u ON u.id = n.recipient_id
      WHERE n.type = 'period_ending' AND n.data->>'periodId' = $1 ORDER BY n.created_at, u.username`,
    [periodId],
  );

describe('reviewPeriodWatchWorkflow', () => {
  /** Each warning's lead time, recipients and the Stockholm day it went out on. */
  const received = async (periodId: string) => {
    const byDays = new Map<string, { users: string[]; on: string }>();
    for (const w of await warnings(periodId)) {
      const entry = byDays.get(w.days) ?? { users: [], on: stockholmDate(new Date(w.at)) };
      entry.users.push(w.username);
      byDays.set(w.days, entry);
    }
    return [...byDays].map(([days, { users, on }]) => ({ days: Number(days), users, on }));
  };
  const everyone = ['admin', 'hsdir', 'styrgrupp'];

  it('warns the admins, the executive and the follow-up role 60, 30, 14 and 7 days before a period ends', async () => {
    const { id, validTo, handle } = await aPeriodEndingIn(90, [...DEFAULT_PERIOD_WARNING_DAYS]);
    expect(await handle.result()).toEqual({ warningsSent: [60, 30, 14, 7] });
    expect(await received(id)).toEqual(
      [60, 30, 14, 7].map((days) => ({ days, users: everyone, on: addCalendarDays(validTo, -days) })),
    );
  });

  it('warns at other lead times when they are configured', async () => {
    const { id, validTo, handle } = await aPeriodEndingIn(120, [90, 45, 3]);
    expect(await handle.result()).toEqual({ warningsSent: [90, 45, 3] });
    expect(await received(id)).toEqual(
      [90, 45, 3].map((days) => ({ days, users: everyone, on: addCalendarDays(validTo, -days) })),
    );
  });

  it('keeps 14, 7 and 1 days for a watch started before lead times were configurable', async () => {
    const { id, handle } = await aPeriodEndingIn(30);
    expect(await handle.result()).toEqual({ warningsSent: [14, 7, 1] });
    expect((await received(id)).map((w) => w.days)).toEqual([14, 7, 1]);
  });

  it('stops warning once an extension is signalled', async () => {
    const { id, validTo, handle } = await aPeriodEndingIn(30);
    await t.env.sleep('17 days'); // past the 14-day warning, before the 7-day one
    expect((await received(id)).map((w) => w.days)).toEqual([14]);
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
