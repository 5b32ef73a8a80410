import type { WorkflowHandle } from '@temporalio/client';
import { stateQuery } from '@workflows/messages';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(300_000);

/**
 * The clock and calendar edges of a running hire review (hr_review: reminder after 1 business day, due after 2,
 * then escalated to the HR lead and due 1 business day later), on the time-skipping test server. Every expected
 * instant is worked out by hand from the rule (a deadline is 16:00 Stockholm on the Nth business day after the
 * day the stage opened; the hour of opening does not count) and written in UTC, so a DST or holiday slip shows.
 * RELIABILITY.md has the same table.
 */
interface Case {
  name: string;
  /** The instant the review is submitted (its hr_review opens then). */
  openAt: string;
  reminderAt: string;
  dueAt: string;
  /** The escalated stage's new deadline. */
  escalatedDueAt: string;
}

const GROUPS: { name: string; cases: Case[] }[] = [
  {
    name: 'Trettondedag jul (Wed 6 Jan 2027)',
    cases: [
      {
        name: 'opened the day before the holiday',
        openAt: '2027-01-05T09:00:00Z',
        reminderAt: '2027-01-07T15:00:00.000Z',
        dueAt: '2027-01-08T15:00:00.000Z',
        escalatedDueAt: '2027-01-11T15:00:00.000Z',
      },
    ],
  },
  {
    name: 'the 16:00 edge (Tue 12 Jan 2027, winter time)',
    cases: ['14:59', '15:00', '15:01'].map((hm) => ({
      name: `opened at ${hm}Z (${hm.replace(/^14/, '15').replace(/^15:0/, '16:0')} Stockholm)`,
      openAt: `2027-01-12T${hm}:00Z`,
      reminderAt: '2027-01-13T15:00:00.000Z',
      dueAt: '2027-01-14T15:00:00.000Z',
      escalatedDueAt: '2027-01-15T15:00:00.000Z',
    })),
  },
  {
    name: 'Easter 2027 with the spring DST change (Sun 28 March) inside it',
    cases: [
      {
        name: 'opened Wednesday 24 March 16:01, before the holidays: reminder in winter time, deadline in summer time',
        openAt: '2027-03-24T15:01:00Z',
        reminderAt: '2027-03-25T15:00:00.000Z',
        dueAt: '2027-03-30T14:00:00.000Z',
        escalatedDueAt: '2027-03-31T14:00:00.000Z',
      },
      {
        name: 'opened on Good Friday',
        openAt: '2027-03-26T11:00:00Z',
        reminderAt: '2027-03-30T14:00:00.000Z',
        dueAt: '2027-03-31T14:00:00.000Z',
        escalatedDueAt: '2027-04-01T14:00:00.000Z',
      },
      {
        name: 'opened the Tuesday after Easter Monday',
        openAt: '2027-03-30T07:00:00Z',
        reminderAt: '2027-03-31T14:00:00.000Z',
        dueAt: '2027-04-01T14:00:00.000Z',
        escalatedDueAt: '2027-04-02T14:00:00.000Z',
      },
    ],
  },
  {
    name: 'Kristi himmelsfärd (Thu 6 May 2027)',
    cases: [
      {
        name: 'opened the Wednesday before at 15:59',
        openAt: '2027-05-05T13:59:00Z',
        reminderAt: '2027-05-07T14:00:00.000Z',
        dueAt: '2027-05-10T14:00:00.000Z',
        escalatedDueAt: '2027-05-11T14:00:00.000Z',
      },
    ],
  },
  {
    name: 'Midsommarafton (Fri 25 June 2027)',
    cases: [
      {
        name: 'opened the Thursday before at 16:00',
        openAt: '2027-06-24T14:00:00Z',
        reminderAt: '2027-06-28T14:00:00.000Z',
        dueAt: '2027-06-29T14:00:00.000Z',
        escalatedDueAt: '2027-06-30T14:00:00.000Z',
      },
    ],
  },
  {
    name: 'the autumn DST change (Sun 31 Oct 2027)',
    cases: [
      {
        name: 'opened Friday 29 October 15:59 summer time: reminder and deadline in winter time',
        openAt: '2027-10-29T13:59:00Z',
        reminderAt: '2027-11-01T15:00:00.000Z',
        dueAt: '2027-11-02T15:00:00.000Z',
        escalatedDueAt: '2027-11-03T15:00:00.000Z',
      },
    ],
  },
  {
    name: 'Christmas and New Year 2027',
    cases: [
      {
        name: 'opened the day before Julafton',
        openAt: '2027-12-23T09:00:00Z',
        reminderAt: '2027-12-27T15:00:00.000Z',
        dueAt: '2027-12-28T15:00:00.000Z',
        escalatedDueAt: '2027-12-29T15:00:00.000Z',
      },
      {
        name: 'opened the day before Nyårsafton at 16:01',
        openAt: '2027-12-30T15:01:00Z',
        reminderAt: '2028-01-03T15:00:00.000Z',
        dueAt: '2028-01-04T15:00:00.000Z',
        escalatedDueAt: '2028-01-05T15:00:00.000Z',
      },
    ],
  },
  {
    name: 'Nationaldagen (Tue 6 June 2028)',
    cases: [
      {
        name: 'opened the Monday before',
        openAt: '2028-06-05T10:00:00Z',
        reminderAt: '2028-06-07T14:00:00.000Z',
        dueAt: '2028-06-08T14:00:00.000Z',
        escalatedDueAt: '2028-06-09T14:00:00.000Z',
      },
    ],
  },
];

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
});
afterAll(() => t?.stop());

