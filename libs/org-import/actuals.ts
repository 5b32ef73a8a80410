import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import {
  ACTUAL_COLUMNS,
  ACTUALS_SHEETS,
  type ActualRow,
  type ActualsPlan,
  checkActuals,
  parseActuals,
  planActuals,
} from '@domain/cost-actuals';
import type { ImportProblem, Sheet } from '@domain/org-import';
import { CostRepository, type CostUnitRow } from '@db/repositories/cost.repository';
import { parseCsv } from './csv';
import { isOle, isZip, MAX_IMPORT_BYTES, sheetOf, textOf, UnreadableImport } from './read';

/**
 * The actuals import (docs/cost-actuals-import.md): the same shape as the organisation's, one sheet `Utfall` (or a
 * CSV with its columns), a dry run that plans and an apply that writes exactly what the dry run of the same file
 * planned, in one transaction with an audit row per month and unit it creates or changes.
 */

/** The sheet of an XLSX workbook (`Utfall`, or its only sheet) or a CSV text; throws UnreadableImport otherwise. */
export async function readActualsFile(bytes: Uint8Array, fileName: string): Promise<Sheet> {
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new UnreadableImport(
      413,
      `${fileName} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the import reads files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    );
  if (isZip(bytes)) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw new UnreadableImport(422, `${fileName} is a zip file but no readable XLSX workbook`);
    }
    const named = workbook.worksheets.find((ws) =>
      ACTUALS_SHEETS.some((n) => n.toLowerCase() === ws.name.trim().toLowerCase()),
    );
    const sheet = named ?? (workbook.worksheets.length === 1 ? workbook.worksheets[0] : undefined);
    if (!sheet)
      throw new UnreadableImport(
        422,
        `${fileName} needs the sheet "${ACTUALS_SHEETS[0]}"; it has ${workbook.worksheets.map((w) => `"${w.name}"`).join(', ') || 'none'}`,
      );
    return sheetOf(sheet);
  }
  if (isOle(bytes))
    throw new UnreadableImport(
      415,
      `${fileName} is an old Excel file (.xls): save it as .xlsx or CSV and try again`,
    );
  const text = textOf(bytes);
  if (text === undefined)
    throw new UnreadableImport(415, `${fileName} is neither an XLSX workbook nor a CSV text file (UTF-8)`);
  const [head, ...records] = parseCsv(text);
  return { name: fileName, header: head?.cells ?? [], rows: records };
}

export interface ActualsOutcome {
  applied: boolean;
  rows: number;
  problems: ImportProblem[];
  plan: ActualsPlan | null;
}

/** Reads what is booked, plans the sheet against it and, when asked and the sheet has no problems, applies it. */
export async function importActuals(
  dataSource: DataSource,
  sheet: Sheet,
  options: {
    apply: boolean;
    actorId: string | null;
    today: string;
    /** The divisions the importer may book on (a follow-up role over divisions); undefined: all. */
    divisionIds?: string[];
  },
): Promise<ActualsOutcome> {
  const run = async (repo: CostRepository): Promise<ActualsOutcome> => {
    const parsed = parseActuals(sheet, options.today);
    const rows = sheet.rows.filter((r) => r.cells.some((c) => c && c.trim())).length;
    if (rows === 0 && parsed.problems.length === 0)
      return {
        applied: false,
        rows,
        problems: [{ sheet: sheet.name, line: 0, field: 'file', message: 'holds no rows' }],
        plan: null,
      };
    const units = await repo.units();
    const problems = [
      ...parsed.problems,
      ...checkActuals(sheet.name, parsed.rows, units),
      ...outsideScope(sheet.name, parsed.rows, units, options.divisionIds),
    ].sort((a, b) => a.line - b.line);
    if (problems.length) return { applied: false, rows, problems, plan: null };
    const booked = await repo.booked([...new Set(parsed.rows.map((r) => r.month))]);
    const plan = planActuals(parsed.rows, booked);
    if (!options.apply) return { applied: false, rows, problems, plan };
    const idOf = new Map(units.map((u) => [u.code, u.id]));
    const items = [...plan.create, ...plan.change];
    await repo.upsert(
      items.map((i) => ({ month: i.month, unitId: idOf.get(i.code)!, ...i.after })),
      options.actorId,
    );
    await repo.audit(
      options.actorId,
      items.map((i) => ({
        entity: 'cost_actual',
        entityId: idOf.get(i.code)!,
        action: i.before ? 'change' : 'create',
        before: i.before && { month: i.month.slice(0, 7), code: i.code, ...i.before },
        after: { month: i.month.slice(0, 7), code: i.code, ...i.after },
      })),
    );
    return { applied: true, rows, problems, plan };
  };
  if (!options.apply) return run(new CostRepository(dataSource));
  return dataSource.transaction(async (manager) => {
    const repo = new CostRepository(manager);
    await repo.lock();
    return run(repo);
  });
}

/** Rows booked on a division or unit outside the importer's divisions: refused, as the statistics scope them. */
function outsideScope(
  sheetName: string,
  rows: ActualRow[],
  units: CostUnitRow[],
  divisionIds: string[] | undefined,
): ImportProblem[] {
  if (!divisionIds) return [];
  const byCode = new Map(units.map((u) => [u.code, u]));
  const idOf = new Map(units.map((u) => [u.code, u.id]));
  return rows.flatMap((r) => {
    const u = byCode.get(r.code);
    if (!u) return [];
    const division = u.level === 'division' ? u.id : idOf.get(u.parentCode ?? '');
    return division && divisionIds.includes(division)
      ? []
      : [{ sheet: sheetName, line: r.line, field: 'code', message: `"${r.code}" is outside your divisions` }];
  });
}

/** The template: the sheet Utfall with its headers and two example months for a division and a unit of another. */
export async function actualsTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(ACTUALS_SHEETS[0]);
  sheet.addRow(ACTUAL_COLUMNS).font = { bold: true };
  for (const row of ACTUALS_EXAMPLE) sheet.addRow(row);
  sheet.columns.forEach((c) => (c.width = 24));
  // Month cells as text, so Excel does not turn 2026-01 into a date of its own format.
  sheet.getColumn(1).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const ACTUALS_EXAMPLE: (string | number)[][] = [
  ['2026-01', 'MED', 4200000, 98000000],
  ['2026-02', 'MED', 3900000, 97500000],
  ['2026-01', 'KIR-AKUT', 650000, 12400000],
  ['2026-02', 'KIR-AKUT', 610000, 12300000],
];
