import { statisticsScope } from '@domain/stats-scope';
import { useSearchParams } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../api/org';
import {
  downloadStatsCsv,
  useStageBreakdown,
  useStatsSummary,
  useStatsTimeseries,
  type StatsFilter,
} from '../api/stats';
import { useSession } from '../auth/session';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { useFormat } from '../format/format';
import { AgencyCostChart, CostChart, DeadlineChart, LeadTimeChart, VolumeChart } from './stats/Charts';
import { CostTable } from './stats/CostTable';
import { ActualsSection } from './stats/ActualsSection';
import { Headline } from './stats/Headline';
import { ReportDownloads } from './stats/ReportDownloads';
import { StatsFilters } from './stats/StatsFilters';

const FILTER_KEYS = ['from', 'to', 'kind', 'divisionId', 'unitId', 'category'] as const;

/**
 * The filters live in the URL, so a chosen view survives a reload and can be sent to a colleague or bookmarked
 * for the monthly meeting.
 */
function useUrlFilter(): [StatsFilter, (filter: StatsFilter) => void] {
  const [params, setParams] = useSearchParams();
  const filter: StatsFilter = Object.fromEntries(
    FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
  );
  const set = (next: StatsFilter) =>
    setParams(Object.fromEntries(FILTER_KEYS.flatMap((k) => (next[k] ? [[k, next[k]!]] : []))), {
      replace: true,
    });
  return [filter, set];
}

/** Each reader sees the divisions of its scope (statisticsScope; the API scopes it): the region or its own. */
export function StatsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const session = useSession();
  const org = useOrg();
  const [filter, setFilter] = useUrlFilter();
  const summary = useStatsSummary(filter);
  const series = useStatsTimeseries(filter);
  const stages = useStageBreakdown(filter);
  const csv = useMutation({ mutationFn: () => downloadStatsCsv(filter, 'division') });
  // The API's scope rule, so the division choice offers what the API will answer.
  const seen = statisticsScope(session.me?.grants ?? []);
  const divisions =
    seen === 'region' ? (org.data ?? []) : (org.data ?? []).filter((d) => seen.includes(d.id));

  return (
    <section>
      <div className="page-head">
        <h1>{t('stats.title')}</h1>
        <button type="button" className="primary" disabled={csv.isPending} onClick={() => csv.mutate()}>
          {t('stats.exportCsv')}
        </button>
      </div>
      <p className="lead">
        {summary.data
          ? t('stats.range', { from: f.date(summary.data.from), to: f.date(summary.data.to) })
          : t('stats.intro')}
      </p>
      <StatsFilters filter={filter} divisions={divisions} onChange={setFilter} />
      <ReportDownloads divisionId={filter.divisionId} />
      <ProblemNotice error={summary.error ?? series.error ?? stages.error ?? csv.error} />
      {summary.isPending && <Loading />}
      {summary.data && <Headline s={summary.data} />}
      {summary.data && <CostTable s={summary.data} />}
      <div className="charts">
        {series.data && <VolumeChart points={series.data.points} range={series.data} />}
        {series.data && <LeadTimeChart points={series.data.points} range={series.data} />}
        {stages.data && <DeadlineChart stages={stages.data.groups} range={stages.data} />}
        {series.data && <CostChart kind="agencyCallOff" points={series.data.points} range={series.data} />}
        {series.data && <CostChart kind="hire" points={series.data.points} range={series.data} />}
        {series.data && <AgencyCostChart points={series.data.points} range={series.data} />}
      </div>
      <ActualsSection filter={filter} />
    </section>
  );
}
