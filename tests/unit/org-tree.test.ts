import {
  type AdminUnit,
  changeProblems,
  closeProblems,
  cycleThrough,
  newOrgUnitSchema,
  orgUnitChangeSchema,
  unitProblems,
} from '@domain/org-tree';
import { zodProblems } from '@domain/schema-parts';
import { fieldMessageKey } from '../../apps/web/src/i18n/field-message-patterns';
import { en } from '../../apps/web/src/i18n/en';
import { sv } from '../../apps/web/src/i18n/sv';

const aDivision = (key: string, o: Partial<AdminUnit> = {}): AdminUnit => ({
  key,
  code: key.toUpperCase(),
  parentKey: null,
  level: 'division',
  validFrom: null,
  validTo: null,
  ...o,
});
const aUnit = (key: string, parentKey: string, o: Partial<AdminUnit> = {}): AdminUnit => ({
  ...aDivision(key),
  level: 'unit',
  parentKey,
  ...o,
});
const tree = () => [aDivision('som'), aUnit('som-akut', 'som'), aUnit('som-med', 'som'), aDivision('psy')];
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('the organisation tree', () => {
  it('accepts a new unit under a division and a new division without a parent', () => {
    expect(unitProblems(tree(), aUnit('new', 'psy'))).toEqual([]);
    expect(unitProblems(tree(), aDivision('new'))).toEqual([]);
  });

  it('refuses a division with a parent and a unit without one', () => {
    expect(unitProblems(tree(), aDivision('new', { parentKey: 'som' }))).toEqual([
      { field: 'parentId', message: 'a division has no parent' },
    ]);
    expect(unitProblems(tree(), aUnit('new', 'x', { parentKey: null }))).toEqual([
      { field: 'parentId', message: 'a unit needs its division' },
    ]);
  });

  it('refuses a parent that is a unit or is nowhere', () => {
    expect(unitProblems(tree(), aUnit('new', 'som-akut'))).toEqual([
      { field: 'parentId', message: 'the parent is a unit, not a division' },
    ]);
    expect(unitProblems(tree(), aUnit('new', 'gone'))).toEqual([
      { field: 'parentId', message: 'the parent is no unit in the organisation' },
    ]);
  });

  it('refuses a unit made its own parent', () => {
    expect(unitProblems(tree(), aUnit('som-akut', 'som-akut'))).toEqual([
      { field: 'parentId', message: 'would make the unit its own parent' },
    ]);
  });

  it('finds a cycle however long, and only through the unit asked about', () => {
    const parents: Record<string, string> = { a: 'b', b: 'c', c: 'a', d: 'a' };
    expect(cycleThrough('a', (k) => parents[k], 4)).toEqual(['a', 'b', 'c', 'a']);
    expect(cycleThrough('d', (k) => parents[k], 4)).toBeUndefined();
  });

  it('refuses a code another unit has', () => {
    expect(fields(unitProblems(tree(), aUnit('new', 'som', { code: 'SOM-AKUT' })))).toEqual(['code']);
    expect(unitProblems(tree(), tree()[1])).toEqual([]);
  });

  it('refuses a period that ends before it starts', () => {
    expect(
      unitProblems(tree(), aUnit('new', 'som', { validFrom: '2026-05-01', validTo: '2026-04-30' })),
    ).toEqual([{ field: 'validTo', message: 'ends (2026-04-30) before it starts (2026-05-01)' }]);
  });

  it('keeps a unit within its division: it closes no later than the division', () => {
    const closing = [aDivision('som', { validTo: '2026-12-31' }), aUnit('som-akut', 'som')];
    expect(fields(unitProblems(closing, aUnit('new', 'som')))).toEqual(['validTo']);
    expect(unitProblems(closing, aUnit('new', 'som', { validTo: '2026-12-31' }))).toEqual([]);
  });
});

