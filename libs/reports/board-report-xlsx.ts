import ExcelJS from 'exceljs';
import type { BoardReport } from '@contracts/board-report';
import { neutralised } from '@domain/spreadsheet-text';
import { stockholmDateTime } from './format-sv';
import {
  ACCRUED,
  ACCRUED_PREVIOUS,
  agencyCostRows,
  AVOIDED_TOTAL,
  type Figure,
  headlineRows,
  hireCostRows,
  monthLabel,
  REPORT_TITLE,
} from './report-texts';

/**
 * Number formats as stored in the file. Excel keeps format codes in its en-US form and shows them in the reader's
 * locale, so `#,##0` is what Swedish Excel shows as "1 234 567" (a literal space in the code would be a fixed
 * character, and "1234 567" for a million).
 */
export const KRONOR_FORMAT = '#,##0 "kr"';
export const COUNT_FORMAT = '#,##0';
export const PERCENT_FORMAT = '0.0%';
export const DAYS_FORMAT = '0.0';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

const FORMAT: Record<Figure | 'kronor', string> = {
  count: COUNT_FORMAT,
  share: PERCENT_FORMAT,
  days: DAYS_FORMAT,
  kronor: KRONOR_FORMAT,
};

const BOLD = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };

/** The rows every sheet opens with: the title, the period and scope, when it was generated. Four rows. */
function titleRows(ws: ExcelJS.Worksheet, report: BoardReport, view: string) {
  ws.addRow([`${REPORT_TITLE} – ${view}`]).font = { bold: true, size: 14 };
  ws.addRow(['Period', `${report.period.label}`, asDate(report.period.from), asDate(report.period.to)]);
  ws.getCell('C2').numFmt = DATE_FORMAT;
  ws.getCell('D2').numFmt = DATE_FORMAT;
  ws.addRow(['Omfattning', neutralised(report.scope.label)]);
  const generated = ws.addRow(['Skapad', asStockholmLocal(report.generatedAt)]);
  generated.getCell(2).numFmt = DATETIME_FORMAT;
  generated.getCell(2).alignment = { horizontal: 'left' };
}

/** A calendar date as the date Excel shows (midnight UTC, so no time zone moves it to the day before). */
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** The Stockholm wall-clock time as Excel shows it: Excel dates have no time zone. */
const asStockholmLocal = (iso: string) => new Date(`${stockholmDateTime(iso).replace(' ', 'T')}:00Z`);

function header(ws: ExcelJS.Worksheet, names: string[], notes: (string | undefined)[] = []) {
  const row = ws.addRow(names);
  row.font = BOLD;
  row.eachCell((cell, col) => {
    cell.fill = HEADER_FILL;
    const note = notes[col - 1];
    if (note) cell.note = note;
  });
  return row;
}

function freezeAt(ws: ExcelJS.Worksheet, headerRow: number, columns = 1) {
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: columns }];
}

function summarySheet(wb: ExcelJS.Workbook, report: BoardReport) {
  const ws = wb.addWorksheet('Sammanfattning');
  titleRows(ws, report, 'Sammanfattning');
  ws.addRow([]);
  const head = header(ws, ['Mått', 'Värde', 'Vad som räknas']);
  for (const [label, value, figure, definition] of headlineRows(report.headline)) {
    const row = ws.addRow([label, value, definition]);
    row.getCell(2).numFmt = FORMAT[figure];
  }
  ws.columns = [{ width: 34 }, { width: 16 }, { width: 100 }];
  freezeAt(ws, head.number, 0);
}

function costSheet(wb: ExcelJS.Workbook, report: BoardReport) {
  const ws = wb.addWorksheet('Kostnader');
  titleRows(ws, report, 'Kostnader');
  ws.addRow([]);
  const head = header(ws, ['Mått', 'Belopp', 'Vad som räknas']);
  // One table per kind: a hire's cost is per year and a call-off's the total of its period, so never one sum.
  const table = (title: string, rows: [string, number, string][], extra: [string, number, string][]) => {
    ws.addRow([title]).font = BOLD;
    const first = ws.rowCount + 1;
    for (const [label, value, definition] of rows)
      ws.addRow([label, value, definition]).getCell(2).numFmt = KRONOR_FORMAT;
    const rejected = first + 3;
    const reduced = first + 4;
    const total = ws.addRow([
      AVOIDED_TOTAL[0],
      {
        formula: `SUM(B${rejected}:B${reduced})`,
        result: (ws.getCell(`B${rejected}`).value as number) + (ws.getCell(`B${reduced}`).value as number),
      },
      AVOIDED_TOTAL[1],
    ]);
    total.getCell(2).numFmt = KRONOR_FORMAT;
    total.font = BOLD;
    for (const [label, value, definition] of extra)
      ws.addRow([label, value, definition]).getCell(2).numFmt = KRONOR_FORMAT;
    ws.addRow([]);
  };
  const { hire, agencyCallOff } = report.costs;
  table('Anställningar – årskostnad (kr per år)', hireCostRows(hire), []);
  table('Inhyrd personal (avrop) – kostnad för avropsperioden (kr)', agencyCostRows(agencyCallOff), [
    [ACCRUED[0], agencyCallOff.accrued, ACCRUED[1]],
    [ACCRUED_PREVIOUS[0], agencyCallOff.accruedPreviousYear, ACCRUED_PREVIOUS[1]],
  ]);
  ws.columns = [{ width: 46 }, { width: 18 }, { width: 100 }];
  freezeAt(ws, head.number, 0);
}

