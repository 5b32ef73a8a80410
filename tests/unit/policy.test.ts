import { validateRoute } from '@domain/route-rules';
import {
  POLICY_V1,
  decidingLevels,
  planRoute,
  recommendingRoute,
  policyFor,
  routeOnResubmission,
  type RouteSubject,
} from '@domain/policy';
import { isNewPermanentPosition } from '@domain/request-input';
import { aCallOff, aFixedTermHire, aHire } from '../support/factories';

const route = (subject: Partial<RouteSubject> & Pick<RouteSubject, 'kind'>) =>
  planRoute(POLICY_V1, { newPermanentPosition: false, urgent: false, ...subject });
const names = (subject: Partial<RouteSubject> & Pick<RouteSubject, 'kind'>) =>
  route(subject).map((s) => s.name);

describe('planRoute: hires', () => {
  it('runs hr_review and then director_decision', () => {
    expect(names({ kind: 'hire' })).toEqual(['hr_review', 'director_decision']);
  });

  it('adds executive_decision for a new permanent position only', () => {
    expect(names({ kind: 'hire', newPermanentPosition: true })).toEqual([
      'hr_review',
      'director_decision',
      'executive_decision',
    ]);
  });

  it('sends a request to the executive exactly when it is a new permanent position', () => {
    const stagesOf = (hire: ReturnType<typeof aHire>) =>
      route({ kind: 'hire', newPermanentPosition: isNewPermanentPosition(hire) }).length;
    expect(stagesOf(aHire({ employmentForm: 'permanent', replacement: false }))).toBe(3);
    expect(stagesOf(aHire({ employmentForm: 'permanent', replacement: true }))).toBe(2);
    expect(stagesOf(aFixedTermHire({ replacement: false }))).toBe(2);
  });

  it('gives each hire stage the role, scope, deadline, reminder and escalation of policy version 1', () => {
    expect(route({ kind: 'hire', newPermanentPosition: true })).toEqual([
      {
        name: 'hr_review',
        mode: 'deciding',
        role: 'hr_reviewer',
        scope: 'division',
        deadline: { businessDays: 2 },
        reminderAfter: { businessDays: 1 },
        escalations: [{ role: 'hr_lead', scope: 'region', after: { businessDays: 1 } }],
      },
      {
        name: 'director_decision',
        mode: 'deciding',
        role: 'director',
        scope: 'division',
        deadline: { businessDays: 3 },
        reminderAfter: { businessDays: 2 },
        escalations: [{ role: 'executive', scope: 'region', after: { businessDays: 2 } }],
      },
      {
        name: 'executive_decision',
        mode: 'deciding',
        role: 'executive',
        scope: 'region',
        deadline: { businessDays: 5 },
        reminderAfter: undefined,
        escalations: [],
      },
    ]);
  });

  it('ignores the urgent flag for hires', () => {
    expect(route({ kind: 'hire', urgent: true })).toEqual(route({ kind: 'hire', urgent: false }));
    expect(route({ kind: 'hire', newPermanentPosition: true, urgent: true })).toEqual(
      route({ kind: 'hire', newPermanentPosition: true, urgent: false }),
    );
  });

  it('planned stages carry no policy-only condition', () => {
    for (const stage of route({ kind: 'hire', newPermanentPosition: true }))
      expect(stage).not.toHaveProperty('when');
  });
});

