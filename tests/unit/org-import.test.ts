import {
  type Organisation,
  type ImportFile,
  planOrganisationImport,
  parseDate,
  type Sheet,
} from '@domain/org-import';

const TODAY = '2026-12-01';
const UNIT_HEADER = [
  'Enhetskod',
  'Överordnad kod',
  'Namn',
  'Nivå',
  'Budget (kr)',
  'Personalkostnad (kr)',
  'Giltig från',
  'Giltig till',
];
const PERSON_HEADER = ['Id (HSA-id)', 'Namn', 'E-post', 'Roll', 'Omfattning (enhetskod)', 'Från', 'Till'];

const sheet = (name: string, header: string[], rows: string[][]): Sheet => ({
  name,
  header,
  rows: rows.map((cells, i) => ({ line: i + 2, cells })),
});
const aFile = (opts: { units?: string[][]; people?: string[][] } = {}): ImportFile => ({
  fileName: 'org.xlsx',
  units: sheet(
    'Enheter',
    UNIT_HEADER,
    opts.units ?? [
      ['MED', '', 'Medicin', 'division', '1000000', '800000', '', ''],
      ['MED-AKUT', 'MED', 'Akuten', 'unit', '', '', '', ''],
    ],
  ),
  people: sheet(
    'Personer',
    PERSON_HEADER,
    opts.people ?? [
      ['SE1', 'Anna A', 'anna@region.se', 'requester', 'MED-AKUT', '', ''],
      ['SE1', 'Anna A', 'anna@region.se', 'hr_reviewer', 'MED', '', ''],
      ['SE2', 'Bo B', '', 'admin', 'REGION', '', ''],
    ],
  ),
});
const empty: Organisation = { units: [], people: [] };

/** The organisation a file's plan would leave behind: what the database holds after applying it. */
function applied(file: ImportFile, current: Organisation = empty): Organisation {
  const { plan } = planOrganisationImport(file, current, TODAY);
  if (!plan) throw new Error('file has problems');
  const units = new Map(current.units.map((u) => [u.code, u]));
  const people = new Map(current.people.map((p) => [p.id, p]));
  for (const item of [...plan.create, ...plan.change, ...plan.deactivate]) {
    if (item.entity === 'unit') units.set(item.key, item.after);
    else people.set(item.key, item.after);
  }
  return { units: [...units.values()], people: [...people.values()] };
}

describe('organisation import planning', () => {
  it('creates every unit and person of a first import, divisions before their units', () => {
    const { problems, plan } = planOrganisationImport(aFile(), empty, TODAY);
    expect(problems).toEqual([]);
    expect(plan!.create.map((i) => `${i.entity}:${i.key}`)).toEqual([
      'unit:MED',
      'unit:MED-AKUT',
      'person:SE1',
      'person:SE2',
    ]);
    const anna = plan!.create.find((i) => i.key === 'SE1')!.after;
    expect(anna).toMatchObject({ name: 'Anna A', active: true });
    expect('roles' in anna && anna.roles.map((r) => r.role)).toEqual(['hr_reviewer', 'requester']);
  });

  it('plans nothing when the same file is imported again', () => {
    const after = applied(aFile());
    const { plan } = planOrganisationImport(aFile(), after, TODAY);
    expect(plan).toEqual({ create: [], change: [], deactivate: [], unchanged: { units: 2, people: 2 } });
  });

  it('deactivates a person missing from the file and closes a missing unit today, once', () => {
    const after = applied(aFile());
    const smaller = aFile({
      units: [['MED', '', 'Medicin', 'division', '1000000', '800000', '', '']],
      people: [['SE2', 'Bo B', '', 'admin', 'REGION', '', '']],
    });
    const { plan } = planOrganisationImport(smaller, after, TODAY);
    expect(plan!.deactivate.map((i) => [i.key, i.after])).toEqual([
      ['MED-AKUT', expect.objectContaining({ validTo: TODAY })],
      ['SE1', expect.objectContaining({ active: false, roles: [] })],
    ]);
    const second = planOrganisationImport(smaller, applied(smaller, after), TODAY).plan!;
    expect(second.deactivate).toEqual([]);
    expect(second.unchanged).toEqual({ units: 2, people: 2 });
  });

  it('shows a changed role with the person before and after', () => {
    const after = applied(aFile());
    const changed = aFile();
    changed.people.rows[1].cells[3] = 'hr_lead';
    const { plan } = planOrganisationImport(changed, after, TODAY);
    expect(plan!.change).toHaveLength(1);
    const [item] = plan!.change;
    expect(item.before && 'roles' in item.before && item.before.roles.map((r) => r.role)).toContain(
      'hr_reviewer',
    );
    expect('roles' in item.after && item.after.roles.map((r) => r.role)).toContain('hr_lead');
  });

  it('ignores a grant that ended before today on both sides, so re-imports stay empty', () => {
    const file = aFile();
    file.people.rows.push({
      line: 5,
      cells: ['SE2', 'Bo B', '', 'director', 'MED', '2026-01-01', '2026-06-30'],
    });
    expect(planOrganisationImport(file, applied(file), TODAY).plan!.change).toEqual([]);
  });
});

