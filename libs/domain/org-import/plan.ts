import type { Role } from '../enums';
import { periodsOverlap as overlaps } from '../role-grants';
import { cycleThrough, parentLevelProblem } from '../org-tree';
import type { ImportProblem, PersonRow, UnitRow } from './rows';

/**
 * The organisation import planned against the organisation as it is: what to create, what to change (before and
 * after), what to close or deactivate, and how much stays as it is. Pure: the caller reads the database and passes
 * today's Stockholm date. Applying a plan and planning the same file again gives an empty plan.
 */

/** A unit as the database holds it: the file's unit row without its line. */
export type UnitSnapshot = Omit<UnitRow, 'line'>;
export interface RoleGrant {
  role: Role;
  /** A unit code; null for the whole region. */
  scopeCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}
export interface PersonSnapshot {
  /** HSA id or employee number (`users.employee_id`). */
  id: string;
  name: string;
  email: string | null;
  active: boolean;
  roles: RoleGrant[];
}
export interface Organisation {
  units: UnitSnapshot[];
  /** The people the import manages: every user with an employee id. */
  people: PersonSnapshot[];
}

export type PlanItem =
  | { entity: 'unit'; key: string; before: UnitSnapshot | null; after: UnitSnapshot }
  | { entity: 'person'; key: string; before: PersonSnapshot | null; after: PersonSnapshot };

export interface ImportPlan {
  create: PlanItem[];
  change: PlanItem[];
  /** Units in the database but not in the file are closed (valid to today); such people are deactivated. */
  deactivate: PlanItem[];
  unchanged: { units: number; people: number };
}

export interface ValidatedFile {
  units: UnitRow[];
  people: PersonRow[];
}

const problem = (sheet: string, line: number, field: string, message: string): ImportProblem => ({
  sheet,
  line,
  field,
  message,
});

/**
 * The checks that need the whole file and the organisation as it is: duplicate codes and ids, parents and scopes
 * that exist nowhere, a parent that is not a division, a cycle in the tree. Problems name the line of the row at
 * fault.
 */
export function checkFile(
  file: ValidatedFile,
  current: Pick<Organisation, 'units'>,
  sheets: { units: string; people: string },
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const byCode = new Map<string, UnitRow>();
  for (const u of file.units) {
    const seen = byCode.get(u.code);
    if (seen)
      problems.push(problem(sheets.units, u.line, 'code', `"${u.code}" is already on line ${seen.line}`));
    else byCode.set(u.code, u);
  }
  const dbLevel = new Map(current.units.map((u) => [u.code, u.level]));
  const levelOf = (code: string) => byCode.get(code)?.level ?? dbLevel.get(code);
  for (const u of byCode.values()) {
    if (!u.parentCode) continue;
    // A unit naming itself is a cycle, reported below.
    if (u.parentCode === u.code) continue;
    const level = parentLevelProblem(
      levelOf(u.parentCode),
      `"${u.parentCode}"`,
      'the file or the organisation',
    );
    if (level) problems.push(problem(sheets.units, u.line, 'parentCode', level));
  }
  // A cycle: following parents from a row comes back to it. Reported once per row on the cycle.
  const parentOf = (code: string) => byCode.get(code)?.parentCode ?? null;
  for (const u of byCode.values()) {
    const cycle = cycleThrough(u.code, parentOf, byCode.size);
    if (cycle)
      problems.push(
        problem(sheets.units, u.line, 'parentCode', `the tree has a cycle: ${cycle.join(' → ')}`),
      );
  }

  const personAt = new Map<string, PersonRow>();
  const grantsOf = new Map<string, PersonRow[]>();
  for (const p of file.people) {
    const seen = personAt.get(p.id);
    if (!seen) personAt.set(p.id, p);
    else if (seen.name !== p.name || (seen.email ?? '') !== (p.email ?? ''))
      problems.push(
        problem(
          sheets.people,
          p.line,
          'id',
          `"${p.id}" is already on line ${seen.line} with another name or e-mail`,
        ),
      );
    if (p.scopeCode && !levelOf(p.scopeCode))
      problems.push(
        problem(
          sheets.people,
          p.line,
          'scopeCode',
          `"${p.scopeCode}" is no unit in the file or the organisation`,
        ),
      );
    if (!p.role) continue;
    const key = `${p.id}|${p.role}|${p.scopeCode ?? ''}`;
    const same = grantsOf.get(key) ?? [];
    const clash = same.find((q) => overlaps(q, p));
    if (clash)
      problems.push(
        problem(
          sheets.people,
          p.line,
          'role',
          `${p.role} over ${p.scopeCode ?? 'the region'} is already on line ${clash.line} for an overlapping period`,
        ),
      );
    grantsOf.set(key, [...same, p]);
  }
  return problems;
}