describe('planRoute: agency call-offs', () => {
  it('runs staffing_review and then director_decision, with business-day deadlines', () => {
    expect(route({ kind: 'agency_call_off' })).toEqual([
      {
        name: 'staffing_review',
        mode: 'deciding',
        role: 'hr_reviewer',
        scope: 'division',
        deadline: { businessDays: 1 },
        reminderAfter: undefined,
        escalations: [{ role: 'hr_lead', scope: 'region', after: { businessDays: 1 } }],
      },
      {
        name: 'director_decision',
        mode: 'deciding',
        role: 'director',
        scope: 'division',
        deadline: { businessDays: 2 },
        reminderAfter: undefined,
        escalations: [{ role: 'executive', scope: 'region', after: { businessDays: 1 } }],
      },
    ]);
  });

  it('never sends a call-off to the executive stage, whatever newPermanentPosition says', () => {
    expect(names({ kind: 'agency_call_off', newPermanentPosition: true })).toEqual([
      'staffing_review',
      'director_decision',
    ]);
    expect(isNewPermanentPosition(aCallOff())).toBe(false);
  });

  it('runs every stage of an urgent call-off on 4 calendar hours, escalating after 4 more, with no reminder', () => {
    const urgent = route({ kind: 'agency_call_off', urgent: true });
    expect(urgent.map((s) => s.name)).toEqual(['staffing_review', 'director_decision']);
    for (const stage of urgent) {
      expect(stage.deadline).toEqual({ hours: 4 });
      expect(stage.reminderAfter).toBeUndefined();
      expect(stage.escalations.map((e) => e.after)).toEqual([{ hours: 4 }]);
    }
  });

  it('keeps the deciding roles and scopes of an urgent call-off', () => {
    const pick = (stages: ReturnType<typeof route>) =>
      stages.map(({ name, role, scope, escalations }) => ({
        name,
        role,
        scope,
        escalations: escalations.map(({ role: r, scope: s }) => ({ role: r, scope: s })),
      }));
    expect(pick(route({ kind: 'agency_call_off', urgent: true }))).toEqual(
      pick(route({ kind: 'agency_call_off' })),
    );
  });
});

describe('planRoute: the policy itself', () => {
  it('does not change the policy it plans from', () => {
    const before = structuredClone(POLICY_V1);
    const urgent = route({ kind: 'agency_call_off', urgent: true });
    urgent[0].escalations[0].after = { hours: 99 };
    route({ kind: 'hire', newPermanentPosition: true }).forEach((stage) => stage.escalations.pop());
    expect(POLICY_V1).toEqual(before);
  });

  it('policy v1 reminds daily after the last escalation and never decides by itself', () => {
    expect(POLICY_V1.afterLastEscalation).toEqual({ reminderEvery: { businessDays: 1 } });
  });

  it('policy v1 gives a returned request 10 business days, with a reminder after 5', () => {
    expect(POLICY_V1.returned).toEqual({
      deadline: { businessDays: 10 },
      reminderAfter: { businessDays: 5 },
    });
  });

  it('policy v1 runs urgent stages on 4 hours and escalates after 4 more', () => {
    expect(POLICY_V1.urgent).toEqual({ deadline: { hours: 4 }, escalationAfter: { hours: 4 } });
  });
});

describe('routeOnResubmission', () => {
  const resume = (
    subject: Partial<RouteSubject> & Pick<RouteSubject, 'kind'>,
    returnedBy: Parameters<typeof routeOnResubmission>[2],
    changed: boolean,
  ) => {
    const next = routeOnResubmission(
      POLICY_V1,
      { newPermanentPosition: false, urgent: false, ...subject },
      returnedBy,
      changed,
    );
    return { names: next.route.map((s) => s.name), at: next.route[next.stageIndex].name };
  };

  it('plans the route the facts get at submission, whatever the route was before', () => {
    for (const subject of [
      { kind: 'hire', newPermanentPosition: true },
      { kind: 'hire', newPermanentPosition: false },
      { kind: 'agency_call_off', urgent: true },
      { kind: 'agency_call_off', urgent: false },
    ] as const) {
      const next = routeOnResubmission(
        POLICY_V1,
        { newPermanentPosition: false, urgent: false, ...subject },
        'director_decision',
        true,
      );
      expect(next.route).toEqual(route(subject));
    }
  });

  it('starts a changed request at the first stage, wherever it was returned', () => {
    expect(resume({ kind: 'hire', newPermanentPosition: true }, 'hr_review', true)).toEqual({
      names: ['hr_review', 'director_decision', 'executive_decision'],
      at: 'hr_review',
    });
    expect(resume({ kind: 'hire' }, 'director_decision', true).at).toBe('hr_review');
    expect(resume({ kind: 'hire' }, 'executive_decision', true)).toEqual({
      names: ['hr_review', 'director_decision'],
      at: 'hr_review',
    });
    expect(resume({ kind: 'agency_call_off', urgent: true }, 'director_decision', true).at).toBe(
      'staffing_review',
    );
  });

  it('re-enters the stage that returned an unchanged request', () => {
    expect(resume({ kind: 'hire' }, 'director_decision', false).at).toBe('director_decision');
    expect(resume({ kind: 'hire', newPermanentPosition: true }, 'executive_decision', false).at).toBe(
      'executive_decision',
    );
    expect(resume({ kind: 'agency_call_off' }, 'staffing_review', false).at).toBe('staffing_review');
  });

  it('starts at the first stage when the stage that returned it is no longer on the route', () => {
    expect(resume({ kind: 'hire' }, 'executive_decision', false).at).toBe('hr_review');
  });
});

