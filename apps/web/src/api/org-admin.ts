import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as contract from '@contracts/org-admin';
import { MAX_PAGE_SIZE } from '@contracts/paging';
import type { Json } from '@contracts/wire';
import type { NewOrgUnit, OrgUnitChange } from '@domain/org-tree';
import { apiFetch, getJson, postJson } from './client';
import type { Page } from './types';

export type AdminOrgUnit = Json<contract.AdminOrgUnit>;
export type OrgUnitStatus = 'open' | 'closed' | 'all';
export interface OrgFilter {
  q: string;
  status: OrgUnitStatus;
}

const KEY = ['admin-org-units'];

/** The organisation as the admin keeps it: one page of the largest size (a region has some hundred units). */
export function useAdminOrgUnits(filter: OrgFilter, page: number) {
  return useQuery({
    queryKey: [...KEY, filter, page],
    queryFn: () =>
      getJson<Page<AdminOrgUnit>>('/admin/org-units', { ...filter, page, pageSize: MAX_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

/** After any write the admin list and the forms' organisation are stale. */
function useWrite<B>(write: (body: B) => Promise<AdminOrgUnit>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: KEY });
      await queryClient.invalidateQueries({ queryKey: ['org'] });
    },
  });
}

export const useCreateOrgUnit = () =>
  useWrite((body: NewOrgUnit) => postJson<AdminOrgUnit>('/admin/org-units', body));

export const useChangeOrgUnit = (id: string) =>
  useWrite(async (body: OrgUnitChange) => {
    const res = await apiFetch(`/admin/org-units/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
    return (await res.json()) as AdminOrgUnit;
  });

export const useCloseOrgUnit = (id: string) =>
  useWrite((body: { validTo: string }) => postJson<AdminOrgUnit>(`/admin/org-units/${id}/close`, body));
