import { subject } from '@casl/ability';
import { parsePeople } from '@domain/org-import/rows';
import { statisticsScope } from '@domain/stats-scope';
import { abilityFor } from '../../apps/api/src/auth/abilities';

const SOM = '11111111-1111-4111-8111-111111111111';
const PSY = '33333333-3333-4333-8333-333333333333';

describe('statisticsScope', () => {
  it('gives the executive the region whatever its grant says', () => {
    expect(statisticsScope([{ role: 'executive', scopeUnitId: SOM }])).toBe('region');
  });

  it.each(['hr_lead', 'follow_up'] as const)(
    'gives a region-wide %s the region, a division one its division',
    (role) => {
      expect(statisticsScope([{ role, scopeUnitId: null }])).toBe('region');
      expect(statisticsScope([{ role, scopeUnitId: SOM }])).toEqual([SOM]);
    },
  );

  it("gives a director their divisions and nothing of others' grants", () => {
    expect(
      statisticsScope([
        { role: 'director', scopeUnitId: SOM },
        { role: 'follow_up', scopeUnitId: PSY },
        { role: 'follow_up', scopeUnitId: SOM },
      ]),
    ).toEqual([SOM, PSY]);
    expect(
      statisticsScope([
        { role: 'hr_reviewer', scopeUnitId: null },
        { role: 'requester', scopeUnitId: SOM },
      ]),
    ).toEqual([]);
  });
});

describe('the follow-up role', () => {
  it('reads requests and statistics and may do nothing else', () => {
    const ability = abilityFor([{ role: 'follow_up', scopeUnitId: null }]);
    expect(ability.can('read', 'Statistics')).toBe(true);
    expect(ability.can('read', 'Request')).toBe(true);
    for (const action of ['decide', 'resubmit', 'withdraw', 'reassign', 'change_requester'] as const)
      expect([action, ability.can(action, 'Request')]).toEqual([action, false]);
    expect(ability.can('submit', subject('Request', { unitId: SOM, divisionId: SOM }))).toBe(false);
    expect(ability.can('read', 'Inbox')).toBe(false);
    expect(ability.can('create', 'ReviewPeriod')).toBe(false);
    expect(ability.can('extend', 'ReviewPeriod')).toBe(false);
    expect(ability.can('create', 'Exemption')).toBe(false);
    expect(ability.can('create', 'Delegation')).toBe(false);
    expect(ability.can('administer', 'Organisation')).toBe(false);
  });

  it('is read from an organisation file by its Swedish words', () => {
    const { rows, problems } = parsePeople({
      name: 'Personer',
      header: ['Id', 'Namn', 'Roll', 'Omfattning'],
      rows: [
        { line: 2, cells: ['SE1', 'Anders Nyberg', 'Uppföljare', 'REGION'] },
        { line: 3, cells: ['SE2', 'Eva Ek', 'styrgrupp', 'REGION'] },
      ],
    });
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.role)).toEqual(['follow_up', 'follow_up']);
  });
});