describe('policyFor', () => {
  it('returns policy version 1', () => {
    expect(policyFor(1)).toBe(POLICY_V1);
    expect(policyFor(1).version).toBe(1);
  });

  it.each([0, 2, -1, 1.5, Number.NaN])('throws RangeError for unknown version %p', (version) => {
    expect(() => policyFor(version)).toThrow(RangeError);
    expect(() => policyFor(version)).toThrow(`unknown routing policy version ${version}`);
  });
});

describe('decidingLevels', () => {
  const [hrReview, , executiveDecision] = route({ kind: 'hire', newPermanentPosition: true });

  it("before any escalation only the stage's own role decides", () => {
    expect(decidingLevels(hrReview, 0)).toEqual([{ role: 'hr_reviewer', scope: 'division' }]);
  });

  it('each escalation level adds its role, keeping the earlier ones', () => {
    expect(decidingLevels(hrReview, 1)).toEqual([
      { role: 'hr_reviewer', scope: 'division' },
      { role: 'hr_lead', scope: 'region' },
    ]);
  });

  it('levels past the last escalation add nothing', () => {
    expect(decidingLevels(hrReview, 5)).toEqual(decidingLevels(hrReview, 1));
  });

  it('a stage without escalations is decided by its own role only', () => {
    expect(decidingLevels(executiveDecision, 3)).toEqual([{ role: 'executive', scope: 'region' }]);
  });
});

describe('recommending stages', () => {
  const plan = (subject: Partial<RouteSubject> & Pick<RouteSubject, 'kind'>) =>
    planRoute(recommendingRoute(2), { newPermanentPosition: false, urgent: false, ...subject }).map(
      (s) => `${s.name}:${s.mode}`,
    );

  it('the route for new regions: HR recommends, the director decides, the executive a new permanent position', () => {
    expect(plan({ kind: 'hire' })).toEqual(['hr_review:recommending', 'director_decision:deciding']);
    expect(plan({ kind: 'hire', newPermanentPosition: true })).toEqual([
      'hr_review:recommending',
      'director_decision:deciding',
      'executive_decision:deciding',
    ]);
    expect(plan({ kind: 'agency_call_off' })).toEqual([
      'staffing_review:recommending',
      'director_decision:deciding',
    ]);
    expect(recommendingRoute(2).version).toBe(2);
  });

  it('version 1 decides at every stage', () => {
    expect(route({ kind: 'hire', newPermanentPosition: true }).every((s) => s.mode === 'deciding')).toBe(
      true,
    );
  });

  it('the route for new regions passes the route rules: the stages that can end it decide', () => {
    // A draft is a version without its number (that comes when it is created).
    const { version: _v, ...draft } = recommendingRoute(2);
    expect(validateRoute(draft).problems).toEqual([]);
    const endsRecommending = structuredClone(draft);
    endsRecommending.routes.agency_call_off = endsRecommending.routes.agency_call_off.slice(0, 1);
    expect(validateRoute(endsRecommending).problems.map((p) => p.field)).toContain(
      'routes.agency_call_off[0].mode',
    );
  });
});
