import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type CellValue = string | number | boolean | Date | null;

/** A workbook's sheets as rows of values; a formula cell reads as its stored result, and `formulas` keeps it. */
export async function readWorkbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = new Map<string, { rows: CellValue[][]; sheet: ExcelJS.Worksheet }>();
  wb.eachSheet((ws) => {
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value as unknown;
        values[col - 1] =
          v && typeof v === 'object' && 'formula' in (v as object)
            ? ((v as { result?: CellValue }).result ?? null)
            : (v as CellValue);
      });
      rows[n - 1] = values;
    });
    sheets.set(ws.name, { rows, sheet: ws });
  });
  return sheets;
}

/** The row whose first cell is `label` (the first such), as values. */
export function rowLabelled(rows: CellValue[][], label: string): CellValue[] {
  const row = rows.find((r) => r?.[0] === label);
  if (!row) throw new Error(`no row "${label}" in ${JSON.stringify(rows.map((r) => r?.[0]))}`);
  return row;
}

/** The text of a PDF as `pdftotext -layout` reads it (poppler-utils). */
export function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "1 234 567 kr" (ordinary, no-break or thin spaces) → 1234567; "-5 kr" → -5. */
export function swedishKronor(text: string): number {
  return Number(text.replace(/[\s\u00a0\u2009\u202f]/g, '').replace(/kr$/, ''));
}

/**
 * The amount in kronor at the end of the PDF line that begins with `label` (after layout spacing), the first after
 * the line that holds `after` when given (a table's heading).
 */
export function pdfAmount(text: string, label: string, after?: string): number {
  const lines = text.split('\n');
  const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
  if (from < 0) throw new Error(`no line "${after}" in the PDF`);
  const line = lines.slice(from).find((l) => l.trim().startsWith(label) && /kr\s*$/.test(l));
  if (!line) throw new Error(`no line "${label}" with an amount in the PDF`);
  const m = /(-?\d{1,3}(?:[ \u00a0]\d{3})*) kr\s*$/.exec(line);
  return swedishKronor(m![1]);
}

/** The figure at the end of the PDF line that begins with `label`: a count, or a per cent as a share. */
export function pdfFigure(text: string, label: string): number | null {
  const line = text.split('\n').find((l) => l.trim().startsWith(label));
  if (!line) throw new Error(`no line "${label}" in the PDF`);
  const value = line.trim().slice(label.length).trim();
  if (value === '–') return null;
  if (value.endsWith('%')) return Number(value.replace(/\s*%$/, '').replace(',', '.')) / 100;
  return Number(value.replace(/\s/g, '').replace(',', '.'));
}
