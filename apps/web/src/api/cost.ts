import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActualsImportOutcome, ActualsStats, CostTarget } from '@contracts/cost';
import { apiFetch, deleteResource, downloadFile, getJson, withQuery } from './client';

export type { ActualsImportOutcome, ActualsStats, CostTarget };

/** Uploads the ledger's actuals: a dry run, or (apply) the import itself; the plan or the bad rows come back. */
export function useActualsImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, apply }: { file: File; apply: boolean }) => {
      const body = new FormData();
      body.append('file', file, file.name);
      const res = await apiFetch(withQuery('/actuals-import', { apply }), { method: 'POST', body });
      return (await res.json()) as ActualsImportOutcome;
    },
    onSuccess: (outcome) => {
      if (outcome.applied) void queryClient.invalidateQueries({ queryKey: ['stats', 'actuals'] });
    },
  });
}

export const downloadActualsTemplate = () =>
  downloadFile('/actuals-import/template', 'provning-utfall-mall.xlsx');

export function useCostTargets(year?: number) {
  return useQuery({
    queryKey: ['cost-targets', year ?? 'all'],
    queryFn: () => getJson<{ targets: CostTarget[] }>('/cost-targets', { year }),
  });
}

export interface TargetInput {
  year: number;
  divisionId: string | null;
  agencyReductionSek: number | null;
  agencyShareCeiling: number | null;
  note: string;
}

export function useSetTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TargetInput) => {
      const res = await apiFetch('/cost-targets', { method: 'PUT', body: JSON.stringify(input) });
      return (await res.json()) as CostTarget;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['cost-targets'] });
      void queryClient.invalidateQueries({ queryKey: ['stats', 'actuals'] });
    },
  });
}

export function useClearTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteResource(`/cost-targets/${id}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['cost-targets'] });
      void queryClient.invalidateQueries({ queryKey: ['stats', 'actuals'] });
    },
  });
}

export function useActualsStats(filter: {
  from?: string;
  to?: string;
  divisionId?: string;
  unitId?: string;
}) {
  return useQuery({
    queryKey: ['stats', 'actuals', filter],
    queryFn: () => getJson<ActualsStats>('/stats/actuals', { ...filter }),
    placeholderData: keepPreviousData,
  });
}
