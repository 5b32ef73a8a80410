import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PolicyVersion, PolicyVersionList, RoutePreview } from '@contracts/policy-versions';
import type { RouteDraft } from '@domain/route-rules';
import { apiFetch, getJson, postJson } from './client';

const KEY = ['policy-versions'];

export function usePolicyVersions() {
  return useQuery({ queryKey: KEY, queryFn: () => getJson<PolicyVersionList>('/policy-versions') });
}

export function useCreateDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    /** A copy of a version, or the route for new regions. */
    mutationFn: (from: number | 'recommending') =>
      postJson<PolicyVersion>(
        '/policy-versions',
        from === 'recommending' ? { template: from } : { copyOf: from },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSaveDraft(version: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (policy: RouteDraft) => {
      const res = await apiFetch(`/policy-versions/${version}`, {
        method: 'PUT',
        body: JSON.stringify(policy),
      });
      return (await res.json()) as PolicyVersion;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export interface PreviewFacts {
  kind: 'hire' | 'agency_call_off';
  newPermanentPosition?: boolean;
  urgent?: boolean;
  monthlyCostSek?: number;
  estimatedCostSek?: number;
  occupationalCategory?: string;
}

export function usePreview(version: number) {
  return useMutation({
    mutationFn: (facts: PreviewFacts) => postJson<RoutePreview>(`/policy-versions/${version}/preview`, facts),
  });
}

export interface Publication {
  validFrom: string;
  decisionRef: string;
  decidedBy?: string;
  decidedOn: string;
}

export function usePublish(version: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Publication) => postJson<PolicyVersion>(`/policy-versions/${version}/publish`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
