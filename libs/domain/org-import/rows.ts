import { ROLES, type Role } from '../enums';
import { periodProblem } from '../role-grants';
import { ORG_LEVELS, type OrgLevel, parentPresenceProblem, UNIT_CODE } from '../org-tree';

/**
 * The organisation import, from sheets to validated rows. A sheet is what a reader (XLSX or CSV) hands over: its
 * header cells and each row's cells as text, with the line number the spreadsheet shows. Headers are Swedish, English
 * accepted, any case; unknown columns are ignored. Template: docs/organisation-import.md.
 */

export interface ImportProblem {
  /** Where the problem is, as the region sees it: `Enheter`, `Personer` or the file name. */
  sheet: string;
  /** The row as the spreadsheet numbers it (the header is line 1); 0 for a problem with the whole file. */
  line: number;
  /** The column (canonical English name), or `file`. */
  field: string;
  message: string;
}

export interface SheetRow {
  line: number;
  cells: string[];
}
export interface Sheet {
  /** The name problems cite, e.g. `Enheter`. */
  name: string;
  header: string[];
  rows: SheetRow[];
}

export const UNIT_FIELDS = [
  'code',
  'parentCode',
  'name',
  'level',
  'budgetSek',
  'staffCostSek',
  'validFrom',
  'validTo',
] as const;
export const PERSON_FIELDS = ['id', 'name', 'email', 'role', 'scopeCode', 'validFrom', 'validTo'] as const;
type UnitField = (typeof UNIT_FIELDS)[number];
type PersonField = (typeof PERSON_FIELDS)[number];

/** Header spellings per field, compared lower-case with spaces collapsed. The first is the template's own. */
export const UNIT_HEADERS: Record<UnitField, string[]> = {
  code: ['enhetskod', 'kod', 'unit code', 'code'],
  parentCode: ['överordnad kod', 'överordnad', 'parent code', 'parent'],
  name: ['namn', 'name'],
  level: ['nivå', 'level'],
  budgetSek: ['budget (kr)', 'budget', 'budget sek'],
  staffCostSek: ['personalkostnad (kr)', 'personalkostnad', 'staff cost', 'staff cost sek'],
  validFrom: ['giltig från', 'från', 'valid from', 'from'],
  validTo: ['giltig till', 'till', 'valid to', 'to'],
};
export const PERSON_HEADERS: Record<PersonField, string[]> = {
  id: ['id (hsa-id)', 'hsa-id', 'id', 'anställningsnummer', 'employee id'],
  name: ['namn', 'name'],
  email: ['e-post', 'epost', 'email', 'e-mail'],
  role: ['roll', 'role'],
  scopeCode: ['omfattning (enhetskod)', 'omfattning', 'scope code', 'scope'],
  validFrom: ['från', 'giltig från', 'from', 'valid from'],
  validTo: ['till', 'giltig till', 'to', 'valid to'],
};

/** The scope code that means the whole region (a region-wide grant), spelled out so an empty cell is never one. */
export const REGION_SCOPE = 'REGION';

const LEVEL_WORDS: Record<string, OrgLevel> = {
  ...Object.fromEntries(ORG_LEVELS.map((l) => [l, l])),
  förvaltning: 'division',
  område: 'division',
  enhet: 'unit',
};

/** Role names the file may use: the product's own, plus Swedish words for them. */
const ROLE_WORDS: Record<string, Role> = {
  ...Object.fromEntries(ROLES.map((r) => [r, r])),
  beställare: 'requester',
  'hr-granskare': 'hr_reviewer',
  'hr-chef': 'hr_lead',
  förvaltningschef: 'director',
  direktör: 'director',
  ledning: 'executive',
  uppföljare: 'follow_up',
  styrgrupp: 'follow_up',
  administratör: 'admin',
};

export interface UnitRow {
  line: number;
  code: string;
  parentCode: string | null;
  name: string;
  level: OrgLevel;
  budgetSek: number | null;
  staffCostSek: number | null;
  validFrom: string | null;
  validTo: string | null;
}
export interface PersonRow {
  line: number;
  id: string;
  name: string;
  email: string | null;
  role: Role | null;
  /** A unit code, or null for the whole region (written REGION). */
  scopeCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Which column holds each field; problems for a required field with no column. */
function columns<F extends string>(
  sheet: Sheet,
  headers: Record<F, string[]>,
  required: NoInfer<F>[],
): { at: Partial<Record<F, number>>; problems: ImportProblem[] } {
  const names = sheet.header.map(norm);
  const at: Partial<Record<F, number>> = {};
  for (const field of Object.keys(headers) as F[]) {
    // The template's own spelling wins over a shorter synonym another field also answers to (`från`).
    const index = headers[field].map((h) => names.indexOf(h)).find((i) => i >= 0);
    if (index !== undefined) at[field] = index;
  }
  const problems = required
    .filter((f) => at[f] === undefined)
    .map((f) => ({
      sheet: sheet.name,
      line: 1,
      field: f,
      message: `has no column (expected a header "${headers[f][0]}")`,
    }));
  return { at, problems };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A calendar date as YYYY-MM-DD; undefined when the text is not one (2026-02-30 is not). */
export function parseDate(text: string): string | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d
    ? text.trim()
    : undefined;
}

/** Whole kronor; Swedish Excel writes `1 200 000` or `1200000,00`. */
function parseKronor(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0]/g, '').replace(/,00$|\.00$/, '');
  if (!/^\d{1,15}$/.test(t)) return undefined;
  return Number(t);
}

