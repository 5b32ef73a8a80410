import { subject } from '@casl/ability';
import { abilityFor } from '../../apps/api/src/auth/abilities';

const SOM = '11111111-1111-4111-8111-111111111111';
const AKUT = '22222222-2222-4222-8222-222222222222';
const PSY = '33333333-3333-4333-8333-333333333333';

describe('abilityFor', () => {
  it('lets a requester submit only for their own unit or division', () => {
    const unitChef = abilityFor([{ role: 'requester', scopeUnitId: AKUT }]);
    expect(unitChef.can('submit', subject('Request', { unitId: AKUT, divisionId: SOM }))).toBe(true);
    expect(unitChef.can('submit', subject('Request', { unitId: 'other', divisionId: SOM }))).toBe(false);
    const divisionChef = abilityFor([{ role: 'requester', scopeUnitId: SOM }]);
    expect(divisionChef.can('submit', subject('Request', { unitId: 'any-unit', divisionId: SOM }))).toBe(
      true,
    );
    expect(divisionChef.can('submit', subject('Request', { unitId: 'x', divisionId: PSY }))).toBe(false);
  });

  it('gives reviewers decisions, the inbox and delegations, but not submission or period administration', () => {
    const hr = abilityFor([{ role: 'hr_reviewer', scopeUnitId: SOM }]);
    expect(hr.can('decide', 'Request')).toBe(true);
    expect(hr.can('read', 'Inbox')).toBe(true);
    expect(hr.can('create', 'Delegation')).toBe(true);
    expect(hr.can('submit', 'Request')).toBe(false);
    expect(hr.can('create', 'ReviewPeriod')).toBe(false);
    expect(hr.can('reassign', 'Request')).toBe(false);
  });

  it('lets only the admin record review periods, and only the executive and the admin record exemptions', () => {
    expect(abilityFor([{ role: 'admin', scopeUnitId: null }]).can('extend', 'ReviewPeriod')).toBe(true);
    expect(abilityFor([{ role: 'admin', scopeUnitId: null }]).can('create', 'Exemption')).toBe(true);
    expect(abilityFor([{ role: 'admin', scopeUnitId: null }]).can('revoke', 'Exemption')).toBe(true);
    expect(abilityFor([{ role: 'director', scopeUnitId: SOM }]).can('read', 'Exemption')).toBe(true);
    expect(abilityFor([{ role: 'director', scopeUnitId: SOM }]).can('create', 'Exemption')).toBe(false);
    expect(abilityFor([{ role: 'director', scopeUnitId: SOM }]).can('revoke', 'Exemption')).toBe(false);
    expect(abilityFor([{ role: 'executive', scopeUnitId: null }]).can('revoke', 'Exemption')).toBe(true);
    expect(abilityFor([{ role: 'hr_lead', scopeUnitId: null }]).can('reassign', 'Request')).toBe(true);
  });

  it('lets the admin and the follow-up role import actuals and set targets, and the statistics roles read them', () => {
    const of = (role: 'admin' | 'follow_up' | 'director' | 'executive' | 'requester') =>
      abilityFor([{ role, scopeUnitId: null }]);
    expect(of('admin').can('administer', 'Cost')).toBe(true);
    expect(of('follow_up').can('administer', 'Cost')).toBe(true);
    expect(of('executive').can('administer', 'Cost')).toBe(false);
    expect(of('director').can('read', 'Cost')).toBe(true);
    expect(of('requester').can('read', 'Cost')).toBe(false);
  });

  it('gives a user with no role only what every signed-in user has', () => {
    const nobody = abilityFor([]);
    expect(nobody.can('read', 'Me')).toBe(true);
    expect(nobody.can('decide', 'Request')).toBe(false);
    expect(nobody.can('read', 'Inbox')).toBe(false);
  });
});