const grantKey = (g: RoleGrant) => `${g.role}|${g.scopeCode ?? ''}|${g.validFrom ?? ''}|${g.validTo ?? ''}`;
const sortGrants = (gs: RoleGrant[]) => [...gs].sort((a, b) => grantKey(a).localeCompare(grantKey(b)));
/** A grant that ended before today is history: neither side's copy of it is compared. */
const stillCounts = (today: string) => (g: RoleGrant) => g.validTo === null || g.validTo >= today;

const sameUnit = (a: UnitSnapshot, b: UnitSnapshot) =>
  (Object.keys(a) as (keyof UnitSnapshot)[]).every((k) => a[k] === b[k]);
const samePerson = (a: PersonSnapshot, b: PersonSnapshot) =>
  a.name === b.name &&
  a.email === b.email &&
  a.active === b.active &&
  a.roles.length === b.roles.length &&
  a.roles.every((g, i) => grantKey(g) === grantKey(b.roles[i]));

/** The people of a checked file, one per id with every role their rows name. */
function peopleOf(rows: PersonRow[], today: string): PersonSnapshot[] {
  const people = new Map<string, PersonSnapshot>();
  for (const r of rows) {
    const p = people.get(r.id) ?? { id: r.id, name: r.name, email: r.email, active: true, roles: [] };
    if (r.role)
      p.roles.push({ role: r.role, scopeCode: r.scopeCode, validFrom: r.validFrom, validTo: r.validTo });
    people.set(r.id, p);
  }
  return [...people.values()].map((p) => ({ ...p, roles: sortGrants(p.roles.filter(stillCounts(today))) }));
}

/** The plan for a file that passed `checkFile`. `today` is YYYY-MM-DD on the Stockholm calendar. */
export function planImport(file: ValidatedFile, current: Organisation, today: string): ImportPlan {
  const plan: ImportPlan = { create: [], change: [], deactivate: [], unchanged: { units: 0, people: 0 } };

  const dbUnits = new Map(current.units.map((u) => [u.code, u]));
  const fileCodes = new Set<string>();
  // Divisions first, so whoever applies the plan in order finds each parent made.
  const units = [...file.units].sort((a, b) => Number(a.level === 'unit') - Number(b.level === 'unit'));
  for (const { line: _line, ...after } of units) {
    fileCodes.add(after.code);
    const before = dbUnits.get(after.code);
    if (!before) plan.create.push({ entity: 'unit', key: after.code, before: null, after });
    else if (sameUnit(before, after)) plan.unchanged.units++;
    else plan.change.push({ entity: 'unit', key: after.code, before, after });
  }
  for (const before of current.units) {
    if (fileCodes.has(before.code)) continue;
    if (before.validTo !== null && before.validTo <= today) plan.unchanged.units++;
    else
      plan.deactivate.push({
        entity: 'unit',
        key: before.code,
        before,
        after: { ...before, validTo: today },
      });
  }

  const dbPeople = new Map(
    current.people.map((p) => [p.id, { ...p, roles: sortGrants(p.roles.filter(stillCounts(today))) }]),
  );
  const fileIds = new Set<string>();
  for (const after of peopleOf(file.people, today)) {
    fileIds.add(after.id);
    const before = dbPeople.get(after.id);
    if (!before) plan.create.push({ entity: 'person', key: after.id, before: null, after });
    else if (samePerson(before, after)) plan.unchanged.people++;
    else plan.change.push({ entity: 'person', key: after.id, before, after });
  }
  for (const before of dbPeople.values()) {
    if (fileIds.has(before.id)) continue;
    if (!before.active && before.roles.length === 0) plan.unchanged.people++;
    else
      plan.deactivate.push({
        entity: 'person',
        key: before.id,
        before,
        after: { ...before, active: false, roles: [] },
      });
  }
  return plan;
}

/** What applying changes of a person's roles means: grants to add and grants to end. */
export function roleChanges(before: RoleGrant[], after: RoleGrant[]): { add: RoleGrant[]; end: RoleGrant[] } {
  const was = new Set(before.map(grantKey));
  const will = new Set(after.map(grantKey));
  return {
    add: after.filter((g) => !was.has(grantKey(g))),
    end: before.filter((g) => !will.has(grantKey(g))),
  };
}

export const isEmptyPlan = (plan: ImportPlan) =>
  plan.create.length === 0 && plan.change.length === 0 && plan.deactivate.length === 0;