/** An e-mail address as the import and the admin pages accept it. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A unit code or a person's id (HSA id or employee number), as the import and the admin pages accept it. */
export const CODE = UNIT_CODE;

interface Reader {
  text(field: string, index: number | undefined): string;
  problem(field: string, message: string): void;
  date(field: string, index: number | undefined): string | null;
}
function reader(sheet: Sheet, row: SheetRow, problems: ImportProblem[]): Reader {
  const problem = (field: string, message: string) =>
    problems.push({ sheet: sheet.name, line: row.line, field, message });
  const text = (_field: string, index: number | undefined) =>
    index === undefined ? '' : (row.cells[index] ?? '').trim();
  return {
    text,
    problem,
    date(field, index) {
      const t = text(field, index);
      if (!t) return null;
      const d = parseDate(t);
      if (!d) problem(field, `"${t}" is not a date (write YYYY-MM-DD)`);
      return d ?? null;
    },
  };
}
const blank = (row: SheetRow) => row.cells.every((c) => !c || !c.trim());

function period(r: Reader, from: string | null, to: string | null) {
  const problem = periodProblem({ validFrom: from, validTo: to });
  if (problem) r.problem('validTo', problem);
}

export function parseUnits(sheet: Sheet): { rows: UnitRow[]; problems: ImportProblem[] } {
  const { at, problems } = columns(sheet, UNIT_HEADERS, ['code', 'name', 'level']);
  if (problems.length) return { rows: [], problems };
  const rows: UnitRow[] = [];
  for (const row of sheet.rows) {
    if (blank(row)) continue;
    const before = problems.length;
    const r = reader(sheet, row, problems);
    const code = r.text('code', at.code);
    if (!code) r.problem('code', 'is empty');
    else if (!CODE.test(code)) r.problem('code', `"${code}" is not a code (letters, digits, - _ . /)`);
    const name = r.text('name', at.name);
    if (!name) r.problem('name', 'is empty');
    const levelText = r.text('level', at.level);
    const level = LEVEL_WORDS[norm(levelText)];
    if (!level) r.problem('level', `"${levelText}" is not a level (division or unit)`);
    const parentCode = r.text('parentCode', at.parentCode) || null;
    const presence = level && parentPresenceProblem(level, parentCode !== null, 'the code of its division');
    if (presence) r.problem('parentCode', presence);
    const money = (field: 'budgetSek' | 'staffCostSek') => {
      const t = r.text(field, at[field]);
      if (!t) return null;
      const n = parseKronor(t);
      if (n === undefined) r.problem(field, `"${t}" is not an amount in whole kronor`);
      return n ?? null;
    };
    const budgetSek = money('budgetSek');
    const staffCostSek = money('staffCostSek');
    const validFrom = r.date('validFrom', at.validFrom);
    const validTo = r.date('validTo', at.validTo);
    period(r, validFrom, validTo);
    if (problems.length === before)
      rows.push({
        line: row.line,
        code,
        parentCode,
        name,
        level: level!,
        budgetSek,
        staffCostSek,
        validFrom,
        validTo,
      });
  }
  return { rows, problems };
}

export function parsePeople(sheet: Sheet): { rows: PersonRow[]; problems: ImportProblem[] } {
  const { at, problems } = columns(sheet, PERSON_HEADERS, ['id', 'name', 'role', 'scopeCode']);
  if (problems.length) return { rows: [], problems };
  const rows: PersonRow[] = [];
  for (const row of sheet.rows) {
    if (blank(row)) continue;
    const before = problems.length;
    const r = reader(sheet, row, problems);
    const id = r.text('id', at.id);
    if (!id) r.problem('id', 'is empty');
    else if (!CODE.test(id)) r.problem('id', `"${id}" is not an id (letters, digits, - _ . /)`);
    const name = r.text('name', at.name);
    if (!name) r.problem('name', 'is empty');
    const email = r.text('email', at.email) || null;
    if (email && !EMAIL.test(email)) r.problem('email', `"${email}" is not an e-mail address`);
    const roleText = r.text('role', at.role);
    const role = roleText ? ROLE_WORDS[norm(roleText)] : null;
    if (roleText && !role) r.problem('role', `"${roleText}" is not a role (one of ${ROLES.join(', ')})`);
    const scopeText = r.text('scopeCode', at.scopeCode);
    if (role && !scopeText)
      r.problem('scopeCode', `is empty (a unit or division code, or ${REGION_SCOPE} for the whole region)`);
    const scopeCode = scopeText.toUpperCase() === REGION_SCOPE ? null : scopeText || null;
    const validFrom = r.date('validFrom', at.validFrom);
    const validTo = r.date('validTo', at.validTo);
    period(r, validFrom, validTo);
    if (problems.length === before)
      rows.push({ line: row.line, id, name, email, role: role ?? null, scopeCode, validFrom, validTo });
  }
  return { rows, problems };
}
