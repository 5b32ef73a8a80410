import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StageName } from '@domain/enums';
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

export interface Decided {
  approved: number;
  approvedWithConditions: number;
  rejected: number;
  withdrawn: number;
}

export interface Measures {
  submitted: number;
  notReviewed: { exempted: number; notRequired: number };
  decided: Decided;
  approvalRate: number | null;
  leadTimeBusinessDays: { p50: number | null; p90: number | null };
  leadTimeHours: { p50: number | null; p90: number | null };
  withinDeadlineShare: number | null;
  escalations: number;
  cost: { requested: number; approved: number; rejected: number };
  agencyCost: number;
}

export interface Summary extends Measures {
  from: string;
  to: string;
  open: { total: number; byAge: { band: string; count: number }[] };
}

export interface TimePoint extends Measures {
  period: string;
  agencyCostPreviousYear: number;
}

export interface StageGroup {
  key: StageName;
  label: string;
  decided: number;
  withinDeadline: number;
  withinDeadlineShare: number | null;
  escalations: number;
}

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
      getJson<{ interval: string; points: TimePoint[] }>('/stats/timeseries', {
        ...filter,
        interval: 'month',
      }),
    placeholderData: keepPreviousData,
  });
}

export function useStageBreakdown(filter: StatsFilter) {
  return useQuery({
    queryKey: ['stats', 'breakdown', 'stage', filter],
    queryFn: () => getJson<{ groups: StageGroup[] }>('/stats/breakdown', { ...filter, by: 'stage' }),
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
