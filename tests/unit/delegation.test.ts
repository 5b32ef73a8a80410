import type { Actor } from '@domain/decision-rules';
import {
  assertMayDelegate,
  carriedGrants,
  delegateQualifiesFor,
  delegationApplies,
  mayStandInFor,
  parseNewDelegation,
} from '@domain/delegation';
import { DomainError } from '@domain/errors';

const SOM = '11111111-1111-4111-8111-111111111111';
const PSY = '22222222-2222-4222-8222-222222222222';
const actor = (userId: string, ...grants: Actor['grants']): Actor => ({ userId, grants });

const hrSom = actor('hr-som', { role: 'hr_reviewer', scopeUnitId: SOM });
const hrSom2 = actor('hr-som-2', { role: 'hr_reviewer', scopeUnitId: SOM });
const hrPsy = actor('hr-psy', { role: 'hr_reviewer', scopeUnitId: PSY });
const hrLead = actor('hr-lead', { role: 'hr_lead', scopeUnitId: null });
const dirSom = actor('dir-som', { role: 'director', scopeUnitId: SOM });
const dirPsy = actor('dir-psy', { role: 'director', scopeUnitId: PSY });
const requester = actor('chef', { role: 'requester', scopeUnitId: SOM });

function refusal(fn: () => void): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('assertMayDelegate', () => {
  it('lets a reviewer delegate to someone with the same role and scope', () => {
    expect(() => assertMayDelegate(hrSom, hrSom, hrSom2)).not.toThrow();
  });

  it('lets the HR lead record it for an HR reviewer, and a director for a reviewer of their division', () => {
    expect(() => assertMayDelegate(hrLead, hrSom, hrSom2)).not.toThrow();
    expect(() => assertMayDelegate(dirSom, hrSom, hrSom2)).not.toThrow();
  });

  it('refuses a director of another division and a colleague who leads nobody (403)', () => {
    expect(refusal(() => assertMayDelegate(dirPsy, hrSom, hrSom2)).code).toBe('not_allowed');
    expect(refusal(() => assertMayDelegate(hrPsy, hrSom, hrSom2)).code).toBe('not_allowed');
  });

  it('refuses a delegate without the role or scope the stages need, naming delegateId (422)', () => {
    for (const delegate of [hrPsy, requester, hrLead]) {
      const e = refusal(() => assertMayDelegate(hrSom, hrSom, delegate));
      expect(e.code).toBe('unprocessable');
      expect(e.fields[0].field).toBe('delegateId');
    }
  });

  it('refuses delegating to oneself and delegating by someone with no reviewer role', () => {
    expect(refusal(() => assertMayDelegate(hrSom, hrSom, hrSom)).fields[0].field).toBe('delegateId');
    expect(refusal(() => assertMayDelegate(requester, requester, hrSom)).fields[0].field).toBe('delegatorId');
  });
});

describe('delegationApplies', () => {
  const d = { delegatorId: 'a', delegateId: 'b', validFrom: '2026-07-01', validTo: '2026-07-31', kind: null };
  it('applies on its first and last day and not outside', () => {
    expect(delegationApplies(d, '2026-07-01', 'hire')).toBe(true);
    expect(delegationApplies(d, '2026-07-31', 'agency_call_off')).toBe(true);
    expect(delegationApplies(d, '2026-08-01', 'hire')).toBe(false);
  });
  it('applies only to its kind when limited to one', () => {
    expect(delegationApplies({ ...d, kind: 'hire' }, '2026-07-10', 'agency_call_off')).toBe(false);
  });
});

describe('parseNewDelegation', () => {
  it('names bad fields and refuses an end before the start', () => {
    const e = refusal(() =>
      parseNewDelegation({ delegateId: 'x', validFrom: '2026-07-01', validTo: '2026-06-01' }),
    );
    expect(e.fields.map((f) => f.field)).toEqual(['delegateId']);
    const order = refusal(() =>
      parseNewDelegation({ delegateId: SOM, validFrom: '2026-07-01', validTo: '2026-06-01' }),
    );
    expect(order.fields).toEqual([{ field: 'validTo', message: 'must not be before validFrom' }]);
  });
});

describe('mayStandInFor (the stand-in picker)', () => {
  const hrSom = { grants: [{ role: 'hr_reviewer' as const, scopeUnitId: 'SOM' }] };
  it('offers a reviewer with the same role over the same scope, or region-wide', () => {
    expect(mayStandInFor(hrSom, { grants: [{ role: 'hr_reviewer', scopeUnitId: 'SOM' }] })).toBe(true);
    expect(mayStandInFor(hrSom, { grants: [{ role: 'hr_reviewer', scopeUnitId: null }] })).toBe(true);
  });
  it('offers no one with another scope or another role, and no one for someone who reviews nothing', () => {
    expect(mayStandInFor(hrSom, { grants: [{ role: 'hr_reviewer', scopeUnitId: 'PSY' }] })).toBe(false);
    expect(mayStandInFor(hrSom, { grants: [{ role: 'director', scopeUnitId: 'SOM' }] })).toBe(false);
    expect(
      mayStandInFor({ grants: [{ role: 'requester', scopeUnitId: 'SOM-AKUT' }] }, { grants: hrSom.grants }),
    ).toBe(false);
  });
});

describe('a delegation re-checked at each use', () => {
  it('carries the delegator’s reviewer grants while the delegate still holds the same role and scope', () => {
    expect(carriedGrants(hrSom, hrSom2)).toEqual(hrSom.grants);
    const regionHr = actor('hr-region', { role: 'hr_reviewer', scopeUnitId: null });
    expect(carriedGrants(hrSom, regionHr)).toEqual(hrSom.grants);
  });

  it('carries nothing once the delegate has lost the role, or holds it only elsewhere', () => {
    const formerHr = actor('hr-som-2', { role: 'requester', scopeUnitId: SOM });
    expect(carriedGrants(hrSom, formerHr)).toEqual([]);
    expect(carriedGrants(hrSom, hrPsy)).toEqual([]);
    expect(delegateQualifiesFor(formerHr, { role: 'hr_reviewer', scopeUnitId: SOM })).toBe(false);
  });

  it('carries only the grants still covered, and never a role that is not a reviewer’s', () => {
    const both = actor(
      'both',
      { role: 'hr_reviewer', scopeUnitId: SOM },
      { role: 'director', scopeUnitId: PSY },
    );
    expect(carriedGrants(both, dirPsy)).toEqual([{ role: 'director', scopeUnitId: PSY }]);
    expect(carriedGrants(requester, actor('x', { role: 'requester', scopeUnitId: SOM }))).toEqual([]);
  });

  it('needs a region-wide grant to carry a region-wide one', () => {
    const regionHr = actor('hr-region', { role: 'hr_reviewer', scopeUnitId: null });
    expect(carriedGrants(regionHr, hrSom)).toEqual([]);
    expect(delegateQualifiesFor(regionHr, { role: 'hr_reviewer', scopeUnitId: PSY })).toBe(true);
  });
});
