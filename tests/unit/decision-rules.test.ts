import fc from 'fast-check';
import {
  approvalValidUntil,
  assertMayDecide,
  assertMayReassign,
  decidingRolesOf,
  reassigningRolesOf,
  type Actor,
} from '@domain/decision-rules';
import { parseDecisionInput } from '@domain/decision-input';
import { OUTCOMES } from '@domain/enums';
import { DomainError } from '@domain/errors';
import { POLICY_V1, planRoute, type PlannedStage } from '@domain/policy';
import {
  AKUTEN,
  PSYKIATRI,
  PSYK_AVD,
  SOMATIK,
  aDecisionSubject,
  aGrant,
  anActor,
  callOffTerms,
  domainErrorFrom,
} from '../support/factories';

const [hrReview, directorDecision, executiveDecision] = planRoute(POLICY_V1, {
  kind: 'hire',
  newPermanentPosition: true,
  urgent: false,
});
const [staffingReview, callOffDirectorDecision] = planRoute(POLICY_V1, {
  kind: 'agency_call_off',
  newPermanentPosition: false,
  urgent: true,
});

function decisionProblems(body: unknown, callOff = callOffTerms()) {
  const error = domainErrorFrom(() => parseDecisionInput(body, callOff));
  expect(error.code).toBe('validation_failed');
  return error.fields;
}
const decisionFields = (body: unknown, callOff = callOffTerms()) =>
  decisionProblems(body, callOff).map((p) => p.field);

