import { mayDecideNow, type OpenStageStanding, type StandIn } from '@domain/may-decide-now';
import { POLICY_V1, planRoute } from '@domain/policy';
import { aDecisionSubject, aGrant, anActor } from '../support/factories';

const [hrReview, directorDecision] = planRoute(POLICY_V1, {
  kind: 'hire',
  newPermanentPosition: false,
  urgent: false,
});

function aStanding(overrides: Partial<OpenStageStanding> = {}): OpenStageStanding {
  return {
    planned: hrReview,
    escalationLevel: 0,
    assigneeUserId: null,
    kind: 'hire',
    subject: aDecisionSubject(),
    ...overrides,
  };
}
const hr = anActor('hr.anna', aGrant('hr_reviewer'));
const director = anActor('dir.somatik', aGrant('director'));
const none = new Map<string, StandIn>();

describe('mayDecideNow', () => {
  it("lets the stage's reviewer in scope decide in their own right", () => {
    expect(mayDecideNow(hr, none, aStanding())).toEqual({ may: true, onBehalfOfId: null });
  });

  it('refuses the requester their own request', () => {
    const own = aStanding({ subject: aDecisionSubject({ requesterId: 'hr.anna' }) });
    expect(mayDecideNow(hr, none, own)).toEqual({ may: false, reason: 'own_request' });
  });

  it('refuses HR the director stage once they decided the HR review (segregation of duties)', () => {
    const hrAndDirector = anActor('hr.anna', aGrant('hr_reviewer'), aGrant('director'));
    const moved = aStanding({
      planned: directorDecision,
      subject: aDecisionSubject({ decidedStages: [{ stage: 'hr_review', userId: 'hr.anna' }] }),
    });
    expect(mayDecideNow(hrAndDirector, none, moved)).toEqual({ may: false, reason: 'decided_other_stage' });
  });

  it('refuses HR a stage that moved on to the director', () => {
    expect(mayDecideNow(hr, none, aStanding({ planned: directorDecision }))).toEqual({
      may: false,
      reason: 'not_stage_reviewer',
    });
    expect(mayDecideNow(director, none, aStanding({ planned: directorDecision })).may).toBe(true);
  });

  it('refuses a reviewer out of scope', () => {
    const elsewhere = anActor('hr.bo', aGrant('hr_reviewer', 'another-division'));
    expect(mayDecideNow(elsewhere, none, aStanding())).toEqual({ may: false, reason: 'not_stage_reviewer' });
  });

  it('refuses everyone but the assignee after a reassignment', () => {
    const reassigned = aStanding({ assigneeUserId: 'hr.cecilia' });
    expect(mayDecideNow(hr, none, reassigned)).toEqual({ may: false, reason: 'reassigned' });
    expect(mayDecideNow(anActor('hr.cecilia', aGrant('hr_reviewer')), none, reassigned).may).toBe(true);
  });

  it("lets a stand-in decide a stage reassigned to the one they stand in for, on that reviewer's behalf", () => {
    const standIns = new Map<string, StandIn>([['hr.cecilia', { actor: hr, kind: null }]]);
    expect(mayDecideNow(hr, standIns, aStanding({ assigneeUserId: 'hr.cecilia' }))).toEqual({
      may: true,
      onBehalfOfId: 'hr.cecilia',
    });
  });

  it('does not let a stand-in decide a kind their delegation does not cover', () => {
    const standIns = new Map<string, StandIn>([['hr.cecilia', { actor: hr, kind: 'agency_call_off' }]]);
    expect(mayDecideNow(hr, standIns, aStanding({ assigneeUserId: 'hr.cecilia' })).may).toBe(false);
  });

  it("lets a stand-in decide through the grants they carry for someone when their own don't reach", () => {
    const bo = anActor('hr.bo');
    const standIns = new Map<string, StandIn>([
      ['hr.cecilia', { actor: anActor('hr.cecilia', aGrant('hr_reviewer')), kind: null }],
    ]);
    expect(mayDecideNow(bo, standIns, aStanding())).toEqual({ may: true, onBehalfOfId: 'hr.cecilia' });
  });
});
