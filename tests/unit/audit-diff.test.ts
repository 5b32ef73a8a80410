import { diffSnapshots } from '../../apps/web/src/pages/audit/diff';

const grant = (over: Record<string, unknown> = {}) => ({
  role: 'hr_reviewer',
  scopeCode: 'SOM',
  validFrom: '2026-06-01',
  validTo: '2026-08-31',
  ...over,
});
const person = (over: Record<string, unknown> = {}) => ({
  id: 'SE-1',
  name: 'Kim',
  email: null,
  active: true,
  roles: [grant()],
  ...over,
});

describe('the change log difference', () => {
  it('lists only the fields that changed, before and after', () => {
    expect(diffSnapshots(person(), person({ active: false, name: 'Kim S' })).fields).toEqual([
      { field: 'name', before: 'Kim', after: 'Kim S' },
      { field: 'active', before: true, after: false },
    ]);
  });
  it('shows a role ended early as one changed role, not one added and one removed', () => {
    const d = diffSnapshots(person(), person({ roles: [grant({ validTo: '2026-06-10' })] }));
    expect(d).toMatchObject({
      rolesAdded: [],
      rolesRemoved: [],
      rolesChanged: [{ after: { validTo: '2026-06-10' } }],
    });
  });
  it('shows new and removed roles, and a creation as every field new', () => {
    const d = diffSnapshots(person(), person({ roles: [grant({ role: 'director', validFrom: null })] }));
    expect([d.rolesAdded.length, d.rolesRemoved.length, d.rolesChanged.length]).toEqual([1, 1, 0]);
    expect(diffSnapshots(null, person()).fields.map((f) => f.field)).toEqual(['id', 'name', 'active']);
  });
});
