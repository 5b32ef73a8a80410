/**
 * Build time of the board report over the history `npm run seed:history` wrote: `npm run bench:report --
 * [--month 2026-11] [--iterations 3]`. For the history's last whole month (or the one given), the region's
 * report and the first division's: the figures (buildBoardReport, every StatisticsReader call it makes), then the
 * XLSX and the PDF, each timed, beside the 10 s ceiling issue 20 sets for a month's report. Exits 1 over it.
 * Not a test: figures go to BENCHMARKS.md.
 */
import { addCalendarMonths } from '@domain/calendar';
import { parseReportMonth } from '@domain/report-period';
import { boardReportPdf } from '../../libs/reports/board-report-pdf';
import { boardReportXlsx } from '../../libs/reports/board-report-xlsx';
import { buildBoardReport } from '../../libs/reports/build-board-report';
import { argument, openBenchDatabase } from './bench-database';

const CEILING_MS = 10_000;
const ITERATIONS = Number(argument('iterations', '3'));

async function main() {
  const db = await openBenchDatabase(() => undefined);
  const ds = db.dataSource;
  const [{ requests, last }] = await ds.query(
    `SELECT count(*)::int AS requests, coalesce(max(submitted_at)::date::text, '2026-12-01') AS last FROM requests`,
  );
  const month = argument('month', addCalendarMonths(`${last.slice(0, 7)}-01`, -1).slice(0, 7));
  const period = parseReportMonth(month);
  if (!period) throw new Error(`--month ${month} is not a month YYYY-MM`);
  const [division] = await ds.query(
    `SELECT id, name FROM org_units WHERE level = 'division' ORDER BY name LIMIT 1`,
  );
  console.log(`board report benchmark: ${requests} requests, report for ${month}, ${ITERATIONS} runs each`);
  console.log(`| scope | figures ms | xlsx ms | pdf ms | total ms (worst) | ceiling ms |`);
  console.log('|---|---:|---:|---:|---:|---:|');
  let worst = 0;
  for (const [label, divisionIds] of [
    ['region', undefined],
    [`division ${division.name}`, [division.id as string]],
  ] as const) {
    const runs: { figures: number; xlsx: number; pdf: number }[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const t0 = performance.now();
      const report = await buildBoardReport(
        ds,
        { period, divisionIds: divisionIds && [...divisionIds] },
        new Date(),
      );
      const t1 = performance.now();
      await boardReportXlsx(report);
      const t2 = performance.now();
      await boardReportPdf(report);
      const t3 = performance.now();
      runs.push({ figures: t1 - t0, xlsx: t2 - t1, pdf: t3 - t2 });
    }
    const max = (pick: (r: (typeof runs)[number]) => number) => Math.max(...runs.map(pick));
    const total = max((r) => r.figures + r.xlsx + r.pdf);
    worst = Math.max(worst, total);
    console.log(
      `| ${label} | ${max((r) => r.figures).toFixed(0)} | ${max((r) => r.xlsx).toFixed(0)} | ${max((r) => r.pdf).toFixed(0)} | ${total.toFixed(0)} | ${CEILING_MS} |`,
    );
  }
  console.log(
    `worst build: ${worst.toFixed(0)} ms of the ${CEILING_MS} ms ceiling: ${worst <= CEILING_MS ? 'within' : 'OVER'}`,
  );
  await db.close();
  if (worst > CEILING_MS) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
