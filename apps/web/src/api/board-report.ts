import { downloadFile, withQuery } from './client';

/** The board report's period as the API takes it: `month=2026-11` or `tertial=2026-T1`. */
export type ReportPeriodChoice = { month: string } | { tertial: string };

export function downloadBoardReport(
  period: ReportPeriodChoice,
  divisionId: string | undefined,
  format: 'xlsx' | 'pdf',
): Promise<void> {
  const key = 'month' in period ? period.month : period.tertial;
  return downloadFile(
    withQuery(`/stats/report.${format}`, { ...period, divisionId }),
    `styrelserapport-${key}.${format}`,
  );
}
