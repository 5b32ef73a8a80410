import ExcelJS from 'exceljs';
import { PERSON_HEADERS, PERSON_FIELDS, REGION_SCOPE, UNIT_FIELDS, UNIT_HEADERS } from '@domain/org-import';
import { PEOPLE_SHEETS, UNIT_SHEETS } from './read';

/** The template's headers: each field's first (Swedish) spelling, as docs/organisation-import.md lists them. */
const title = (h: string) => h.charAt(0).toUpperCase() + h.slice(1);
export const UNIT_COLUMNS = UNIT_FIELDS.map((f) => title(UNIT_HEADERS[f][0]));
export const PERSON_COLUMNS = PERSON_FIELDS.map((f) => title(PERSON_HEADERS[f][0]));

/** The example the template carries: one division, two units (one closing), four people, one stand-in. */
export const EXAMPLE = {
  units: [
    ['MED', '', 'Medicinska förvaltningen', 'division', 250000000, 180000000, '2024-01-01', ''],
    ['MED-AKUT', 'MED', 'Akutmottagningen', 'unit', '', '', '2024-01-01', ''],
    ['MED-AVD12', 'MED', 'Avdelning 12', 'unit', '', '', '2024-01-01', '2026-12-31'],
  ],
  people: [
    ['SE2321000016-1001', 'Anna Andersson', 'anna.andersson@region.se', 'requester', 'MED-AKUT', '', ''],
    ['SE2321000016-1002', 'Bertil Berg', 'bertil.berg@region.se', 'hr_reviewer', 'MED', '', ''],
    ['SE2321000016-1003', 'Cecilia Ek', 'cecilia.ek@region.se', 'director', 'MED', '', ''],
    ['SE2321000016-1004', 'David Dahl', 'david.dahl@region.se', 'hr_reviewer', 'MED', '', ''],
    [
      'SE2321000016-1004',
      'David Dahl',
      'david.dahl@region.se',
      'director',
      'MED',
      '2026-07-01',
      '2026-08-15',
    ],
    ['SE2321000016-1005', 'Eva Ström', 'eva.strom@region.se', 'admin', REGION_SCOPE, '', ''],
  ],
};

export type Cell = string | number | Date | null;

/** An import workbook with the two sheets; rows as cells in the columns' order. */
export async function workbookOf(rows: { units: Cell[][]; people: Cell[][] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, columns, data] of [
    [UNIT_SHEETS[0], UNIT_COLUMNS, rows.units],
    [PEOPLE_SHEETS[0], PERSON_COLUMNS, rows.people],
  ] as const) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(columns).font = { bold: true };
    for (const row of data) sheet.addRow(row.map((c) => (c === '' ? null : c)));
    sheet.columns.forEach((c) => (c.width = 24));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const templateWorkbook = () => workbookOf(EXAMPLE);