/** Moves the test server's clock forward to `iso` (the clock only runs forward, so the groups run in date order). */
async function travelTo(iso: string) {
  const ms = Date.parse(iso) - (await t.env.currentTimeMs());
  if (ms <= 0) throw new Error(`the test clock is already past ${iso}`);
  await t.env.sleep(ms);
}

/** The instants the workflow recorded: the stage's deadline row, and when each kind of notification went out. */
async function recorded(requestId: string) {
  const stages: { due_at: Date; opened_at: Date }[] = await t.db.dataSource.query(
    `SELECT opened_at, due_at FROM stages WHERE request_id = $1 AND name = 'hr_review'`,
    [requestId],
  );
  const sent: { type: string; first: Date }[] = await t.db.dataSource.query(
    `SELECT type, min(created_at) AS first FROM notifications WHERE request_id = $1 GROUP BY type`,
    [requestId],
  );
  const at = Object.fromEntries(sent.map((r) => [r.type, r.first.toISOString()]));
  return { stage: stages[0], at };
}

/**
 * A timer fires at its instant and the workflow records the time it then reads: the task latency later (a few
 * milliseconds; seconds on the first task of a loaded 2-core box, where the test server's clock runs on meanwhile).
 * Up to a minute late counts as the instant itself, far below the hour a DST slip or the day a holiday slip
 * would show; early, or later than that, prints as is. Deadlines themselves are compared exactly.
 */
function onTime(actual: string | undefined, expected: string): string | undefined {
  if (actual === undefined) return actual;
  const late = Date.parse(actual) - Date.parse(expected);
  return late >= 0 && late < 60_000 ? expected : actual;
}

async function runGroup(cases: Case[]) {
  const running: { c: Case; requestId: string; handle: WorkflowHandle }[] = [];
  for (const c of [...cases].sort((a, b) => a.openAt.localeCompare(b.openAt))) {
    await travelTo(c.openAt);
    const { input, handle, state } = await t.startReview();
    expect({ case: c.name, dueAt: state.currentStage?.dueAt }).toEqual({ case: c.name, dueAt: c.dueAt });
    running.push({ c, requestId: input.requestId, handle });
  }
  const last = running.map((r) => Date.parse(r.c.dueAt)).reduce((a, b) => Math.max(a, b));
  await travelTo(new Date(last + 60_000).toISOString());
  for (const { c, requestId, handle } of running) {
    const { stage, at } = await recorded(requestId);
    const state = await handle.query(stateQuery);
    expect({
      case: c.name,
      openedAt: onTime(stage.opened_at.toISOString(), new Date(c.openAt).toISOString()),
      reminderAt: onTime(at.stage_reminder, c.reminderAt),
      escalatedAt: onTime(at.stage_escalated, c.dueAt),
      escalatedDueAt: state.currentStage?.dueAt,
      dueRow: stage.due_at.toISOString(),
    }).toEqual({
      case: c.name,
      openedAt: new Date(c.openAt).toISOString(),
      reminderAt: c.reminderAt,
      escalatedAt: c.dueAt,
      escalatedDueAt: c.escalatedDueAt,
      dueRow: c.escalatedDueAt, // the row follows the escalation's new deadline
    });
    // Nothing was fired early: the reminder and the escalation each came once, at the instant above.
    await handle.terminate('the case is checked');
  }
}

describe('clock and calendar edges of a running review', () => {
  for (const group of GROUPS) it(`keeps every deadline over ${group.name}`, () => runGroup(group.cases));

  describe('with the worker’s own clock an hour fast', () => {
    const RealDate = Date;
    beforeAll(() => {
      // Every Date the worker process makes outside the workflow sandbox (activities, the repositories, the SDK)
      // reads an hour ahead; workflow code keeps Temporal's time.
      const HOUR = 3_600_000;
      class FastDate extends RealDate {
        constructor(...args: ConstructorParameters<typeof Date> | []) {
          if (args.length === 0) super(RealDate.now() + HOUR);
          else super(...(args as ConstructorParameters<typeof Date>));
        }
        static override now() {
          return RealDate.now() + HOUR;
        }
      }
      globalThis.Date = FastDate as DateConstructor;
    });
    afterAll(() => {
      globalThis.Date = RealDate;
    });

    it('changes no deadline: opened Tuesday 23:30, when the worker thinks it is already Wednesday', () =>
      runGroup([
        {
          name: 'opened Tue 14 Nov 2028 23:30 Stockholm, the worker clock reading 00:30 Wednesday',
          openAt: '2028-11-14T22:30:00Z',
          reminderAt: '2028-11-15T15:00:00.000Z',
          dueAt: '2028-11-16T15:00:00.000Z',
          escalatedDueAt: '2028-11-17T15:00:00.000Z',
        },
      ]));
  });
});