describe('closing', () => {
  const today = '2026-12-02';

  it('closes a unit from today on, or a later day', () => {
    expect(closeProblems(tree(), tree()[1], today, today)).toEqual([]);
    expect(closeProblems(tree(), tree()[1], '2027-01-31', today)).toEqual([]);
  });

  it('refuses a day in the past and a unit already closed', () => {
    expect(closeProblems(tree(), tree()[1], '2026-12-01', today)).toEqual([
      { field: 'validTo', message: 'is before today (2026-12-02)' },
    ]);
    const closed = aUnit('som-akut', 'som', { validTo: '2026-01-31' });
    expect(fields(closeProblems(tree(), closed, '2027-01-31', today))).toEqual(['validTo']);
  });

  it('refuses to close a division while it has units open after that day, and closes it once they are', () => {
    const [som] = tree();
    expect(closeProblems(tree(), som, today, today)).toEqual([
      {
        field: 'validTo',
        message: 'the division has units open after 2026-12-02: SOM-AKUT, SOM-MED; close them first',
      },
    ]);
    const unitsClosed = [
      som,
      aUnit('som-akut', 'som', { validTo: '2026-06-30' }),
      aUnit('som-med', 'som', { validTo: today }),
    ];
    expect(closeProblems(unitsClosed, som, today, today)).toEqual([]);
  });

  it('lets a change reopen a unit but not back-date its close', () => {
    const closed = aUnit('som-akut', 'som', { validTo: '2026-01-31' });
    expect(changeProblems(tree(), closed, { ...closed, validTo: null }, today)).toEqual([]);
    expect(changeProblems(tree(), tree()[1], { ...tree()[1], validTo: '2026-11-30' }, today)).toEqual([
      { field: 'validTo', message: 'is before today (2026-12-02)' },
    ]);
    // An old close left as it is does not stop a rename.
    expect(changeProblems(tree(), closed, { ...closed }, today)).toEqual([]);
  });
});

describe('the admin inputs', () => {
  it('takes a new unit with defaults for what it leaves out', () => {
    expect(newOrgUnitSchema.parse({ code: 'X-1', name: ' Ny ', level: 'division' })).toEqual({
      code: 'X-1',
      name: 'Ny',
      level: 'division',
      parentId: null,
      budgetSek: null,
      staffCostSek: null,
      validFrom: null,
      validTo: null,
    });
  });

  it('refuses unknown fields, a bad code, negative kronor and dates that are not dates', () => {
    const r = newOrgUnitSchema.safeParse({
      code: 'två ord',
      name: 'x',
      level: 'unit',
      budgetSek: -1,
      validFrom: '2026-02-30',
      colour: 'red',
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.') || i.code);
    expect(paths.sort()).toEqual(['budgetSek', 'code', 'unrecognized_keys', 'validFrom']);
  });

  it('changes neither code nor level, and refuses an empty change', () => {
    expect(orgUnitChangeSchema.safeParse({ code: 'NY' }).success).toBe(false);
    expect(orgUnitChangeSchema.safeParse({ level: 'unit' }).success).toBe(false);
    expect(orgUnitChangeSchema.safeParse({}).success).toBe(false);
    expect(orgUnitChangeSchema.parse({ name: 'Nytt namn' })).toEqual({ name: 'Nytt namn' });
  });
});

describe('the words of the admin’s refusals', () => {
  const today = '2026-12-02';
  const closed = aUnit('som-akut', 'som', { validTo: '2026-01-31' });
  const closing = [aDivision('som', { validTo: '2026-12-31' }), aUnit('som-akut', 'som')];
  const refusals = [
    unitProblems(tree(), aDivision('new', { parentKey: 'som' })),
    unitProblems(tree(), aUnit('new', 'x', { parentKey: null })),
    unitProblems(tree(), aUnit('new', 'som-akut')),
    unitProblems(tree(), aUnit('new', 'gone')),
    unitProblems(tree(), aUnit('som-akut', 'som-akut')),
    unitProblems(tree(), aUnit('new', 'som', { code: 'SOM-AKUT' })),
    unitProblems(tree(), aUnit('new', 'som', { validFrom: '2026-05-01', validTo: '2026-04-30' })),
    unitProblems(closing, aUnit('new', 'som')),
    closeProblems(tree(), tree()[1], '2026-12-01', today),
    closeProblems(tree(), closed, '2027-01-31', today),
    closeProblems(tree(), tree()[0], today, today),
    zodProblems(
      newOrgUnitSchema.safeParse({ code: 'två ord', name: '', level: 'x', parentId: 'y', budgetSek: -1 })
        .error!,
    ),
    zodProblems(
      newOrgUnitSchema.safeParse({ code: 'A', name: 'a', level: 'unit', staffCostSek: 1.5 }).error!,
    ),
  ];
  const messages = [...new Set(refusals.flat().map((p) => p.message))];
  const lookup = (catalogue: object, key: string) =>
    key.split('.').reduce<unknown>((at, k) => (at as Record<string, unknown> | undefined)?.[k], catalogue);

  it('makes the refusals it is meant to', () => {
    expect(messages.length).toBeGreaterThanOrEqual(15);
  });

  it.each(messages)('has Swedish and English words for “%s”', (message) => {
    const found = fieldMessageKey(message);
    expect(found).toBeDefined();
    expect(typeof lookup(sv, found!.key)).toBe('string');
    expect(typeof lookup(en, found!.key)).toBe('string');
  });
});