interface Column<T> {
  name: string;
  note: string;
  pick: (row: T) => number | string | null;
  format?: string;
  /** How the totals row sums the column: a SUM over the rows, a ratio of two summed columns, or nothing. */
  total?: 'sum' | { ratio: [string, string[]] };
  width?: number;
}

/** A table with a header row, one row per item and a totals row of formulas; returns the header's row number. */
function table<T>(ws: ExcelJS.Worksheet, columns: Column<T>[], rows: T[], totalLabel: string): number {
  const head = header(
    ws,
    columns.map((c) => c.name),
    columns.map((c) => c.note),
  );
  for (const item of rows) {
    const row = ws.addRow(
      columns.map((c) => {
        const v = c.pick(item);
        return typeof v === 'string' ? neutralised(v) : v;
      }),
    );
    columns.forEach((c, i) => c.format && (row.getCell(i + 1).numFmt = c.format));
  }
  const first = head.number + 1;
  const last = ws.rowCount;
  const letter = (name: string) => ws.getColumn(columns.findIndex((c) => c.name === name) + 1).letter;
  const sumOf = (name: string) =>
    rows.reduce((n, r) => n + ((columns.find((c) => c.name === name)!.pick(r) as number | null) ?? 0), 0);
  const totals = ws.addRow(
    columns.map((c, i) => {
      if (i === 0) return totalLabel;
      if (c.total === 'sum')
        return rows.length
          ? { formula: `SUM(${letter(c.name)}${first}:${letter(c.name)}${last})`, result: sumOf(c.name) }
          : 0;
      if (c.total && typeof c.total === 'object') {
        const [numerator, denominator] = c.total.ratio;
        const den = denominator.map((d) => `SUM(${letter(d)}${first}:${letter(d)}${last})`).join('+');
        const denValue = denominator.reduce((n, d) => n + sumOf(d), 0);
        const num = `SUM(${letter(numerator)}${first}:${letter(numerator)}${last})`;
        return rows.length
          ? {
              formula: `IF((${den})=0,"",${num}/(${den}))`,
              result: denValue ? sumOf(numerator) / denValue : '',
            }
          : null;
      }
      return null;
    }),
  );
  totals.font = BOLD;
  columns.forEach((c, i) => c.format && (totals.getCell(i + 1).numFmt = c.format));
  columns.forEach(
    (c, i) => (ws.getColumn(i + 1).width = c.width ?? Math.max(14, Math.min(30, c.name.length + 2))),
  );
  return head.number;
}

type DivisionRow = BoardReport['divisions'][number];

