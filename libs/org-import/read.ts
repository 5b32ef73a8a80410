import ExcelJS from 'exceljs';
import type { ImportFile, ImportProblem, Sheet, SheetRow } from '@domain/org-import';
import { parseCsv } from './csv';

/** The largest file the import reads: a region's organisation is well under 1 MB; 10 MB leaves room for styling. */
/** What an XLSX is served and uploaded as. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Sheet names the workbook may use (Swedish first, as in the template). */
export const UNIT_SHEETS = ['Enheter', 'Units'];
export const PEOPLE_SHEETS = ['Personer', 'People'];

/** A file the import cannot read at all, with the HTTP status that says why (the CLI prints the message). */
export class UnreadableImport extends Error {
  constructor(
    readonly status: 413 | 415 | 422,
    message: string,
  ) {
    super(message);
  }
}

export const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
export const isOle = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** The text of a file that is text: strict UTF-8 with no NUL (a binary file is no CSV). */
export function textOf(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

/** An XLSX workbook (zip) or a CSV text, read into the import's two sheets; throws UnreadableImport otherwise. */
export async function readImportFile(bytes: Uint8Array, fileName: string): Promise<ImportFile> {
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new UnreadableImport(
      413,
      `${fileName} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the import reads files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    );
  if (isZip(bytes)) return readXlsx(bytes, fileName);
  if (isOle(bytes))
    throw new UnreadableImport(
      415,
      `${fileName} is an old Excel file (.xls): save it as .xlsx or CSV and try again`,
    );
  const text = textOf(bytes);
  if (text === undefined)
    throw new UnreadableImport(415, `${fileName} is neither an XLSX workbook nor a CSV text file (UTF-8)`);
  return readCsv(text, fileName);
}

/** A cell's value as the text the region typed: dates as YYYY-MM-DD, formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

export function sheetOf(ws: ExcelJS.Worksheet): Sheet {
  const rows: SheetRow[] = [];
  let header: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    // row.values is 1-based: index 0 is empty.
    const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
    if (number === 1) header = cells;
    else rows.push({ line: number, cells });
  });
  return { name: ws.name, header, rows };
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<ImportFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableImport(422, `${fileName} is a zip file but no readable XLSX workbook`);
  }
  const find = (names: string[]) =>
    workbook.worksheets.find((ws) => names.some((n) => n.toLowerCase() === ws.name.trim().toLowerCase()));
  const units = find(UNIT_SHEETS);
  const people = find(PEOPLE_SHEETS);
  if (!units || !people)
    throw new UnreadableImport(
      422,
      `${fileName} needs the sheets "${UNIT_SHEETS[0]}" and "${PEOPLE_SHEETS[0]}"; it has ${workbook.worksheets.map((w) => `"${w.name}"`).join(', ') || 'none'}`,
    );
  return { fileName, units: sheetOf(units), people: sheetOf(people) };
}

const TYPE_HEADERS = ['typ', 'type'];
const UNIT_TYPES = ['enhet', 'unit', 'division', 'förvaltning'];
const PERSON_TYPES = ['person', 'people', 'personer'];

/**
 * A CSV holds both kinds in one file, told apart by a `typ` column (`enhet` or `person`); the other columns are
 * those of the two sheets side by side, each row filling its own. Problems cite the file and its line numbers.
 */
function readCsv(text: string, fileName: string): ImportFile {
  const [head, ...records] = parseCsv(text);
  const header = head?.cells ?? [];
  const typeAt = header.findIndex((h) => TYPE_HEADERS.includes(h.trim().toLowerCase()));
  const units: SheetRow[] = [];
  const people: SheetRow[] = [];
  const problems: ImportProblem[] = [];
  if (head && typeAt < 0)
    problems.push({
      sheet: fileName,
      line: 1,
      field: 'type',
      message: 'has no column (expected a header "typ")',
    });
  for (const record of records) {
    if (record.cells.every((c) => !c.trim())) continue;
    const type = (record.cells[typeAt] ?? '').trim().toLowerCase();
    if (UNIT_TYPES.includes(type)) units.push(record);
    else if (PERSON_TYPES.includes(type)) people.push(record);
    else if (typeAt >= 0)
      problems.push({
        sheet: fileName,
        line: record.line,
        field: 'type',
        message: `"${type}" is neither enhet nor person`,
      });
  }
  return {
    fileName,
    units: { name: fileName, header, rows: units },
    people: { name: fileName, header, rows: people },
    problems,
  };
}
