import { stockholmDate } from '@domain/calendar';
import { stateQuery } from '@workflows/messages';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
});
afterAll(() => t?.stop());

/** Moves the test server's clock forward to `iso` (the clock only runs forward, so the tests run in date order). */
async function travelTo(iso: string) {
  const ms = Date.parse(iso) - (await t.env.currentTimeMs());
  if (ms <= 0) throw new Error(`the test clock is already past ${iso}`);
  await t.env.sleep(ms);
}

const dueDate = (iso: string) => stockholmDate(new Date(iso));

describe('deadlines over Swedish holidays, in the running workflow', () => {
  it('skips Good Friday and Easter Monday: hr_review opened Maundy Thursday 2027 is due Wednesday 31 March', async () => {
    await travelTo('2027-03-25T09:00:00Z');
    const { state } = await t.startReview();
    expect(dueDate(state.currentStage!.dueAt)).toBe('2027-03-31');
    expect(state.currentStage!.dueAt).toBe('2027-03-31T14:00:00.000Z'); // 16:00 summer time
  });

  it('escalates on the first business day after Easter, not on the holiday', async () => {
    await travelTo('2027-03-25T09:30:00Z');
    const { handle } = await t.startReview();
    await travelTo('2027-03-30T10:00:00Z');
    expect((await handle.query(stateQuery)).currentStage?.escalationLevel).toBe(0);
    await travelTo('2027-03-31T14:01:00Z');
    const state = await handle.query(stateQuery);
    expect(state.currentStage?.escalationLevel).toBe(1);
    expect(dueDate(state.currentStage!.dueAt)).toBe('2027-04-01');
  });

  it('skips Midsummer Eve: a call-off staffing review opened Thursday 24 June 2027 is due Monday 28 June', async () => {
    await travelTo('2027-06-24T08:00:00Z');
    const { state } = await t.startReview({
      kind: 'agency_call_off',
      callOff: { periodFrom: '2027-07-01', periodTo: '2027-08-15', estimatedCostSek: 240_000 },
    });
    expect(state.currentStage?.name).toBe('staffing_review');
    expect(dueDate(state.currentStage!.dueAt)).toBe('2027-06-28');
  });
});
