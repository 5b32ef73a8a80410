import {
  POLICY_V1,
  planRoute,
  type RouteSubject,
  type RoutingPolicy,
  type StagePolicy,
} from '@domain/policy';
import {
  fieldPath,
  previewRoute,
  unreachableBecause,
  validateRoute,
  type RouteDraft,
} from '@domain/route-rules';

const { version: _v1, ...V1_DRAFT } = POLICY_V1;
/** Version 1's content with the hire route changed by `edit`. */
function aDraft(edit: (hire: StagePolicy[]) => void = () => {}): RouteDraft {
  const draft = structuredClone(V1_DRAFT);
  edit(draft.routes.hire);
  return draft;
}
const fields = (body: unknown) => validateRoute(body).problems.map((p) => p.field);
const aHire = (facts: Partial<RouteSubject> = {}): RouteSubject => ({
  kind: 'hire',
  newPermanentPosition: false,
  urgent: false,
  ...facts,
});
const names = (policy: RoutingPolicy, subject: RouteSubject) => planRoute(policy, subject).map((s) => s.name);

describe('validateRoute', () => {
  it('accepts version 1 as it is', () => {
    expect(validateRoute(V1_DRAFT)).toEqual({ draft: V1_DRAFT, problems: [] });
  });

  it('names array fields with brackets, as the editor does', () => {
    expect(fieldPath(['routes', 'hire', 1, 'escalations', 0, 'role'])).toBe(
      'routes.hire[1].escalations[0].role',
    );
  });

  it('refuses a route whose last stage recommends: a route ends with a decision', () => {
    const draft = aDraft((hire) => {
      hire.splice(2, 1);
      hire[1].mode = 'recommending';
    });
    expect(validateRoute(draft).problems).toEqual([
      expect.objectContaining({
        field: 'routes.hire[1].mode',
        message: expect.stringMatching(/must be deciding/),
      }),
    ]);
  });

  it('refuses a recommending stage that can end the route because every stage after it is conditional', () => {
    expect(fields(aDraft((hire) => (hire[1].mode = 'recommending')))).toEqual(['routes.hire[1].mode']);
    // HR recommending before an unconditional director is the region's delegation order, and fine.
    expect(fields(aDraft((hire) => (hire[0].mode = 'recommending')))).toEqual([]);
  });

  it('refuses an unknown role, at the stage or at an escalation level', () => {
    const draft = aDraft((hire) => {
      hire[0].role = 'controller' as never;
      hire[1].escalations[0].role = 'mayor' as never;
    });
    expect(fields(draft)).toEqual(['routes.hire[0].role', 'routes.hire[1].escalations[0].role']);
  });

  it('refuses a role that exists but does not review', () => {
    expect(fields(aDraft((hire) => (hire[0].role = 'requester' as never)))).toEqual(['routes.hire[0].role']);
  });

  it('refuses a deadline of 0, an escalation after 0 and a reminder at or after the deadline', () => {
    const draft = aDraft((hire) => {
      hire[1].deadline = { businessDays: 0 };
      hire[0].escalations[0].after = { businessDays: 0 };
      hire[0].reminderAfter = { businessDays: 2 };
    });
    expect(fields(draft).sort()).toEqual(
      [
        'routes.hire[0].escalations[0].after',
        'routes.hire[0].reminderAfter',
        'routes.hire[1].deadline',
      ].sort(),
    );
  });

  it('takes a deadline of 0 as a draft (the rules name it) but no negative or astronomical one', () => {
    const zero = validateRoute(aDraft((hire) => (hire[1].deadline = { businessDays: 0 })));
    expect(zero.draft).toBeDefined();
    const negative = validateRoute(aDraft((hire) => (hire[1].deadline = { businessDays: -8.013e29 })));
    expect(negative.draft).toBeUndefined();
    expect(negative.problems.map((p) => p.field)).toEqual([
      expect.stringMatching(/^routes\.hire\[1\]\.deadline/),
    ]);
    const huge = validateRoute(aDraft((hire) => (hire[1].deadline = { hours: 1.7e17 })));
    expect(huge.draft).toBeUndefined();
  });

  it('refuses a stage no request can reach', () => {
    const urgentHire = aDraft((hire) => (hire[2].when = [{ type: 'urgent' }]));
    expect(validateRoute(urgentHire).problems).toEqual([
      { field: 'routes.hire[2].when', message: expect.stringMatching(/only call-offs are urgent/) },
    ]);
    const contradictory = aDraft((hire) => {
      hire[2].when = [{ type: 'cost_above', sek: 2_000_000 }];
      hire[2].unless = [{ type: 'cost_above', sek: 1_000_000 }];
    });
    expect(fields(contradictory)).toEqual(['routes.hire[2].unless']);
    const noCategory = aDraft((hire) => {
      hire[2].when = [{ type: 'category_in', categories: ['physician'] }];
      hire[2].unless = [{ type: 'category_in', categories: ['physician', 'nurse'] }];
    });
    expect(fields(noCategory)).toEqual(['routes.hire[2].unless']);
  });

  it('keeps a stage whose conditions some request meets', () => {
    expect(unreachableBecause('hire', { when: [{ type: 'cost_above', sek: 1_000_000 }] })).toBeUndefined();
    expect(
      unreachableBecause('hire', {
        when: [{ type: 'cost_above', sek: 1_000_000 }],
        unless: [{ type: 'cost_above', sek: 3_000_000 }],
      }),
    ).toBeUndefined();
    expect(unreachableBecause('agency_call_off', { when: [{ type: 'urgent' }] })).toBeUndefined();
  });

  it('refuses two stages of one route for the same role and scope (segregation of duties)', () => {
    const draft = aDraft((hire) => (hire[2] = { ...hire[2], role: 'director', scope: 'division' }));
    expect(validateRoute(draft).problems).toEqual([
      { field: 'routes.hire[2].role', message: expect.stringMatching(/same role and scope as stage 2/) },
    ]);
  });

  it('refuses a route whose every stage is conditional, an empty route and a repeated stage name', () => {
    expect(fields(aDraft((hire) => hire.forEach((s) => (s.when = 'new_permanent_position'))))).toEqual([
      'routes.hire',
    ]);
    expect(fields(aDraft((hire) => hire.splice(0)))).toEqual(['routes.hire']);
    expect(fields(aDraft((hire) => (hire[2].name = 'hr_review')))).toEqual(['routes.hire[2].name']);
    expect(fields(aDraft((hire) => (hire[2].name = 'ceo_decision' as never)))).toEqual([
      'routes.hire[2].name',
    ]);
  });

  it('names the field of a shape problem, unknown fields one by one', () => {
    const draft = aDraft() as unknown as Record<string, unknown>;
    expect(fields({ ...draft, hireApprovalValidDays: 'ninety' })).toEqual(['hireApprovalValidDays']);
    const extra = aDraft((hire) => Object.assign(hire[0], { colour: 'red' }));
    expect(fields(extra)).toEqual(['routes.hire[0].colour']);
    const { urgent: _u, ...withoutUrgent } = draft;
    expect(fields(withoutUrgent)).toEqual(['urgent']);
    expect(fields({ ...draft, hireApprovalValidDays: 0 })).toEqual(['hireApprovalValidDays']);
  });
});