const DIVISION_COLUMNS: Column<DivisionRow>[] = [
  { name: 'Division', note: 'Divisionen ärendet hör till', pick: (r) => r.label, width: 30 },
  {
    name: 'Inskickade',
    note: 'Inskickade under perioden, undantagna medräknade',
    pick: (r) => r.submitted,
    format: COUNT_FORMAT,
    total: 'sum',
  },
  {
    name: 'varav undantagna',
    note: 'Av de inskickade: generellt undantagna',
    pick: (r) => r.exempted,
    format: COUNT_FORMAT,
    total: 'sum',
  },
  {
    name: 'Beviljade',
    note: 'Beviljade med eller utan villkor, efter beslutsdag',
    pick: (r) => r.approved,
    format: COUNT_FORMAT,
    total: 'sum',
  },
  {
    name: 'Avslagna',
    note: 'Avslagna, efter beslutsdag',
    pick: (r) => r.rejected,
    format: COUNT_FORMAT,
    total: 'sum',
  },
  {
    name: 'Återtagna',
    note: 'Återtagna under perioden',
    pick: (r) => r.withdrawn,
    format: COUNT_FORMAT,
    total: 'sum',
  },
  {
    name: 'Andel beviljade',
    note: 'Beviljade av beviljade och avslagna',
    pick: (r) => r.approvalRate,
    format: PERCENT_FORMAT,
    total: { ratio: ['Beviljade', ['Beviljade', 'Avslagna']] },
  },
  {
    name: 'Inom tidsfrist',
    note: 'Andel av stegens beslut inom tidsfristen',
    pick: (r) => r.withinDeadlineShare,
    format: PERCENT_FORMAT,
  },
  {
    name: 'Handläggningstid median (arbetsdagar)',
    note: 'Arbetsdagar från inskickat till slutligt beslut, median',
    pick: (r) => r.leadTimeBusinessDaysP50,
    format: DAYS_FORMAT,
  },
  {
    name: 'Pågående',
    note: 'Under prövning den dag rapporten skapades',
    pick: (r) => r.open,
    format: COUNT_FORMAT,
    total: 'sum',
  },
  {
    name: 'Anställningar begärd årskostnad',
    note: 'Månadskostnad × 12, efter inskickningsdag',
    pick: (r) => r.hireRequested,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Anställningar beviljad årskostnad',
    note: 'Till beviljad kostnad, efter beslutsdag',
    pick: (r) => r.hireApproved,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Anställningar undviken årskostnad',
    note: 'Avslagna plus sänkt genom villkor',
    pick: (r) => r.hireAvoided,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Avrop begärd kostnad',
    note: 'Hela avropsperiodens kostnad, efter inskickningsdag',
    pick: (r) => r.agencyRequested,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Avrop beviljad kostnad',
    note: 'Till beviljad kostnad, efter beslutsdag',
    pick: (r) => r.agencyApproved,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Avrop undviken kostnad',
    note: 'Avslagna plus sänkt genom villkor',
    pick: (r) => r.agencyAvoided,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Avrop upplupen kostnad',
    note: 'Fördelad på arbetade dagar inom perioden',
    pick: (r) => r.agencyAccrued,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
];

type MonthPoint = BoardReport['months']['points'][number];

const MONTH_COLUMNS: Column<MonthPoint>[] = [
  { name: 'Månad', note: 'Kalendermånad', pick: (r) => monthLabel(r.month), width: 18 },
  {
    name: 'Inskickade',
    note: 'Inskickade under månaden, undantagna medräknade',
    pick: (r) => r.submitted,
    format: COUNT_FORMAT,
    total: 'sum',
  },
  {
    name: 'Beviljade',
    note: 'Beviljade utan villkor',
    pick: (r) => r.approved,
    format: COUNT_FORMAT,
    total: 'sum',
  },
  {
    name: 'Beviljade med villkor',
    note: 'Beviljade med villkor',
    pick: (r) => r.approvedWithConditions,
    format: COUNT_FORMAT,
    total: 'sum',
  },
  { name: 'Avslagna', note: 'Avslagna', pick: (r) => r.rejected, format: COUNT_FORMAT, total: 'sum' },
  { name: 'Återtagna', note: 'Återtagna', pick: (r) => r.withdrawn, format: COUNT_FORMAT, total: 'sum' },
  {
    name: 'Handläggningstid median (arbetsdagar)',
    note: 'Arbetsdagar till slutligt beslut, median, för månadens beslut',
    pick: (r) => r.leadTimeBusinessDaysP50,
    format: DAYS_FORMAT,
  },
  {
    name: 'Anställningar beviljad årskostnad',
    note: 'Till beviljad kostnad, per år',
    pick: (r) => r.hireApproved,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Avrop beviljad kostnad',
    note: 'Hela avropsperiodens kostnad, efter beslutsdag',
    pick: (r) => r.agencyApproved,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Avrop upplupen kostnad',
    note: 'Fördelad på arbetade dagar inom månaden',
    pick: (r) => r.agencyAccrued,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Avrop upplupen kostnad föregående år',
    note: 'Samma månad ett år tidigare',
    pick: (r) => r.agencyAccruedPreviousYear,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
];

type ActualsRow = NonNullable<BoardReport['actuals']>['rows'][number];
type TargetRow = NonNullable<BoardReport['actuals']>['targets'][number];

const ACTUALS_COLUMNS: Column<ActualsRow>[] = [
  { name: 'Månad', note: 'Kalendermånad', pick: (r) => monthLabel(r.month), width: 18 },
  { name: 'Division', note: 'Divisionen i ekonomisystemet', pick: (r) => r.label, width: 30 },
  {
    name: 'Inhyrd personal, utfall',
    note: 'Bokförd kostnad för inhyrd personal',
    pick: (r) => r.agencyCostSek,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Inhyrd, samma månad året före',
    note: 'Bokförd kostnad för inhyrd personal ett år tidigare',
    pick: (r) => r.agencyYearEarlierSek,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Förändring inhyrd',
    note: 'Utfall minus samma månad året före (tom om något av dem saknas)',
    pick: (r) => r.agencyChangeSek,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Egen personal, utfall',
    note: 'Bokförd kostnad för egen personal',
    pick: (r) => r.ownStaffCostSek,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
  {
    name: 'Andel inhyrd',
    note: 'Inhyrd / (inhyrd + egen); nationellt mål högst 2 %',
    pick: (r) => r.agencyShare,
    format: PERCENT_FORMAT,
    total: { ratio: ['Inhyrd personal, utfall', ['Inhyrd personal, utfall', 'Egen personal, utfall']] },
  },
  {
    name: 'Upplupet enligt prövningen',
    note: 'Avropens kostnad fördelad över de dagar personalen arbetar under månaden',
    pick: (r) => r.reviewAccruedSek,
    format: KRONOR_FORMAT,
    total: 'sum',
  },
];

const TARGET_COLUMNS: Column<TargetRow>[] = [
  { name: 'År', note: 'Målets år', pick: (r) => r.year, width: 8 },
  { name: 'Gäller', note: 'Divisionen, eller hela regionen', pick: (r) => r.label, width: 30 },
  {
    name: 'Mål: minskning inhyrd',
    note: 'Beslutad minskning av kostnaden för inhyrd personal under året',
    pick: (r) => r.agencyReductionSek,
    format: KRONOR_FORMAT,
  },
  {
    name: 'Uppnådd minskning',
    note: 'Inhyrd personal samma månader året före minus i år, t.o.m. rapportens sista månad',
    pick: (r) => r.achievedReductionSek,
    format: KRONOR_FORMAT,
  },
  {
    name: 'Jämförda månader',
    note: 'Månader med utfall båda åren',
    pick: (r) => r.comparedMonths.join(', '),
    width: 30,
  },
  {
    name: 'Mål: högsta andel inhyrd',
    note: 'Taket för andelen inhyrd personal',
    pick: (r) => r.agencyShareCeiling,
    format: PERCENT_FORMAT,
  },
  {
    name: 'Andel hittills i år',
    note: 'Inhyrd / (inhyrd + egen) över årets månader med utfall',
    pick: (r) => r.shareYearToDate,
    format: PERCENT_FORMAT,
  },
  {
    name: 'Inom taket',
    note: 'Ja om andelen hittills är högst taket',
    pick: (r) => (r.withinCeiling === null ? null : r.withinCeiling ? 'Ja' : 'Nej'),
  },
];

function tableSheet<T>(
  wb: ExcelJS.Workbook,
  report: BoardReport,
  name: string,
  columns: Column<T>[],
  rows: T[],
  intro?: string,
) {
  const ws = wb.addWorksheet(name);
  titleRows(ws, report, name);
  ws.addRow([intro ?? '']);
  const head = table(ws, columns, rows, 'Summa');
  freezeAt(ws, head, 1);
}

/** The board report as a workbook: a sheet per view, numbers as numbers with Swedish formats, totals as formulas. */
export async function boardReportXlsx(report: BoardReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Prövning';
  wb.title = `Styrelserapport ${report.period.label}`;
  wb.created = new Date(report.generatedAt);
  summarySheet(wb, report);
  costSheet(wb, report);
  tableSheet(wb, report, 'Per division', DIVISION_COLUMNS, report.divisions);
  tableSheet(
    wb,
    report,
    'Månad för månad',
    MONTH_COLUMNS,
    report.months.points,
    report.period.kind === 'month'
      ? 'De tretton månaderna fram till rapportmånaden; summan gäller alla tretton.'
      : 'Tertialens fyra månader.',
  );
  if (report.actuals) {
    tableSheet(
      wb,
      report,
      'Utfall och mål',
      ACTUALS_COLUMNS,
      report.actuals.rows,
      `Källa: ${neutralised(report.actuals.source)}`,
    );
    if (report.actuals.targets.length > 0)
      tableSheet(
        wb,
        report,
        'Mål',
        TARGET_COLUMNS,
        report.actuals.targets,
        'Målen för året och hur långt de nåtts till och med rapportens sista månad.',
      );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
