import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type * as stats from '@contracts/stats';
import { downloadFile, getJson, withQuery } from './client';

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

export function downloadStatsCsv(filter: StatsFilter, by: string): Promise<void> {
  return downloadFile(withQuery('/stats/export.csv', { ...filter, by }), 'provning-statistik.csv');
}
