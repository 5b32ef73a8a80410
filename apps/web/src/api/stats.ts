import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type * as stats from '@contracts/stats';
import { apiFetch, getJson, withQuery } from './client';

/** The filters every statistics endpoint takes (apps/api/src/stats/stats-params.ts). */
export interface StatsFilter {
  from?: string;
  to?: string;
  kind?: string;
  divisionId?: string;
  unitId?: string;
  category?: string;
}

/** The statistics' responses, from the API's contracts (libs/contracts/stats.ts). */
export type Summary = stats.Summary;
export type TimePoint = stats.TimePoint;
export type StageGroup = stats.StageGroup;
/** What `/stats/breakdown?by=stage` answers: one group per review stage. */
export type StageBreakdown = Omit<stats.Breakdown, 'groups'> & { groups: StageGroup[] };

export function useStatsSummary(filter: StatsFilter) {
  return useQuery({
    queryKey: ['stats', 'summary', filter],
    queryFn: () => getJson<Summary>('/stats/summary', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

export function useStatsTimeseries(filter: StatsFilter) {
  return useQuery({
    queryKey: ['stats', 'timeseries', filter],
    queryFn: () =>
      getJson<stats.Timeseries>('/stats/timeseries', {
        ...filter,
        interval: 'month',
      }),
    placeholderData: keepPreviousData,
  });
}

export function useStageBreakdown(filter: StatsFilter) {
  return useQuery({
    queryKey: ['stats', 'breakdown', 'stage', filter],
    queryFn: () => getJson<StageBreakdown>('/stats/breakdown', { ...filter, by: 'stage' }),
    placeholderData: keepPreviousData,
  });
}

/** The export needs the bearer token, so it is fetched and handed to the browser as a file. */
export async function downloadStatsCsv(filter: StatsFilter, by: string): Promise<void> {
  const res = await apiFetch(withQuery('/stats/export.csv', { ...filter, by }));
  const blob = await res.blob();
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'provning-statistik.csv';
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
