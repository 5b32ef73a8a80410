import { decideUpdate, stateQuery } from '@workflows/messages';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(60_000);

/**
 * A decision against the escalation timer, on the time-skipping server, in both orders: an hour before the HR
 * review's deadline (the decision must stop the timer's escalation, also once days pass) and a minute after it (the
 * escalation is recorded first). Either way Temporal and PostgreSQL must tell the same story: one decision, the stage
 * escalated exactly when the decision came after the deadline, each event recorded once.
 *
 * Closer to the deadline the Java test server cannot be used: with the decision sent 1 s, 1 ms or 0 ms from it
 * (clock running or not) it refused the activation holding the fired timer and the Update ("invalid history builder
 * state for action") and the review hung, more often under load. That is the test server's Update support; the tie
 * itself is not tested here (RELIABILITY.md).
 */
let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
});
afterAll(() => t?.stop());

/** Where the server's clock stands, relative to the deadline, when the decision is sent. */
const OFFSETS_MS = [-3_600_000, 60_000];

describe('a decision against the escalation timer', () => {
  it.each(OFFSETS_MS)('sent at %d ms from the deadline ends in one consistent outcome', async (offset) => {
    const { handle, input, state } = await t.startReview();
    const dueAt = Date.parse(state.currentStage!.dueAt);
    await t.env.sleep(dueAt + offset - (await t.env.currentTimeMs()));
    const result = await handle.executeUpdate(decideUpdate, {
      args: [t.decision('hr_review', 'hr.somatik')],
    });
    // Then days pass: a timer the decision beat must not escalate a closed stage afterwards.
    await t.env.sleep('3 days');

    const decidedAt = Date.parse(result.decidedAt);
    const [stage] = await t.db.dataSource.query(
      `SELECT escalation_level, closed_at IS NOT NULL AS closed, outcome FROM stages
        WHERE request_id = $1 AND name = 'hr_review'`,
      [input.requestId],
    );
    const audit: { type: string }[] = await t.db.dataSource.query(
      // HR review's own events: the director stage opened after it escalates too while the days pass.
      `SELECT type FROM audit_events WHERE request_id = $1 AND data->>'stage' = 'hr_review' ORDER BY id`,
      [input.requestId],
    );
    const types = audit.map((a) => a.type);
    // Temporal's side: the decision in the workflow's own state, with the time it was taken.
    const live = await handle.query(stateQuery);
    expect(live.decisions.map((d) => [d.stage, d.outcome, d.at])).toEqual([
      ['hr_review', 'approve', result.decidedAt],
    ]);
    // PostgreSQL's side: one decision row, the stage closed once with that outcome.
    const decisions = await t.db.dataSource.query(
      `SELECT stage_name, outcome, decided_at FROM decisions WHERE request_id = $1`,
      [input.requestId],
    );
    expect(decisions.map((d: { stage_name: string; outcome: string }) => [d.stage_name, d.outcome])).toEqual([
      ['hr_review', 'approve'],
    ]);
    expect(new Date(decisions[0].decided_at).getTime()).toBe(decidedAt);
    expect(stage).toMatchObject({ closed: true, outcome: 'approve' });
    // The two agree on the order: escalated exactly when the decision did not come before the deadline.
    // (At exactly the deadline either order is consistent, so a tie asserts neither.)
    if (decidedAt < dueAt) expect(stage.escalation_level).toBe(0);
    if (decidedAt > dueAt) expect(stage.escalation_level).toBe(1);
    expect(types.filter((x) => x === 'stage_escalated')).toHaveLength(stage.escalation_level);
    expect(types.filter((x) => x === 'decision')).toHaveLength(1);
    if (stage.escalation_level > 0)
      expect(types.indexOf('stage_escalated')).toBeLessThan(types.indexOf('decision'));
    // And the route moved on once: one director stage open.
    expect(live.currentStage?.name).toBe('director_decision');
    const [{ n }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM stages WHERE request_id = $1 AND name = 'director_decision'`,
      [input.requestId],
    );
    expect(n).toBe(1);
  });
});
