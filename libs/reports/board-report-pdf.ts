import PDFDocument from 'pdfkit';
import type { BoardReport } from '@contracts/board-report';
import {
  businessDays,
  count,
  groupDigits,
  kronor,
  percent,
  stockholmDateTime,
  thousandKronor,
} from './format-sv';
import { drawBarChart, fit } from './pdf-chart';
import {
  ACCRUED,
  ACCRUED_PREVIOUS,
  agencyCostRows,
  AVOIDED_TOTAL,
  type Figure,
  headlineRows,
  hireCostRows,
  monthLabel,
  monthShort,
  REPORT_TITLE,
} from './report-texts';

const MARGIN = 50;
const FOOTER = 30;
const ROW = 15;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

interface PdfColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/**
 * A4 in Swedish for the board's papers. pdfkit's Helvetica is WinAnsi-encoded, which has å, ä, ö, é, the en dash
 * and the ellipsis: pdftotext reads them back, and no font file has to ship with the product.
 */
export function boardReportPdf(report: BoardReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'sv-SE',
    info: {
      Title: `Styrelserapport ${report.period.label} – ${report.scope.label}`,
      Author: 'Prövning',
      Subject: REPORT_TITLE,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  render(doc, report);
  numberPages(doc, report);
  doc.end();
  return done;
}

const left = () => MARGIN;
const contentWidth = (doc: PDFKit.PDFDocument) => doc.page.width - 2 * MARGIN;
const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - MARGIN - FOOTER;

function ensureRoom(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  // Room for the heading, a table's header and a few rows: a heading never ends a page alone.
  ensureRoom(doc, 100);
  doc.moveDown(0.8);
  doc
    .font(BOLD)
    .fontSize(13)
    .fillColor('black')
    .text(text, left(), doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

/** A table that breaks across pages and repeats its header on each; the last row may be a bold totals row. */
function table(doc: PDFKit.PDFDocument, columns: PdfColumn[], rows: string[][], totals?: string[]) {
  const drawRow = (cells: string[], font: string, fill?: string) => {
    const y = doc.y;
    if (fill)
      doc
        .rect(left(), y - 2, contentWidth(doc), ROW)
        .fillColor(fill)
        .fill();
    doc.font(font).fontSize(8).fillColor('black');
    let x = left();
    cells.forEach((cell, i) => {
      const c = columns[i];
      doc.text(fit(doc, cell, c.width - 4), x + 2, y + 2, {
        width: c.width - 4,
        align: c.align ?? (i === 0 ? 'left' : 'right'),
        lineBreak: false,
      });
      x += c.width;
    });
    doc.y = y + ROW;
    doc.x = left();
  };
  const drawHeader = () =>
    drawRow(
      columns.map((c) => c.header),
      BOLD,
      '#e8eef4',
    );
  ensureRoom(doc, ROW * 3);
  drawHeader();
  for (const [i, row] of rows.entries()) {
    if (doc.y + ROW > bottom(doc)) {
      doc.addPage();
      drawHeader();
    }
    drawRow(row, FONT, i % 2 ? '#f6f6f6' : undefined);
  }
  if (totals) {
    if (doc.y + ROW > bottom(doc)) {
      doc.addPage();
      drawHeader();
    }
    doc
      .moveTo(left(), doc.y - 2)
      .lineTo(left() + contentWidth(doc), doc.y - 2)
      .lineWidth(0.6)
      .strokeColor('#333333')
      .stroke();
    drawRow(totals, BOLD);
  }
  doc.moveDown(0.5);
}

const figure = (value: number | null, kind: Figure) =>
  kind === 'share'
    ? percent(value)
    : kind === 'days'
      ? businessDays(value)
      : value === null
        ? '–'
        : count(value);

function render(doc: PDFKit.PDFDocument, report: BoardReport) {
  const w = contentWidth(doc);
  // The title block: what, for which period and whom, when.
  doc.font(BOLD).fontSize(22).fillColor('black').text('Styrelserapport', left(), MARGIN, { width: w });
  doc.font(FONT).fontSize(12).text(REPORT_TITLE, { width: w });
  doc.moveDown(0.6);
  doc.font(BOLD).fontSize(16).text(capitalised(report.period.label), { width: w });
  doc
    .font(FONT)
    .fontSize(10)
    .text(`Period: ${report.period.from} – ${report.period.to}`, { width: w })
    .text(`Omfattning: ${report.scope.label}`, { width: w })
    .text(`Skapad: ${stockholmDateTime(report.generatedAt)}`, { width: w });
  doc
    .moveTo(left(), doc.y + 6)
    .lineTo(left() + w, doc.y + 6)
    .lineWidth(1)
    .strokeColor('#333333')
    .stroke();
  doc.moveDown(0.8);

  heading(doc, 'Nyckeltal');
  table(
    doc,
    [
      { header: 'Mått', width: w - 120 },
      { header: 'Värde', width: 120 },
    ],
    headlineRows(report.headline).map(([label, value, kind]) => [label, figure(value, kind)]),
  );

  heading(doc, 'Kostnader');
  doc
    .font(FONT)
    .fontSize(8.5)
    .text(
      'Anställningar och avrop redovisas var för sig och summeras aldrig: en anställnings kostnad är en årskostnad, ' +
        'ett avrops kostnad är totalen för avropsperioden.',
      { width: w },
    );
  doc.moveDown(0.4);
  const costColumns = (title: string): PdfColumn[] => [
    { header: title, width: w - 140 },
    { header: 'Belopp', width: 140 },
  ];
  const { hire, agencyCallOff } = report.costs;
  table(
    doc,
    costColumns('Anställningar (kr per år)'),
    hireCostRows(hire).map(([label, value]) => [label, kronor(value)]),
    [AVOIDED_TOTAL[0], kronor(hire.avoided.total)],
  );
  table(
    doc,
    costColumns('Inhyrd personal, avrop (kr)'),
    agencyCostRows(agencyCallOff).map(([label, value]) => [label, kronor(value)]),
    [AVOIDED_TOTAL[0], kronor(agencyCallOff.avoided.total)],
  );
  table(doc, costColumns('Inhyrd personal, bokförd över arbetade dagar (kr)'), [
    [ACCRUED[0], kronor(agencyCallOff.accrued)],
    [ACCRUED_PREVIOUS[0], kronor(agencyCallOff.accruedPreviousYear)],
  ]);

  divisionTables(doc, report);
  charts(doc, report);
  if (report.actuals) actualsTable(doc, report.actuals);
  definitions(doc, report);
}

function divisionTables(doc: PDFKit.PDFDocument, report: BoardReport) {
  const w = contentWidth(doc);
  const rows = report.divisions;
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
  heading(doc, 'Per division – ärenden');
  const n = 7;
  const narrow = (w - 150) / n;
  table(
    doc,
    [
      { header: 'Division', width: 150 },
      ...['Inskickade', 'Beviljade', 'Avslagna', 'Återtagna', 'Andel bev.', 'Inom frist', 'Median (ad)'].map(
        (header) => ({ header, width: narrow }),
      ),
    ],
    rows.map((r) => [
      r.label,
      count(r.submitted),
      count(r.approved),
      count(r.rejected),
      count(r.withdrawn),
      percent(r.approvalRate),
      percent(r.withinDeadlineShare),
      businessDays(r.leadTimeBusinessDaysP50),
    ]),
    [
      'Summa',
      count(sum((r) => r.submitted)),
      count(sum((r) => r.approved)),
      count(sum((r) => r.rejected)),
      count(sum((r) => r.withdrawn)),
      percent(report.headline.approvalRate),
      percent(report.headline.withinDeadlineShare),
      businessDays(report.headline.leadTimeBusinessDaysP50),
    ],
  );
  doc
    .font(FONT)
    .fontSize(7.5)
    .text('Median (ad): handläggningstid i arbetsdagar. Beviljade: med eller utan villkor.', { width: w });
  heading(doc, 'Per division – anställningar (kr per år)');
  const money = (w - 150) / 3;
  table(
    doc,
    [
      { header: 'Division', width: 150 },
      ...['Begärd', 'Beviljad', 'Undviken'].map((header) => ({ header, width: money })),
    ],
    rows.map((r) => [r.label, kronor(r.hireRequested), kronor(r.hireApproved), kronor(r.hireAvoided)]),
    [
      'Summa',
      kronor(sum((r) => r.hireRequested)),
      kronor(sum((r) => r.hireApproved)),
      kronor(sum((r) => r.hireAvoided)),
    ],
  );
  heading(doc, 'Per division – inhyrd personal (kr)');
  const agency = (w - 130) / 4;
  table(
    doc,
    [
      { header: 'Division', width: 130 },
      ...['Begärd', 'Beviljad', 'Undviken', 'Upplupen'].map((header) => ({ header, width: agency })),
    ],
    rows.map((r) => [
      r.label,
      kronor(r.agencyRequested),
      kronor(r.agencyApproved),
      kronor(r.agencyAvoided),
      kronor(r.agencyAccrued),
    ]),
    [
      'Summa',
      kronor(sum((r) => r.agencyRequested)),
      kronor(sum((r) => r.agencyApproved)),
      kronor(sum((r) => r.agencyAvoided)),
      kronor(sum((r) => r.agencyAccrued)),
    ],
  );
}

function charts(doc: PDFKit.PDFDocument, report: BoardReport) {
  const points = report.months.points;
  const months = points.map((p) => p.month);
  const span = `${monthLabel(months[0])} – ${monthLabel(months[months.length - 1])}`;
  const categories = months.map(monthLabel);
  const shortCategories = months.map(monthShort);
  const w = contentWidth(doc);
  const h = 230;
  doc.addPage();
  doc.font(BOLD).fontSize(13).text('Månad för månad', left(), MARGIN, { width: w });
  let y = doc.y + 8;
  drawBarChart(
    doc,
    {
      title: 'Upplupen kostnad för inhyrd personal per månad',
      caption: `${span}, ${report.scope.label}: avropens kostnad fördelad på arbetade dagar, jämförd med samma månad ett år tidigare`,
      unit: 'tkr',
      categories,
      shortCategories,
      scale: 1000,
      tick: (v) => thousandKronor(v * 1000),
      series: [
        { name: 'Upplupen kostnad', color: '#1f5fa8', values: points.map((p) => p.agencyAccrued) },
        {
          name: 'Samma månad föregående år',
          color: '#9bb7d8',
          values: points.map((p) => p.agencyAccruedPreviousYear),
        },
      ],
      empty: `Ingen upplupen kostnad för inhyrd personal ${span} eller året före.`,
    },
    left(),
    y,
    w,
    h,
  );
  y += h + 16;
  drawBarChart(
    doc,
    {
      title: 'Beslut per månad',
      caption: `${span}, ${report.scope.label}: slutliga beslut efter beslutsdag`,
      unit: 'antal',
      categories,
      shortCategories,
      stacked: true,
      tick: (v) => groupDigits(v),
      series: [
        { name: 'Beviljade', color: '#2e7d32', values: points.map((p) => p.approved) },
        {
          name: 'Beviljade med villkor',
          color: '#a5d6a7',
          values: points.map((p) => p.approvedWithConditions),
        },
        { name: 'Avslagna', color: '#c62828', values: points.map((p) => p.rejected) },
      ],
      empty: `Inga beslut ${span}.`,
    },
    left(),
    y,
    w,
    h,
  );
  doc.addPage();
  drawBarChart(
    doc,
    {
      title: 'Handläggningstid per månad, median',
      caption: `${span}, ${report.scope.label}: arbetsdagar från inskickat till slutligt beslut`,
      unit: 'arbetsdagar',
      categories,
      shortCategories,
      tick: (v) => businessDays(v),
      series: [
        { name: 'Median', color: '#6a4c93', values: points.map((p) => p.leadTimeBusinessDaysP50 ?? 0) },
      ],
      empty: `Inga beslut ${span}, så ingen handläggningstid.`,
    },
    left(),
    MARGIN,
    w,
    h,
  );
  doc.y = MARGIN + h + 10;
  doc.x = left();
}

function actualsTable(doc: PDFKit.PDFDocument, actuals: NonNullable<BoardReport['actuals']>) {
  const w = contentWidth(doc);
  heading(doc, 'Utfall och mål');
  doc.font(FONT).fontSize(8.5).text(`Källa: ${actuals.source}`, { width: w });
  doc.moveDown(0.3);
  const rest = (w - 60 - 110) / 5;
  const money = (n: number | null) => (n === null ? '–' : kronor(n));
  table(
    doc,
    [
      { header: 'Månad', width: 60 },
      { header: 'Division', width: 110, align: 'left' },
      ...['Inhyrd, utfall', 'Året före', 'Egen, utfall', 'Andel inhyrd', 'Upplupet (prövn.)'].map(
        (header) => ({
          header,
          width: rest,
        }),
      ),
    ],
    actuals.rows.map((r) => [
      monthShort(r.month),
      r.label,
      money(r.agencyCostSek),
      money(r.agencyYearEarlierSek),
      money(r.ownStaffCostSek),
      percent(r.agencyShare),
      money(r.reviewAccruedSek),
    ]),
  );
  if (actuals.targets.length === 0) return;
  doc.moveDown(0.5);
  doc.font(BOLD).fontSize(10).text('Mål', { width: w });
  const cols = (w - 40 - 110) / 4;
  table(
    doc,
    [
      { header: 'År', width: 40 },
      { header: 'Gäller', width: 110, align: 'left' },
      ...['Mål minskning', 'Uppnådd minskning', 'Tak andel', 'Andel i år'].map((header) => ({
        header,
        width: cols,
      })),
    ],
    actuals.targets.map((t) => [
      String(t.year),
      t.label,
      money(t.agencyReductionSek),
      money(t.achievedReductionSek),
      percent(t.agencyShareCeiling),
      percent(t.shareYearToDate),
    ]),
  );
  doc
    .font(FONT)
    .fontSize(8)
    .text(
      'Uppnådd minskning = inhyrd personal samma månader året före minus i år, för månader med utfall båda åren till och med rapportens sista månad. Andel = inhyrd / (inhyrd + egen personal); nationellt mål högst 2 %.',
      { width: w },
    );
}

function definitions(doc: PDFKit.PDFDocument, report: BoardReport) {
  const w = contentWidth(doc);
  heading(doc, 'Definitioner');
  const entries: [string, string][] = [
    ...headlineRows(report.headline).map(
      ([label, , , definition]) => [label, definition] as [string, string],
    ),
    ...hireCostRows(report.costs.hire).map(
      ([label, , definition]) => [`Anställningar, ${label.toLowerCase()}`, definition] as [string, string],
    ),
    ...agencyCostRows(report.costs.agencyCallOff).map(
      ([label, , definition]) => [`Avrop, ${label.toLowerCase()}`, definition] as [string, string],
    ),
    [AVOIDED_TOTAL[0], AVOIDED_TOTAL[1]],
    [ACCRUED[0], ACCRUED[1]],
    [ACCRUED_PREVIOUS[0], ACCRUED_PREVIOUS[1]],
  ];
  for (const [term, definition] of entries) {
    ensureRoom(doc, 24);
    doc.font(BOLD).fontSize(8.5).text(`${term}: `, left(), doc.y, { continued: true, width: w });
    doc.font(FONT).text(definition, { width: w });
    doc.moveDown(0.2);
  }
}

/** "Sida 2 av 5" at the foot of every page, with the period, once the page count is known. */
function numberPages(doc: PDFKit.PDFDocument, report: BoardReport) {
  const { start, count: pages } = doc.bufferedPageRange();
  for (let i = start; i < start + pages; i += 1) {
    doc.switchToPage(i);
    // The footer is inside the bottom margin, where pdfkit would otherwise start a new page for it.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 12;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#444444')
      .text(
        fit(doc, `Styrelserapport ${report.period.label} – ${report.scope.label}`, contentWidth(doc) - 80),
        left(),
        y,
        {
          width: contentWidth(doc) - 80,
          lineBreak: false,
        },
      )
      .text(`Sida ${i - start + 1} av ${pages}`, left(), y, {
        width: contentWidth(doc),
        align: 'right',
        lineBreak: false,
      });
  }
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
