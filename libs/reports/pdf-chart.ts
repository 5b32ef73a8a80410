/**
 * A bar chart in vector primitives on a pdfkit page: grouped or stacked bars per category, a value axis with
 * its unit, category labels that never overlap (the full label, else the short one, else every n-th), a legend,
 * and a sentence instead of bars when there is nothing to show (a flat line at zero reads as "zero", not "none").
 */
export interface ChartSeries {
  name: string;
  color: string;
  values: number[];
}

export interface BarChart {
  title: string;
  caption: string;
  /** The value axis's unit, written above it: "tkr", "antal", "arbetsdagar". */
  unit: string;
  categories: string[];
  /** Shorter category labels, used when the full ones do not fit their slot. */
  shortCategories: string[];
  series: ChartSeries[];
  stacked?: boolean;
  /** A tick's label from its value (in the axis's unit). */
  tick: (value: number) => string;
  /** Values are divided by this before plotting (kronor → tkr). */
  scale?: number;
  empty: string;
}

const FONT = 'Helvetica';
const LABEL_SIZE = 7.5;
const GAP = 4;

/** A step of 1, 2 or 5 × 10^n that splits `max` into at most `ticks` intervals. */
export function niceStep(max: number, ticks = 5): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return step;
}

/**
 * Which category labels to write: the full ones if the widest fits its slot, else the short ones, else every n-th
 * short one, n the smallest that leaves room. Returns the labels (empty where skipped).
 */
export function categoryLabels(
  full: string[],
  short: string[],
  slot: number,
  width: (s: string) => number,
): string[] {
  const widest = (labels: string[]) => Math.max(0, ...labels.map(width));
  if (widest(full) + GAP <= slot) return full;
  const every = Math.max(1, Math.ceil((widest(short) + GAP) / slot));
  return short.map((label, i) => (i % every === 0 ? label : ''));
}

/** A line's text, shortened with an ellipsis when it would not fit `width` at the current font. */
export function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let t = text;
  while (t.length > 1 && doc.widthOfString(`${t}…`) > width) t = t.slice(0, -1);
  return `${t}…`;
}

export function drawBarChart(
  doc: PDFKit.PDFDocument,
  chart: BarChart,
  x: number,
  y: number,
  w: number,
  h: number,
) {
  doc.font('Helvetica-Bold').fontSize(10).fillColor('black');
  doc.text(fit(doc, chart.title, w), x, y, { width: w, lineBreak: false });
  doc.font(FONT).fontSize(8).fillColor('#444444');
  doc.text(fit(doc, chart.caption, w), x, y + 14, { width: w, lineBreak: false });
  const top = y + 34;
  const scale = chart.scale ?? 1;
  const values = chart.series.map((s) => s.values.map((v) => v / scale));
  const heights = chart.categories.map((_, i) =>
    chart.stacked ? values.reduce((n, s) => n + s[i], 0) : Math.max(0, ...values.map((s) => s[i])),
  );
  const max = Math.max(0, ...heights);
  const legendHeight = 14;
  const plotBottom = top + h - 34 - legendHeight - 14;
  if (max === 0) {
    doc
      .rect(x, top, w, plotBottom - top)
      .lineWidth(0.5)
      .strokeColor('#bbbbbb')
      .stroke();
    doc
      .font(FONT)
      .fontSize(9)
      .fillColor('#444444')
      .text(chart.empty, x, (top + plotBottom) / 2 - 5, { width: w, align: 'center', lineBreak: false });
    doc.fillColor('black');
    return;
  }
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  doc.font(FONT).fontSize(LABEL_SIZE);
  const ticks: number[] = [];
  for (let t = 0; t <= axisMax + step / 2; t += step) ticks.push(t);
  const axisWidth =
    Math.max(doc.widthOfString(chart.unit), ...ticks.map((t) => doc.widthOfString(chart.tick(t)))) + 6;
  const plotLeft = x + axisWidth;
  const plotTop = top + 12;
  const plotHeight = plotBottom - plotTop;
  const yOf = (v: number) => plotBottom - (v / axisMax) * plotHeight;
  // The unit above the axis, the ticks and their grid lines.
  doc
    .fillColor('#444444')
    .text(chart.unit, x, top, { width: axisWidth - 6, align: 'right', lineBreak: false });
  for (const t of ticks) {
    doc
      .fillColor('#444444')
      .text(chart.tick(t), x, yOf(t) - 3, { width: axisWidth - 6, align: 'right', lineBreak: false });
    doc
      .moveTo(plotLeft, yOf(t))
      .lineTo(x + w, yOf(t))
      .lineWidth(t === 0 ? 0.8 : 0.3)
      .strokeColor(t === 0 ? '#333333' : '#cccccc')
      .stroke();
  }
  const slot = (x + w - plotLeft) / chart.categories.length;
  const groups = chart.stacked ? 1 : chart.series.length;
  const barWidth = Math.min(24, (slot * 0.75) / groups);
  chart.categories.forEach((_, i) => {
    const groupLeft = plotLeft + i * slot + (slot - barWidth * groups) / 2;
    let base = 0;
    chart.series.forEach((s, j) => {
      const v = values[j][i];
      if (v <= 0) return;
      const left = chart.stacked ? groupLeft : groupLeft + j * barWidth;
      const bottom = chart.stacked ? base : 0;
      doc
        .rect(left, yOf(bottom + v), barWidth, yOf(bottom) - yOf(bottom + v))
        .fillColor(s.color)
        .fill();
      if (chart.stacked) base += v;
    });
  });
  doc.font(FONT).fontSize(LABEL_SIZE).fillColor('#333333');
  const labels = categoryLabels(chart.categories, chart.shortCategories, slot, (s) => doc.widthOfString(s));
  labels.forEach((label, i) => {
    if (!label) return;
    doc.text(label, plotLeft + i * slot, plotBottom + 3, { width: slot, align: 'center', lineBreak: false });
  });
  // The legend, laid out by measured width.
  let lx = plotLeft;
  const ly = plotBottom + 18;
  for (const s of chart.series) {
    doc.rect(lx, ly, 7, 7).fillColor(s.color).fill();
    doc.fillColor('#333333').text(s.name, lx + 10, ly, { lineBreak: false });
    lx += 10 + doc.widthOfString(s.name) + 14;
  }
  doc.fillColor('black');
}
