import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { downloadBoardReport, type ReportPeriodChoice } from '../../api/board-report';
import { ProblemNotice } from '../../components/ProblemNotice';

/** Last month, as a reader preparing the board's papers most often wants it: `YYYY-MM`. */
function lastMonth(today = new Date()): string {
  const d = new Date(Date.UTC(today.getFullYear(), today.getMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** The tertial that holds a month: T1 January–April, T2 May–August, T3 September–December. */
const tertialOf = (month: string) =>
  `${month.slice(0, 4)}-T${Math.floor((Number(month.slice(5, 7)) - 1) / 4) + 1}`;

/**
 * The board report (styrelserapport) for a chosen month or tertial, as XLSX or PDF, over the division chosen in
 * the page's filters (or everything the reader may see): the same figures as the page.
 */
export function ReportDownloads({ divisionId }: { divisionId?: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'month' | 'tertial'>('month');
  const [month, setMonth] = useState(lastMonth);
  const [tertial, setTertial] = useState(() => tertialOf(lastMonth()));
  const period: ReportPeriodChoice = kind === 'month' ? { month } : { tertial };
  const download = useMutation({
    mutationFn: (format: 'xlsx' | 'pdf') => downloadBoardReport(period, divisionId, format),
  });
  const year = Number(tertial.slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);
  if (!years.includes(year)) years.push(year);
  return (
    <form className="filters" aria-label={t('boardReport.title')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="r-kind">{t('boardReport.period')}</label>
        <select id="r-kind" value={kind} onChange={(e) => setKind(e.target.value as 'month' | 'tertial')}>
          <option value="month">{t('boardReport.month')}</option>
          <option value="tertial">{t('boardReport.tertial')}</option>
        </select>
      </div>
      {kind === 'month' ? (
        <div className="field">
          <label htmlFor="r-month">{t('boardReport.month')}</label>
          <input
            id="r-month"
            type="month"
            min="1900-01"
            value={month}
            onChange={(e) => e.target.value && setMonth(e.target.value)}
          />
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="r-year">{t('boardReport.year')}</label>
            <select
              id="r-year"
              value={year}
              onChange={(e) => setTertial(`${e.target.value}${tertial.slice(4)}`)}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="r-tertial">{t('boardReport.tertial')}</label>
            <select
              id="r-tertial"
              value={tertial.slice(5)}
              onChange={(e) => setTertial(`${tertial.slice(0, 4)}-${e.target.value}`)}
            >
              {(['T1', 'T2', 'T3'] as const).map((tt) => (
                <option key={tt} value={tt}>
                  {t(`boardReport.tertials.${tt}`)}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div className="field">
        <span>{t('boardReport.title')}</span>
        <div>
          <button type="button" disabled={download.isPending} onClick={() => download.mutate('xlsx')}>
            {t('boardReport.xlsx')}
          </button>{' '}
          <button type="button" disabled={download.isPending} onClick={() => download.mutate('pdf')}>
            {t('boardReport.pdf')}
          </button>
        </div>
      </div>
      <ProblemNotice error={download.error} />
    </form>
  );
}