describe('planRoute with conditions', () => {
  const v2: RoutingPolicy = {
    ...aDraft((hire) => {
      hire[0].mode = 'recommending';
      hire[2].when = [{ type: 'cost_above', sek: 1_000_000 }];
      hire[2].unless = [{ type: 'category_in', categories: ['manager'] }];
    }),
    version: 2,
  };

  it('adds a stage when a hire’s annual cost (monthly × 12) is above the amount', () => {
    expect(names(v2, aHire({ monthlyCostSek: 83_334 }))).toEqual([
      'hr_review',
      'director_decision',
      'executive_decision',
    ]);
    expect(names(v2, aHire({ monthlyCostSek: 83_333 }))).toEqual(['hr_review', 'director_decision']);
  });

  it('skips it for the categories it is skipped for', () => {
    expect(names(v2, aHire({ monthlyCostSek: 200_000, occupationalCategory: 'manager' }))).toEqual([
      'hr_review',
      'director_decision',
    ]);
  });

  it('compares a call-off’s estimated total, and treats a fact the review was not given as not met', () => {
    const callOffRule = structuredClone(v2);
    callOffRule.routes.agency_call_off[1].when = [{ type: 'cost_above', sek: 500_000 }];
    const callOff = { kind: 'agency_call_off' as const, newPermanentPosition: false, urgent: false };
    expect(names(callOffRule, { ...callOff, callOff: { estimatedCostSek: 600_000 } })).toContain(
      'director_decision',
    );
    expect(names(callOffRule, { ...callOff, callOff: { estimatedCostSek: 400_000 } })).not.toContain(
      'director_decision',
    );
    expect(names(v2, aHire())).toEqual(['hr_review', 'director_decision']);
  });

  it('plans version 1 exactly as before: the bare new_permanent_position means the same condition list', () => {
    const asList = structuredClone(POLICY_V1);
    asList.routes.hire[2].when = [{ type: 'new_permanent_position' }];
    for (const facts of [aHire(), aHire({ newPermanentPosition: true, monthlyCostSek: 1e6 })])
      expect(planRoute(asList, facts)).toEqual(planRoute(POLICY_V1, facts));
  });

  it('runs an urgent call-off on the stage’s own hours where it names them, else the policy’s', () => {
    const hours = structuredClone(POLICY_V1);
    hours.routes.agency_call_off[0].urgentDeadline = { hours: 2 };
    hours.routes.agency_call_off[0].escalations[0].urgentAfter = { hours: 1 };
    const [staffing, director] = planRoute(hours, {
      kind: 'agency_call_off',
      newPermanentPosition: false,
      urgent: true,
    });
    expect(staffing.deadline).toEqual({ hours: 2 });
    expect(staffing.escalations).toEqual([{ role: 'hr_lead', scope: 'region', after: { hours: 1 } }]);
    expect(director.deadline).toEqual(POLICY_V1.urgent.deadline);
  });
});

describe('previewRoute', () => {
  it('gives each stage its deadline when the one before took its whole time', () => {
    // Monday 1 December 2025, 09:00 Stockholm.
    const preview = previewRoute(
      POLICY_V1,
      aHire({ newPermanentPosition: true }),
      new Date('2025-12-01T08:00:00Z'),
    );
    expect(preview.stages.map((s) => [s.name, s.role, s.dueAt])).toEqual([
      ['hr_review', 'hr_reviewer', '2025-12-03T15:00:00.000Z'],
      ['director_decision', 'director', '2025-12-08T15:00:00.000Z'],
      ['executive_decision', 'executive', '2025-12-15T15:00:00.000Z'],
    ]);
    expect(preview.decidedBy).toBe('2025-12-15T15:00:00.000Z');
    expect(preview.approvalValidDays).toBe(90);
  });
});

describe('validateRoute bounds', () => {
  it('refuses a route of more stages than any real one, naming the route', () => {
    const long = aDraft((hire) => hire.push(...Array.from({ length: 20 }, () => structuredClone(hire[0]))));
    expect(fields(long)).toEqual(['routes.hire']);
  });
});