describe('parseDecisionInput', () => {
  it('accepts a plain approval without comment', () => {
    expect(parseDecisionInput({ outcome: 'approve' })).toEqual({ outcome: 'approve' });
  });

  it('accepts an approval with a comment and trims it', () => {
    expect(parseDecisionInput({ outcome: 'approve', comment: '  Budget checked.  ' })).toEqual({
      outcome: 'approve',
      comment: 'Budget checked.',
    });
  });

  it('treats a blank comment as no comment', () => {
    expect(parseDecisionInput({ outcome: 'approve', comment: '   ' }).comment).toBeUndefined();
  });

  it.each([
    ['reject', 'is required: the reason for rejecting'],
    ['return', 'is required: the questions for the requester'],
    ['recommend_reject', 'is required: the reason for recommending rejection'],
  ])('%s needs a comment', (outcome, message) => {
    expect(decisionProblems({ outcome })).toEqual([{ field: 'comment', message }]);
    expect(decisionProblems({ outcome, comment: ' \n ' })).toEqual([{ field: 'comment', message }]);
    expect(parseDecisionInput({ outcome, comment: 'Why not the internal pool?' }).comment).toBe(
      'Why not the internal pool?',
    );
  });

  it('takes a tillstyrkan without a comment, and no conditions or shortened period with a recommendation', () => {
    expect(parseDecisionInput({ outcome: 'recommend_approve' }).outcome).toBe('recommend_approve');
    expect(decisionProblems({ outcome: 'recommend_approve', approvedCostSek: 1000 })).toEqual([
      expect.objectContaining({ field: 'approvedCostSek' }),
    ]);
  });

  it('approve_with_conditions needs conditions', () => {
    expect(decisionProblems({ outcome: 'approve_with_conditions' })).toEqual([
      { field: 'conditions', message: 'is required when approving with conditions' },
    ]);
    expect(decisionFields({ outcome: 'approve_with_conditions', conditions: '  ' })).toEqual(['conditions']);
    expect(
      parseDecisionInput({ outcome: 'approve_with_conditions', conditions: 'At most 0.8 FTE.' }).conditions,
    ).toBe('At most 0.8 FTE.');
  });

  it('refuses an outcome outside the four', () => {
    expect(decisionFields({ outcome: 'postpone' })).toEqual(['outcome']);
    expect(decisionProblems({})).toEqual([{ field: 'outcome', message: 'is required' }]);
  });

  it('refuses an unknown field', () => {
    expect(decisionProblems({ outcome: 'approve', reason: 'x' })).toEqual([
      { field: 'reason', message: 'is not a known field' },
    ]);
  });

  it.each(['comment', 'conditions'])('%s is text of at most 4000 characters', (field) => {
    const base = { outcome: 'approve_with_conditions', conditions: 'c', comment: 'c' };
    expect(() => parseDecisionInput({ ...base, [field]: 'x'.repeat(4000) })).not.toThrow();
    expect(decisionProblems({ ...base, [field]: 'x'.repeat(4001) })).toEqual([
      { field, message: 'must be at most 4000 characters' },
    ]);
    expect(decisionProblems({ ...base, [field]: 7 })).toEqual([{ field, message: 'must be text' }]);
  });

  it.each(['approve', 'reject', 'return'])(
    'a shortened period or lower cost is only for approve_with_conditions, not %s',
    (outcome) => {
      const body = { outcome, comment: 'c', approvedPeriodTo: '2026-07-15', approvedCostSek: 400_000 };
      expect(decisionProblems(body)).toEqual([
        { field: 'approvedPeriodTo', message: 'only with approve_with_conditions' },
        { field: 'approvedCostSek', message: 'only with approve_with_conditions' },
      ]);
    },
  );

  it.each([
    ['approvedPeriodTo', '2026-07-15'],
    ['approvedCostSek', 400_000],
  ])('%s applies only to agency call-offs', (field, value) => {
    const body = { outcome: 'approve_with_conditions', conditions: 'c', [field]: value };
    const error = domainErrorFrom(() => parseDecisionInput(body));
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual([{ field, message: 'applies only to agency call-offs' }]);
  });

  it('accepts a call-off approved with a shortened period and a lower cost', () => {
    const body = {
      outcome: 'approve_with_conditions',
      conditions: 'July only.',
      approvedPeriodTo: '2026-07-31',
      approvedCostSek: 300_000,
    };
    expect(parseDecisionInput(body, callOffTerms())).toEqual(body);
  });

  it.each([
    ['the first day of the period', '2026-06-15'],
    ['the requested last day', '2026-08-15'],
  ])('accepts an approved period ending on %s', (_what, approvedPeriodTo) => {
    const body = { outcome: 'approve_with_conditions', conditions: 'c', approvedPeriodTo };
    expect(parseDecisionInput(body, callOffTerms()).approvedPeriodTo).toBe(approvedPeriodTo);
  });

  it.each([
    ['lengthens the period', '2026-08-16'],
    ['ends before the period starts', '2026-06-14'],
  ])('refuses an approved period that %s', (_what, approvedPeriodTo) => {
    const body = { outcome: 'approve_with_conditions', conditions: 'c', approvedPeriodTo };
    expect(decisionProblems(body)).toEqual([
      { field: 'approvedPeriodTo', message: 'must shorten the period: between 2026-06-15 and 2026-08-15' },
    ]);
  });

  it.each(['15 July', '2026-7-15', '2026-07-15T00:00:00Z'])(
    'refuses an approved period end %p',
    (approvedPeriodTo) => {
      const body = { outcome: 'approve_with_conditions', conditions: 'c', approvedPeriodTo };
      expect(decisionProblems(body)).toEqual([
        { field: 'approvedPeriodTo', message: 'must be a date YYYY-MM-DD' },
      ]);
    },
  );

  it('accepts an approved cost up to the estimated cost, and refuses a higher one', () => {
    const body = (approvedCostSek: number) => ({
      outcome: 'approve_with_conditions',
      conditions: 'c',
      approvedCostSek,
    });
    const terms = callOffTerms({ estimatedCostSek: 640_000 });
    expect(parseDecisionInput(body(640_000), terms).approvedCostSek).toBe(640_000);
    expect(parseDecisionInput(body(1), terms).approvedCostSek).toBe(1);
    expect(decisionProblems(body(640_001), terms)).toEqual([
      { field: 'approvedCostSek', message: 'must not exceed 640000' },
    ]);
  });

  it.each([
    [0, 'must be more than 0'],
    [-1, 'must be more than 0'],
    [1000.5, 'must be whole kronor'],
  ])('refuses an approved cost of %p (%s)', (approvedCostSek, message) => {
    const body = { outcome: 'approve_with_conditions', conditions: 'c', approvedCostSek };
    expect(decisionProblems(body)).toEqual([{ field: 'approvedCostSek', message }]);
  });

  it('names the missing conditions and a lengthened period together', () => {
    const body = {
      outcome: 'approve_with_conditions',
      approvedPeriodTo: '2026-09-01',
      approvedCostSek: 700_000,
    };
    expect(decisionFields(body)).toEqual(['conditions', 'approvedPeriodTo', 'approvedCostSek']);
  });

  it('property: any JSON value either parses or is refused as validation_failed naming fields', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              outcome: fc.oneof(fc.constantFrom(...OUTCOMES), fc.jsonValue()),
              comment: fc.oneof(fc.string(), fc.jsonValue()),
              conditions: fc.oneof(fc.string(), fc.jsonValue()),
              approvedPeriodTo: fc.oneof(
                fc.constantFrom('2026-06-14', '2026-07-01', '2026-08-16'),
                fc.jsonValue(),
              ),
              approvedCostSek: fc.oneof(fc.integer({ min: -5, max: 700_000 }), fc.jsonValue()),
            },
            { requiredKeys: ['outcome'] },
          ),
        ),
        fc.boolean(),
        (body, isCallOff) => {
          const terms = isCallOff ? callOffTerms() : undefined;
          try {
            const parsed = parseDecisionInput(body, terms);
            expect(parseDecisionInput(parsed, terms)).toEqual(parsed);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            const { code, fields } = error as DomainError;
            expect(code).toBe('validation_failed');
            expect(fields.length).toBeGreaterThan(0);
            for (const problem of fields) expect(problem.field.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('assertMayDecide: segregation of duties', () => {
  const regionWide = (userId: string) =>
    anActor(
      userId,
      aGrant('hr_reviewer', null),
      aGrant('hr_lead', null),
      aGrant('director', null),
      aGrant('executive', null),
    );

  it.each([
    ['hr_review', hrReview],
    ['director_decision', directorDecision],
    ['executive_decision', executiveDecision],
  ])('the requester may never decide their own request, not even at %s with every role', (_name, stage) => {
    const subject = aDecisionSubject({ requesterId: 'chef.akuten' });
    const error = domainErrorFrom(() => assertMayDecide(regionWide('chef.akuten'), stage, 1, subject));
    expect(error.code).toBe('not_allowed');
    expect(error.message).toBe('Nobody may decide on a request they submitted');
  });

  it('nobody decides two different stages of one request', () => {
    const subject = aDecisionSubject({ decidedStages: [{ stage: 'hr_review', userId: 'boss' }] });
    const error = domainErrorFrom(() => assertMayDecide(regionWide('boss'), directorDecision, 1, subject));
    expect(error.code).toBe('not_allowed');
    expect(error.message).toBe('Already decided the hr_review stage of this request');
  });

  it('an executive who decided an escalated director decision may not also decide the executive stage', () => {
    const hsdir = anActor('hsdir', aGrant('executive', null));
    const subject = aDecisionSubject({ decidedStages: [{ stage: 'director_decision', userId: 'hsdir' }] });
    expect(domainErrorFrom(() => assertMayDecide(hsdir, executiveDecision, 0, subject)).code).toBe(
      'not_allowed',
    );
  });

  it('the same person may decide the same stage again after a return', () => {
    const hr = anActor('hr.somatik', aGrant('hr_reviewer', SOMATIK));
    const subject = aDecisionSubject({ decidedStages: [{ stage: 'hr_review', userId: 'hr.somatik' }] });
    expect(() => assertMayDecide(hr, hrReview, 0, subject)).not.toThrow();
  });

  it('decisions by other people on earlier stages do not stand in the way', () => {
    const director = anActor('div.somatik', aGrant('director', SOMATIK));
    const subject = aDecisionSubject({ decidedStages: [{ stage: 'hr_review', userId: 'hr.somatik' }] });
    expect(() => assertMayDecide(director, directorDecision, 0, subject)).not.toThrow();
  });
});

describe('assertMayDecide: role and scope', () => {
  const subject = aDecisionSubject({ divisionId: SOMATIK, unitId: AKUTEN });
  const expectAllowed = (actor: Actor, stage: PlannedStage, level = 0) =>
    expect(() => assertMayDecide(actor, stage, level, subject)).not.toThrow();
  const expectRefused = (actor: Actor, stage: PlannedStage, level = 0) => {
    const error = domainErrorFrom(() => assertMayDecide(actor, stage, level, subject));
    expect(error.code).toBe('not_allowed');
    return error;
  };

  it("an HR reviewer of the request's division may decide the HR review", () => {
    expectAllowed(anActor('hr.somatik', aGrant('hr_reviewer', SOMATIK)), hrReview);
  });

  it("a grant scoped to the request's unit covers it too", () => {
    expectAllowed(anActor('hr.akuten', aGrant('hr_reviewer', AKUTEN)), hrReview);
    expectAllowed(anActor('dir.akuten', aGrant('director', AKUTEN)), directorDecision);
  });

  it('a division-scoped grant for another division or another unit does not cover the request', () => {
    const error = expectRefused(anActor('hr.psykiatri', aGrant('hr_reviewer', PSYKIATRI)), hrReview);
    expect(error.message).toBe(
      "The hr_review stage is decided by hr_reviewer with scope over the request's division",
    );
    expectRefused(anActor('hr.psyk', aGrant('hr_reviewer', PSYK_AVD)), hrReview);
    expectRefused(anActor('div.psykiatri', aGrant('director', PSYKIATRI)), directorDecision);
  });

  it('a region-wide grant always covers', () => {
    expectAllowed(anActor('hr.region', aGrant('hr_reviewer', null)), hrReview);
    expectAllowed(anActor('dir.region', aGrant('director', null)), directorDecision);
    expectAllowed(anActor('hsdir', aGrant('executive', null)), executiveDecision);
  });

  it('the right scope with the wrong role does not help', () => {
    expectRefused(anActor('div.somatik', aGrant('director', SOMATIK)), hrReview);
    expectRefused(anActor('hr.somatik', aGrant('hr_reviewer', SOMATIK)), directorDecision);
    expectRefused(anActor('chef.other', aGrant('requester', null)), hrReview);
    expectRefused(anActor('admin', aGrant('admin', null)), directorDecision);
  });

  it('an actor with no grants may decide nothing', () => {
    expectRefused(anActor('nobody'), hrReview, 1);
  });

  it('a stage with region scope needs a region-wide grant: a division-scoped executive grant does not cover it', () => {
    expectRefused(anActor('exec.somatik', aGrant('executive', SOMATIK)), executiveDecision);
  });

  it('the HR lead may decide the HR review only once it has escalated', () => {
    const hrchef = anActor('hrchef', aGrant('hr_lead', null));
    const error = expectRefused(hrchef, hrReview, 0);
    expect(error.message).toBe(
      "The hr_review stage is decided by hr_reviewer with scope over the request's division",
    );
    expectAllowed(hrchef, hrReview, 1);
  });

  it('the executive may decide the director decision only once it has escalated', () => {
    const hsdir = anActor('hsdir', aGrant('executive', null));
    expectRefused(hsdir, directorDecision, 0);
    const error = expectRefused(anActor('hr.somatik', aGrant('hr_reviewer', SOMATIK)), directorDecision, 1);
    expect(error.message).toBe(
      "The director_decision stage is decided by director or executive with scope over the request's division",
    );
    expectAllowed(hsdir, directorDecision, 1);
  });

  it('escalation widens who may decide without taking the stage from its own role', () => {
    expectAllowed(anActor('hr.somatik', aGrant('hr_reviewer', SOMATIK)), hrReview, 1);
    expectAllowed(anActor('div.somatik', aGrant('director', SOMATIK)), directorDecision, 1);
  });

  it('an escalation level with region scope needs a region-wide grant', () => {
    expectRefused(anActor('hrchef.somatik', aGrant('hr_lead', SOMATIK)), hrReview, 1);
  });

  it('an escalation level past the last one widens nothing further', () => {
    expectAllowed(anActor('hrchef', aGrant('hr_lead', null)), hrReview, 3);
    expectRefused(anActor('hsdir', aGrant('executive', null)), hrReview, 3);
  });

  it('urgent call-offs keep the same deciders: HR reviewer for staffing review, director for the decision', () => {
    expectAllowed(anActor('hr.somatik', aGrant('hr_reviewer', SOMATIK)), staffingReview);
    expectRefused(anActor('hrchef', aGrant('hr_lead', null)), staffingReview, 0);
    expectAllowed(anActor('hrchef', aGrant('hr_lead', null)), staffingReview, 1);
    expectAllowed(anActor('div.somatik', aGrant('director', SOMATIK)), callOffDirectorDecision);
    expectAllowed(anActor('hsdir', aGrant('executive', null)), callOffDirectorDecision, 1);
  });
});

describe('decidingRolesOf', () => {
  const subject = aDecisionSubject();

  it('lists every role through which the actor may decide at this level', () => {
    const both = anActor('hr.both', aGrant('hr_reviewer', SOMATIK), aGrant('hr_lead', null));
    expect(decidingRolesOf(both, hrReview, 0, subject)).toEqual(['hr_reviewer']);
    expect(decidingRolesOf(both, hrReview, 1, subject)).toEqual(['hr_reviewer', 'hr_lead']);
  });

  it('is empty when the actor may not decide', () => {
    expect(
      decidingRolesOf(anActor('hr.psykiatri', aGrant('hr_reviewer', PSYKIATRI)), hrReview, 1, subject),
    ).toEqual([]);
  });

  it('does not look at segregation of duties (assertMayDecide does)', () => {
    const requester = anActor('chef.akuten', aGrant('director', SOMATIK));
    expect(decidingRolesOf(requester, directorDecision, 0, subject)).toEqual(['director']);
  });
});

describe('assertMayReassign: only the stages the reassigner answers for', () => {
  const hrLead = anActor('hrchef', aGrant('hr_lead', null));
  const dirSom = anActor('div.somatik', aGrant('director'));
  const dirPsy = anActor('div.psykiatri', aGrant('director', PSYKIATRI));
  const exec = anActor('hsdir', aGrant('executive', null));
  const hrSom2 = anActor('hr.somatik2', aGrant('hr_reviewer'));
  const dirSom2 = anActor('div.somatik2', aGrant('director'));
  const exec2 = anActor('hsdir2', aGrant('executive', null));
  const subject = aDecisionSubject();

  it('lets the HR lead move HR stages, also once escalated to the HR lead, and nothing above them', () => {
    expect(() => assertMayReassign(hrLead, hrSom2, hrReview, 0, subject)).not.toThrow();
    expect(() => assertMayReassign(hrLead, hrSom2, staffingReview, 1, subject)).not.toThrow();
    expect(domainErrorFrom(() => assertMayReassign(hrLead, dirSom2, directorDecision, 0, subject)).code).toBe(
      'not_allowed',
    );
    expect(reassigningRolesOf(hrLead, executiveDecision, 0, subject)).toEqual([]);
  });

  it("lets the division's director move HR stages and the director's stage of their division", () => {
    expect(() => assertMayReassign(dirSom, hrSom2, hrReview, 0, subject)).not.toThrow();
    expect(() => assertMayReassign(dirSom, dirSom2, directorDecision, 0, subject)).not.toThrow();
    expect(reassigningRolesOf(dirSom, callOffDirectorDecision, 0, subject)).toEqual(['director']);
  });

  it("never lets a director move the executive's stage, or a director's stage escalated to the executive (403)", () => {
    const refused = domainErrorFrom(() => assertMayReassign(dirSom, exec2, executiveDecision, 0, subject));
    expect(refused.code).toBe('not_allowed');
    expect(refused.message).toMatch(/executive/);
    expect(domainErrorFrom(() => assertMayReassign(dirSom, dirSom2, directorDecision, 1, subject)).code).toBe(
      'not_allowed',
    );
  });

  it('refuses a director of another division and anyone who leads no review (403)', () => {
    expect(domainErrorFrom(() => assertMayReassign(dirPsy, hrSom2, hrReview, 0, subject)).code).toBe(
      'not_allowed',
    );
    expect(domainErrorFrom(() => assertMayReassign(exec, exec2, executiveDecision, 0, subject)).code).toBe(
      'not_allowed',
    );
  });

  it('still refuses a new assignee who could not decide the stage (422)', () => {
    expect(domainErrorFrom(() => assertMayReassign(dirSom, hrSom2, directorDecision, 0, subject)).code).toBe(
      'unprocessable',
    );
  });
});

describe('approvalValidUntil', () => {
  const days = POLICY_V1.hireApprovalValidDays;

  it('policy v1 keeps a hire approval valid for 90 days', () => {
    expect(days).toBe(90);
  });

  it('a hire approval is valid until the Stockholm date of the decision plus 90 days', () => {
    expect(approvalValidUntil(new Date('2026-03-02T10:00:00Z'), days)).toBe('2026-05-31');
  });

  it('counts from the Stockholm date, not the UTC date, of a decision made after midnight in Stockholm', () => {
    // 22:30Z on 31 March is 00:30 on 1 April in Stockholm (summer time).
    expect(approvalValidUntil(new Date('2026-03-31T22:30:00Z'), days)).toBe('2026-06-30');
    // 23:30Z on 31 December is 00:30 on 1 January in Stockholm (winter time).
    expect(approvalValidUntil(new Date('2026-12-31T23:30:00Z'), days)).toBe('2027-04-01');
    expect(approvalValidUntil(new Date('2026-12-31T22:30:00Z'), days)).toBe('2027-03-31');
  });

  it('a call-off approval is valid for the approved period when it was shortened', () => {
    const callOff = { periodTo: '2026-08-15', approvedPeriodTo: '2026-07-31' };
    expect(approvalValidUntil(new Date('2026-06-10T10:00:00Z'), days, callOff)).toBe('2026-07-31');
  });

  it('a call-off approval is valid for the requested period otherwise, whenever it was decided', () => {
    expect(approvalValidUntil(new Date('2026-06-10T10:00:00Z'), days, { periodTo: '2026-08-15' })).toBe(
      '2026-08-15',
    );
    expect(approvalValidUntil(new Date('2026-01-01T10:00:00Z'), days, { periodTo: '2026-08-15' })).toBe(
      '2026-08-15',
    );
  });
});

describe('dates in decisions', () => {
  it('refuses an approvedPeriodTo that is not a calendar date', () => {
    const error = domainErrorFrom(() =>
      parseDecisionInput(
        { outcome: 'approve_with_conditions', conditions: 'c', approvedPeriodTo: '2026-06-31' },
        callOffTerms(),
      ),
    );
    expect(error.fields).toEqual([{ field: 'approvedPeriodTo', message: 'is not a calendar date' }]);
  });
});

describe('property: no route lets the requester decide', () => {
  it('refuses the requester at every stage of every route and escalation level, whatever roles they hold', () => {
    const grantArb = fc.record({
      role: fc.constantFrom('requester', 'hr_reviewer', 'hr_lead', 'director', 'executive', 'admin' as const),
      scopeUnitId: fc.constantFrom(null, SOMATIK),
    });
    const routeArb = fc
      .record({
        kind: fc.constantFrom('hire' as const, 'agency_call_off' as const),
        newPermanentPosition: fc.boolean(),
        urgent: fc.boolean(),
      })
      .map((subject) => planRoute(POLICY_V1, subject));
    fc.assert(
      fc.property(routeArb, fc.array(grantArb, { maxLength: 6 }), fc.nat(3), (route, grants, level) => {
        for (const stage of route) {
          const requester = { userId: 'chef.akuten', grants };
          const subject = aDecisionSubject({ requesterId: 'chef.akuten' });
          const error = domainErrorFrom(() =>
            assertMayDecide(requester, stage, Math.min(level, stage.escalations.length), subject),
          );
          expect(error.code).toBe('not_allowed');
        }
      }),
    );
  });
});
