import type { ImportProblem, Sheet } from './org-import/rows';

/**
 * Actuals (*utfall*) from the region's ledger: agency cost and own staff cost per month and division or unit, and
 * the rules an import of them must pass. Pure: the caller passes the organisation and today. File format:
 * docs/cost-actuals-import.md.
 */

/**
 * More than any one division or unit of a Swedish region spends on staff in a month (Västernorrland's largest
 * division has a budget of about 3.4 billion kronor a year): a figure above it is a typo (öre, or a column shift).
 */
export const MAX_MONTHLY_COST_SEK = 1_000_000_000;
/** The first month the import takes: the ledger exports the product is meant for are from this century. */
export const EARLIEST_ACTUALS_MONTH = '2000-01';

export const ACTUAL_FIELDS = ['month', 'code', 'agencyCostSek', 'ownStaffCostSek'] as const;
export type ActualField = (typeof ACTUAL_FIELDS)[number];
/** Header spellings, compared lower-case with spaces collapsed; the first is the template's own. */
export const ACTUAL_HEADERS: Record<ActualField, string[]> = {
  month: ['månad', 'period', 'month'],
  code: ['enhetskod', 'kod', 'unit code', 'code'],
  agencyCostSek: ['inhyrd personal (kr)', 'inhyrd personal', 'agency cost', 'agency cost sek'],
  ownStaffCostSek: ['egen personal (kr)', 'egen personal', 'own staff cost', 'own staff cost sek'],
};
/** The template's headers, in its column order. */
export const ACTUAL_COLUMNS = ACTUAL_FIELDS.map((f) => {
  const h = ACTUAL_HEADERS[f][0];
  return h.charAt(0).toUpperCase() + h.slice(1);
});
/** The sheet names a workbook may use (Swedish first, as in the template). */
export const ACTUALS_SHEETS = ['Utfall', 'Actuals'];