describe('organisation import checks', () => {
  const problemsOf = (file: ImportFile, current = empty) =>
    planOrganisationImport(file, current, TODAY).problems;

  it('finds a cycle in the unit tree', () => {
    const problems = problemsOf(
      aFile({
        units: [
          ['A', 'B', 'A', 'unit', '', '', '', ''],
          ['B', 'A', 'B', 'unit', '', '', '', ''],
        ],
        people: [['SE1', 'Anna', '', 'requester', 'A', '', '']],
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sheet: 'Enheter',
          line: 2,
          field: 'parentCode',
          message: expect.stringMatching(/cycle/),
        }),
      ]),
    );
  });

  it('names an unknown parent, role, scope code and a duplicate code or id by line', () => {
    const problems = problemsOf(
      aFile({
        units: [
          ['MED', '', 'Medicin', 'division', '', '', '', ''],
          ['X', 'NOPE', 'X', 'unit', '', '', '', ''],
          ['MED', '', 'Medicin igen', 'division', '', '', '', ''],
        ],
        people: [
          ['SE1', 'Anna', '', 'boss', 'MED', '', ''],
          ['SE2', 'Bo', '', 'requester', 'GONE', '', ''],
          ['SE3', 'Cia', '', 'requester', 'MED', '', ''],
          ['SE3', 'Cia Other', '', 'requester', 'MED', '', ''],
        ],
      }),
    );
    expect(problems.map((p) => `${p.sheet}:${p.line}:${p.field}`)).toEqual([
      'Enheter:3:parentCode',
      'Enheter:4:code',
      'Personer:2:role',
      'Personer:3:scopeCode',
      'Personer:5:id',
      'Personer:5:role',
    ]);
  });

  it('accepts a scope or parent the database has although the file does not', () => {
    const current: Organisation = {
      units: [
        {
          code: 'OLD',
          parentCode: null,
          name: 'Old',
          level: 'division',
          budgetSek: null,
          staffCostSek: null,
          validFrom: null,
          validTo: null,
        },
      ],
      people: [],
    };
    expect(
      problemsOf(
        aFile({
          units: [['U', 'OLD', 'U', 'unit', '', '', '', '']],
          people: [['SE1', 'Anna', '', 'requester', 'OLD', '', '']],
        }),
        current,
      ),
    ).toEqual([]);
  });

  it('refuses bad dates and a period that ends before it starts', () => {
    const problems = problemsOf(
      aFile({
        people: [
          ['SE1', 'Anna', '', 'requester', 'MED', '2026-02-30', ''],
          ['SE2', 'Bo', '', 'requester', 'MED', '2026-05-01', '2026-04-01'],
        ],
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, field: 'validFrom', message: expect.stringMatching(/not a date/) }),
      expect.objectContaining({
        line: 3,
        field: 'validTo',
        message: expect.stringMatching(/before it starts/),
      }),
    ]);
    expect(parseDate('2028-02-29')).toBe('2028-02-29');
  });

  it('refuses an empty file and a sheet with no column for a required field', () => {
    expect(problemsOf(aFile({ units: [], people: [] }))).toEqual([
      expect.objectContaining({
        line: 0,
        field: 'file',
        message: expect.stringMatching(/no units and no people/),
      }),
    ]);
    const noRole = aFile();
    noRole.people.header = ['Id', 'Namn', 'E-post', 'Omfattning'];
    expect(problemsOf(noRole)).toEqual([
      expect.objectContaining({ sheet: 'Personer', line: 1, field: 'role' }),
    ]);
  });

  it('accepts English headers and Swedish level words', () => {
    const file = aFile({
      units: [
        ['MED', '', 'Medicin', 'förvaltning', '1 000 000', '', '', ''],
        ['MED-AKUT', 'MED', 'Akuten', 'enhet', '', '', '', ''],
      ],
    });
    file.units.header = [
      'Unit code',
      'Parent code',
      'Name',
      'Level',
      'Budget',
      'Staff cost',
      'Valid from',
      'Valid to',
    ];
    const { problems, plan } = planOrganisationImport(file, empty, TODAY);
    expect(problems).toEqual([]);
    expect(plan!.create[0].after).toMatchObject({ level: 'division', budgetSek: 1000000 });
  });
});
