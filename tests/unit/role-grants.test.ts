import { personSnapshot } from '@domain/person-snapshot';
import {
  dayBefore,
  deactivationProblems,
  endGrantPlan,
  type ExistingGrant,
  inForceOn,
  newGrantProblems,
  periodProblem,
  periodsOverlap,
} from '@domain/role-grants';

const TODAY = '2026-06-10';
const UNIT = '11111111-1111-4111-8111-111111111111';
const aGrant = (
  over: Partial<ExistingGrant & { userId: string }> = {},
): ExistingGrant & { userId: string } => ({
  id: 'g1',
  userId: 'u1',
  role: 'hr_reviewer',
  scopeUnitId: UNIT,
  validFrom: '2026-06-01',
  validTo: null,
  ...over,
});
const anOpenUnit = { code: 'SOM', validFrom: null, validTo: null };
const fieldsOf = (ps: { field: string }[]) => ps.map((p) => p.field);

describe('periods', () => {
  it('overlap when they share a day, open ends counting as forever', () => {
    expect(
      periodsOverlap(
        { validFrom: '2026-01-01', validTo: '2026-01-31' },
        { validFrom: '2026-01-31', validTo: null },
      ),
    ).toBe(true);
    expect(
      periodsOverlap(
        { validFrom: '2026-01-01', validTo: '2026-01-30' },
        { validFrom: '2026-01-31', validTo: null },
      ),
    ).toBe(false);
    expect(
      periodsOverlap({ validFrom: null, validTo: null }, { validFrom: '2030-01-01', validTo: '2030-01-01' }),
    ).toBe(true);
  });
  it('refuse an end before the start, and allow a one-day period', () => {
    expect(periodProblem({ validFrom: '2026-02-02', validTo: '2026-02-01' })).toMatch(/before it starts/);
    expect(periodProblem({ validFrom: '2026-02-02', validTo: '2026-02-02' })).toBeUndefined();
  });
  it('count a grant on its first and last day', () => {
    const g = { validFrom: '2026-06-10', validTo: '2026-06-12' };
    expect([
      inForceOn(g, '2026-06-09'),
      inForceOn(g, '2026-06-10'),
      inForceOn(g, '2026-06-12'),
      inForceOn(g, '2026-06-13'),
    ]).toEqual([false, true, true, false]);
  });
  it('knows the day before the first of March in a leap year', () => {
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
  });
});

describe('a new grant', () => {
  const ok = { role: 'hr_reviewer' as const, scopeUnitId: UNIT, validFrom: TODAY, validTo: '2026-08-31' };
  it('is accepted over an open unit from today', () => {
    expect(newGrantProblems(ok, { scope: anOpenUnit, existing: [], today: TODAY })).toEqual([]);
  });
  it('is accepted region-wide with no unit at all', () => {
    expect(
      newGrantProblems({ ...ok, scopeUnitId: null }, { scope: null, existing: [], today: TODAY }),
    ).toEqual([]);
  });
  it('names scopeUnitId when the unit does not exist', () => {
    expect(fieldsOf(newGrantProblems(ok, { scope: undefined, existing: [], today: TODAY }))).toEqual([
      'scopeUnitId',
    ]);
  });
  it('names scopeUnitId when the unit closed before the grant starts', () => {
    const closed = { ...anOpenUnit, validTo: '2026-05-31' };
    expect(fieldsOf(newGrantProblems(ok, { scope: closed, existing: [], today: TODAY }))).toEqual([
      'scopeUnitId',
    ]);
  });
  it('names validTo when the grant would outlast a unit that is closing', () => {
    const closing = { ...anOpenUnit, validTo: '2026-07-31' };
    expect(fieldsOf(newGrantProblems(ok, { scope: closing, existing: [], today: TODAY }))).toEqual([
      'validTo',
    ]);
    expect(
      fieldsOf(newGrantProblems({ ...ok, validTo: null }, { scope: closing, existing: [], today: TODAY })),
    ).toEqual(['validTo']);
  });
  it('names validTo when it ends before it starts, and validFrom when it starts in the past', () => {
    expect(
      fieldsOf(
        newGrantProblems({ ...ok, validTo: '2026-06-09' }, { scope: anOpenUnit, existing: [], today: TODAY }),
      ),
    ).toEqual(['validTo']);
    expect(
      fieldsOf(
        newGrantProblems(
          { ...ok, validFrom: '2026-06-09' },
          { scope: anOpenUnit, existing: [], today: TODAY },
        ),
      ),
    ).toEqual(['validFrom']);
  });
  it('names role when the same role over the same scope overlaps a grant the person holds', () => {
    expect(fieldsOf(newGrantProblems(ok, { scope: anOpenUnit, existing: [aGrant()], today: TODAY }))).toEqual(
      ['role'],
    );
  });
  it('is accepted beside the same role over another scope, or after the held one ends', () => {
    const other = aGrant({ scopeUnitId: '22222222-2222-4222-8222-222222222222' });
    const ended = aGrant({ validTo: '2026-06-09' });
    expect(newGrantProblems(ok, { scope: anOpenUnit, existing: [other, ended], today: TODAY })).toEqual([]);
  });
});