export interface ActualRow {
  line: number;
  /** First day of the month, YYYY-MM-01. */
  month: string;
  code: string;
  agencyCostSek: number;
  ownStaffCostSek: number;
}
/** A division or unit the import may book actuals on, by code. */
export interface CostUnit {
  code: string;
  level: 'division' | 'unit';
  parentCode: string | null;
}
/** What is booked now, keyed as the plan keys it. */
export interface ActualValues {
  agencyCostSek: number;
  ownStaffCostSek: number;
}
export const actualKey = (month: string, code: string) => `${month.slice(0, 7)}|${code}`;

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** YYYY-MM (or YYYY-MM-01, as Excel turns a month cell into a date) → YYYY-MM-01; undefined otherwise. */
export function parseMonth(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})(?:-01)?$/.exec(text.trim());
  if (!m) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${m[2]}-01` : undefined;
}

/** Whole kronor, ≥ 0: Swedish Excel writes `1 200 000` or `1200000,00`. A reason when it is not one. */
export function parseAmount(text: string): { value: number } | { problem: string } {
  const t = text.replace(/[\s\u00a0]/g, '');
  if (!t) return { problem: 'is empty' };
  if (/^-/.test(t)) return { problem: `"${text}" is negative; costs are 0 or more` };
  const whole = t.replace(/[,.]00?$/, '');
  if (!/^\d+$/.test(whole)) return { problem: `"${text}" is not an amount in whole kronor` };
  const value = Number(whole);
  if (value > MAX_MONTHLY_COST_SEK)
    return {
      problem: `"${text}" is more than ${MAX_MONTHLY_COST_SEK} kr in a month; check the unit (kronor, not öre)`,
    };
  return { value };
}

/** The sheet's rows, each checked on its own; problems name sheet, line and field. */
export function parseActuals(sheet: Sheet, today: string): { rows: ActualRow[]; problems: ImportProblem[] } {
  const names = sheet.header.map(norm);
  const at: Partial<Record<ActualField, number>> = {};
  for (const f of ACTUAL_FIELDS) {
    const i = ACTUAL_HEADERS[f].map((h) => names.indexOf(h)).find((x) => x >= 0);
    if (i !== undefined) at[f] = i;
  }
  const missing = ACTUAL_FIELDS.filter((f) => at[f] === undefined).map((f) => ({
    sheet: sheet.name,
    line: 1,
    field: f,
    message: `has no column (expected a header "${ACTUAL_COLUMNS[ACTUAL_FIELDS.indexOf(f)]}")`,
  }));
  if (missing.length) return { rows: [], problems: missing };
  const problems: ImportProblem[] = [];
  const rows: ActualRow[] = [];
  const thisMonth = `${today.slice(0, 7)}-01`;
  for (const row of sheet.rows) {
    if (row.cells.every((c) => !c || !c.trim())) continue;
    const before = problems.length;
    const problem = (field: ActualField, message: string) =>
      problems.push({ sheet: sheet.name, line: row.line, field, message });
    const cell = (f: ActualField) => (row.cells[at[f]!] ?? '').trim();
    const monthText = cell('month');
    const month = parseMonth(monthText);
    if (!monthText) problem('month', 'is empty');
    else if (!month) problem('month', `"${monthText}" is not a month (write YYYY-MM)`);
    else if (month < `${EARLIEST_ACTUALS_MONTH}-01`)
      problem('month', `must not be before ${EARLIEST_ACTUALS_MONTH}`);
    else if (month > thisMonth)
      problem('month', `"${monthText}" is in the future; actuals are for months begun`);
    const code = cell('code');
    if (!code) problem('code', 'is empty');
    const amounts = (['agencyCostSek', 'ownStaffCostSek'] as const).map((f) => {
      const parsed = parseAmount(cell(f));
      if ('problem' in parsed) problem(f, parsed.problem);
      return 'value' in parsed ? parsed.value : 0;
    });
    if (problems.length === before)
      rows.push({
        line: row.line,
        month: month!,
        code,
        agencyCostSek: amounts[0],
        ownStaffCostSek: amounts[1],
      });
  }
  return { rows, problems };
}

/**
 * The rules across rows: a code must be a division or unit of the organisation; a (month, code) once; and a month
 * may not hold both a division's row and rows of its units, which the statistics would count twice (a division's
 * figure is its own row plus its units' rows).
 */
export function checkActuals(sheetName: string, rows: ActualRow[], units: CostUnit[]): ImportProblem[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const problem = (field: ActualField, message: string) =>
      problems.push({ sheet: sheetName, line: r.line, field, message });
    if (!byCode.has(r.code)) problem('code', `"${r.code}" is no division or unit of the organisation`);
    const key = actualKey(r.month, r.code);
    const first = seen.get(key);
    if (first !== undefined)
      problem(
        'code',
        `${r.code} ${r.month.slice(0, 7)} is already on line ${first}; one row per month and unit`,
      );
    else seen.set(key, r.line);
  }
  const divisionLines = new Map<string, number>();
  for (const r of rows)
    if (byCode.get(r.code)?.level === 'division') divisionLines.set(actualKey(r.month, r.code), r.line);
  for (const r of rows) {
    const u = byCode.get(r.code);
    if (u?.level !== 'unit' || !u.parentCode) continue;
    const line = divisionLines.get(actualKey(r.month, u.parentCode));
    if (line !== undefined)
      problems.push({
        sheet: sheetName,
        line: r.line,
        field: 'code',
        message: `${r.code} is a unit of ${u.parentCode}, which line ${line} books for ${r.month.slice(0, 7)} too; the division's figure would count it twice (book the division or its units)`,
      });
  }
  return problems;
}

export interface ActualsPlanItem {
  month: string;
  code: string;
  before: ActualValues | null;
  after: ActualValues;
}
export interface ActualsPlan {
  create: ActualsPlanItem[];
  change: ActualsPlanItem[];
  unchanged: number;
}

/**
 * What the file changes against what is booked: rows new to the ledger, rows with other amounts (before → after),
 * and how many are the same. Months and units the file does not mention are left as they are (an export of one
 * month does not erase the others).
 */
export function planActuals(rows: ActualRow[], current: Map<string, ActualValues>): ActualsPlan {
  const plan: ActualsPlan = { create: [], change: [], unchanged: 0 };
  for (const r of rows) {
    const after = { agencyCostSek: r.agencyCostSek, ownStaffCostSek: r.ownStaffCostSek };
    const before = current.get(actualKey(r.month, r.code)) ?? null;
    const item = { month: r.month, code: r.code, before, after };
    if (!before) plan.create.push(item);
    else if (before.agencyCostSek !== after.agencyCostSek || before.ownStaffCostSek !== after.ownStaffCostSek)
      plan.change.push(item);
    else plan.unchanged++;
  }
  return plan;
}

/** Agency cost as a share of the total staff cost (own plus hired); null when there is no cost at all. */
export function agencyShare(agency: number, own: number): number | null {
  return agency + own > 0 ? agency / (agency + own) : null;
}
