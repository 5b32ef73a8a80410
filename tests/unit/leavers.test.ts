import { POLICY_V1 } from '@domain/policy';
import {
  assertMayBecomeRequester,
  assigneeMayStillAct,
  mayBecomeRequester,
  mayRequestFor,
  needsNewRequester,
  type AssignedStage,
} from '@domain/leavers';
import { DomainError } from '@domain/errors';

const DIV = 'div-somatik';
const UNIT = 'unit-akuten';
const hrReview: AssignedStage = {
  policyVersion: 1,
  kind: 'hire',
  name: 'hr_review',
  escalationLevel: 0,
  divisionId: DIV,
  unitId: UNIT,
};
const reviewer = { active: true, grants: [{ role: 'hr_reviewer' as const, scopeUnitId: DIV }] };

/** Version 1, the route of every stage in these cases. */
const mayStillAct = (
  stage: Parameters<typeof assigneeMayStillAct>[0],
  person: Parameters<typeof assigneeMayStillAct>[1],
) => assigneeMayStillAct(stage, person, POLICY_V1);

describe('assigneeMayStillAct', () => {
  it('keeps an active assignee who holds the stage role over the division', () => {
    expect(mayStillAct(hrReview, reviewer)).toBe(true);
    expect(
      mayStillAct(hrReview, { active: true, grants: [{ role: 'hr_reviewer', scopeUnitId: UNIT }] }),
    ).toBe(true);
  });

  it('returns the stage of a deactivated assignee to the pool whatever they hold', () => {
    expect(mayStillAct(hrReview, { ...reviewer, active: false })).toBe(false);
  });

  it('returns the stage of an assignee who lost the role, or holds it in another division', () => {
    expect(mayStillAct(hrReview, { active: true, grants: [] })).toBe(false);
    expect(
      mayStillAct(hrReview, {
        active: true,
        grants: [{ role: 'hr_reviewer', scopeUnitId: 'other' }],
      }),
    ).toBe(false);
    expect(mayStillAct(hrReview, { active: true, grants: [{ role: 'requester', scopeUnitId: DIV }] })).toBe(
      false,
    );
  });

  it('counts the levels the stage escalated to, and only region-wide grants for a region level', () => {
    const lead = { active: true, grants: [{ role: 'hr_lead' as const, scopeUnitId: null }] };
    expect(mayStillAct(hrReview, lead)).toBe(false);
    expect(mayStillAct({ ...hrReview, escalationLevel: 1 }, lead)).toBe(true);
    const divisionLead = { active: true, grants: [{ role: 'hr_lead' as const, scopeUnitId: DIV }] };
    expect(mayStillAct({ ...hrReview, escalationLevel: 1 }, divisionLead)).toBe(false);
    expect(mayStillAct({ ...hrReview, escalationLevel: 1 }, reviewer)).toBe(true);
  });

  it('judges the stage by the route version the request runs on, not by version 1', () => {
    const v2 = structuredClone(POLICY_V1);
    v2.version = 2;
    v2.routes.hire[0] = { ...v2.routes.hire[0], role: 'hr_lead', scope: 'region', escalations: [] };
    const lead = { active: true, grants: [{ role: 'hr_lead' as const, scopeUnitId: null }] };
    expect(assigneeMayStillAct({ ...hrReview, policyVersion: 2 }, lead, v2)).toBe(true);
    expect(assigneeMayStillAct({ ...hrReview, policyVersion: 2 }, reviewer, v2)).toBe(false);
    expect(assigneeMayStillAct(hrReview, reviewer, POLICY_V1)).toBe(true);
  });
});

describe('requesters', () => {
  const request = { status: 'in_review' as const, unitId: UNIT, divisionId: DIV };
  const requester = { active: true, grants: [{ role: 'requester' as const, scopeUnitId: UNIT }] };

  it('a requester of the unit, its division or the region may request for it', () => {
    expect(mayRequestFor(request, requester)).toBe(true);
    expect(mayRequestFor(request, { active: true, grants: [{ role: 'requester', scopeUnitId: DIV }] })).toBe(
      true,
    );
    expect(mayRequestFor(request, { active: true, grants: [{ role: 'requester', scopeUnitId: null }] })).toBe(
      true,
    );
    expect(mayRequestFor(request, { active: true, grants: [{ role: 'requester', scopeUnitId: 'x' }] })).toBe(
      false,
    );
    expect(mayRequestFor(request, { active: true, grants: [{ role: 'hr_lead', scopeUnitId: null }] })).toBe(
      false,
    );
  });

  it('an open request needs a new requester when its requester left or lost the role; a closed one never', () => {
    expect(needsNewRequester(request, requester)).toBe(false);
    expect(needsNewRequester(request, { ...requester, active: false })).toBe(true);
    expect(needsNewRequester({ ...request, status: 'returned' }, { active: true, grants: [] })).toBe(true);
    expect(needsNewRequester({ ...request, status: 'approved' }, { active: false, grants: [] })).toBe(false);
    expect(needsNewRequester({ ...request, status: 'withdrawn' }, { active: false, grants: [] })).toBe(false);
  });

  it('a new requester is another active requester of the unit who decided none of its stages', () => {
    const subject = { unitId: UNIT, divisionId: DIV, requesterId: 'old', decidedBy: ['reviewer'] };
    const problem = (candidate: Parameters<typeof assertMayBecomeRequester>[1]) => {
      try {
        assertMayBecomeRequester(subject, candidate);
        return undefined;
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).code).toBe('unprocessable');
        return (e as DomainError).fields.map((f) => f.field);
      }
    };
    expect(problem({ userId: 'new', ...requester })).toBeUndefined();
    expect(problem({ userId: 'old', ...requester })).toEqual(['userId']);
    expect(problem({ userId: 'new', ...requester, active: false })).toEqual(['userId']);
    expect(
      problem({ userId: 'new', active: true, grants: [{ role: 'requester', scopeUnitId: 'x' }] }),
    ).toEqual(['userId']);
    expect(problem({ userId: 'reviewer', ...requester })).toEqual(['userId']);
    const assigned = { ...subject, assigneeUserId: 'assignee' };
    expect(mayBecomeRequester(assigned, { userId: 'assignee', ...requester })).toBe(false);
    expect(mayBecomeRequester(assigned, { userId: 'new', ...requester })).toBe(true);
    expect(mayBecomeRequester(subject, { userId: 'new', ...requester })).toBe(true);
    expect(mayBecomeRequester(subject, { userId: 'reviewer', ...requester })).toBe(false);
  });
});
