import { neutralised } from '@domain/spreadsheet-text';
import type { ExportDimension, MonthRow } from '@db/statistics/statistics-reader';

type CsvRow = MonthRow;

const GROUP_HEADER: Record<ExportDimension, string> = {
  division: 'Division',
  unit: 'Enhet',
  category: 'Yrkeskategori',
  kind: 'Slag',
};

type Cell = string | number | null;

/** Columns of the board's monthly report, in Swedish; shares are in per cent. */
const COLUMNS: [string, (r: CsvRow) => Cell][] = [
  ['Inskickade ärenden', (r) => r.measures.submitted],
  ['Varav generellt undantagna', (r) => r.measures.notReviewed.exempted],
  ['Ej prövningspliktiga', (r) => r.measures.notReviewed.notRequired],
  ['Beviljade', (r) => r.measures.decided.approved],
  ['Beviljade med villkor', (r) => r.measures.decided.approvedWithConditions],
  ['Avslagna', (r) => r.measures.decided.rejected],
  ['Återtagna', (r) => r.measures.decided.withdrawn],
  ['Andel beviljade (%)', (r) => percent(r.measures.approvalRate)],
  ['Avstyrkta men beviljade', (r) => r.measures.againstRecommendation.approved],
  ['Tillstyrkta men avslagna', (r) => r.measures.againstRecommendation.rejected],
  ['Handläggningstid median (arbetsdagar)', (r) => r.measures.leadTimeBusinessDays.p50],
  ['Handläggningstid 90:e percentil (arbetsdagar)', (r) => r.measures.leadTimeBusinessDays.p90],
  ['Handläggningstid median (timmar)', (r) => r.measures.leadTimeHours.p50],
  ['Handläggningstid 90:e percentil (timmar)', (r) => r.measures.leadTimeHours.p90],
  ['Beslut inom tidsfrist (%)', (r) => percent(r.measures.withinDeadlineShare)],
  ['Eskaleringar', (r) => r.measures.escalations],
  // A hire's cost is a rate per year and a call-off's the total of its period: never one column for both.
  ['Anställningar, begärd årskostnad (kr)', (r) => r.measures.cost.hire.requested],
  ['Anställningar, varav generellt undantagna, årskostnad (kr)', (r) => r.measures.cost.hire.exempted],
  ['Anställningar, beviljad årskostnad (kr)', (r) => r.measures.cost.hire.approved],
  ['Anställningar, undviken årskostnad (kr)', (r) => r.measures.cost.hire.avoided.total],
  ['Avrop, begärd kostnad (kr)', (r) => r.measures.cost.agencyCallOff.requested],
  ['Avrop, varav generellt undantagna, kostnad (kr)', (r) => r.measures.cost.agencyCallOff.exempted],
  ['Avrop, beviljad kostnad (kr)', (r) => r.measures.cost.agencyCallOff.approved],
  ['Avrop, undviken kostnad (kr)', (r) => r.measures.cost.agencyCallOff.avoided.total],
  ['Avrop, upplupen kostnad under månaden (kr)', (r) => r.measures.cost.agencyCallOff.accrued],
  ['Avrop, upplupen kostnad samma månad föregående år (kr)', (r) => r.agencyCostPreviousYear],
];

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** A number as Swedish Excel reads it: decimal comma, no thousands separator (it would become text). */
export function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  const text = neutralised(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * UTF-8 with a byte-order mark (without it Excel reads the file as Windows-1252 and å, ä, ö break),
 * semicolon-separated (the comma is the Swedish decimal sign) and CRLF line ends.
 */
export function statsCsv(by: ExportDimension, rows: CsvRow[]): Buffer {
  const header = ['Månad', GROUP_HEADER[by], ...COLUMNS.map(([name]) => name)];
  const lines = [header, ...rows.map((r) => [r.month, r.group, ...COLUMNS.map(([, pick]) => pick(r))])].map(
    (cells) => cells.map(cell).join(';'),
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