describe('ending a grant', () => {
  it('ends it today by default', () => {
    expect(endGrantPlan(aGrant(), { actorId: 'admin', today: TODAY })).toEqual({
      problems: [],
      action: 'end',
      validTo: TODAY,
    });
  });
  it('ends it on a later day when asked, but never later than it ends already', () => {
    expect(
      endGrantPlan(aGrant({ validTo: '2026-08-31' }), {
        actorId: 'admin',
        today: TODAY,
        validTo: '2026-07-01',
      }).validTo,
    ).toBe('2026-07-01');
    expect(
      fieldsOf(
        endGrantPlan(aGrant({ validTo: '2026-08-31' }), {
          actorId: 'admin',
          today: TODAY,
          validTo: '2026-09-01',
        }).problems,
      ),
    ).toEqual(['validTo']);
  });
  it('refuses an end in the past and a grant that ended already', () => {
    expect(
      fieldsOf(endGrantPlan(aGrant(), { actorId: 'admin', today: TODAY, validTo: '2026-06-09' }).problems),
    ).toEqual(['validTo']);
    expect(
      fieldsOf(endGrantPlan(aGrant({ validTo: '2026-06-09' }), { actorId: 'admin', today: TODAY }).problems),
    ).toEqual(['assignmentId']);
  });
  it('takes away a grant that has not begun, which never counted', () => {
    expect(endGrantPlan(aGrant({ validFrom: '2026-07-01' }), { actorId: 'admin', today: TODAY }).action).toBe(
      'remove',
    );
  });
  it("refuses an admin ending their own admin role, and allows ending another's", () => {
    const own = aGrant({ role: 'admin', scopeUnitId: null, userId: 'admin' });
    expect(fieldsOf(endGrantPlan(own, { actorId: 'admin', today: TODAY }).problems)).toEqual([
      'assignmentId',
    ]);
    expect(endGrantPlan(own, { actorId: 'other-admin', today: TODAY }).action).toBe('end');
  });
});

describe('deactivation', () => {
  it('refuses an admin deactivating themselves, and allows anyone else or a reactivation', () => {
    expect(fieldsOf(deactivationProblems('me', 'me', false))).toEqual(['active']);
    expect(deactivationProblems('them', 'me', false)).toEqual([]);
    expect(deactivationProblems('me', 'me', true)).toEqual([]);
  });
});

describe('the person snapshot', () => {
  it('has the import’s fields, leaves ended grants out and sorts the rest', () => {
    const snap = personSnapshot(
      {
        username: 'SE-1',
        displayName: 'Ny Person',
        email: null,
        employeeId: 'SE-1',
        active: true,
        externalIssuer: null,
        externalSubject: null,
        roles: [
          { role: 'requester', scopeUnitCode: 'SOM-MED', validFrom: null, validTo: null },
          { role: 'hr_reviewer', scopeUnitCode: 'SOM', validFrom: '2026-01-01', validTo: '2026-06-09' },
          { role: 'director', scopeUnitCode: 'SOM', validFrom: null, validTo: TODAY },
        ],
      },
      TODAY,
    );
    expect(snap).toEqual({
      id: 'SE-1',
      username: 'SE-1',
      name: 'Ny Person',
      email: null,
      active: true,
      identity: null,
      roles: [
        { role: 'director', scopeCode: 'SOM', validFrom: null, validTo: TODAY },
        { role: 'requester', scopeCode: 'SOM-MED', validFrom: null, validTo: null },
      ],
    });
  });
});
