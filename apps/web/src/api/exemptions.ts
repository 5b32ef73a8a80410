import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NewExemption, Revocation } from '@domain/exemptions';
import { MAX_PAGE_SIZE } from '@contracts/paging';
import { getJson, postJson } from './client';
import type { Exemption, Page } from './types';

const KEY = ['exemptions'];

export function useExemptions() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => getJson<Page<Exemption>>('/exemptions', { pageSize: MAX_PAGE_SIZE }),
  });
}

export function useRecordExemption() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewExemption) => postJson<Exemption>('/exemptions', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRevokeExemption(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Revocation) => postJson<Exemption>(`/exemptions/${id}/revoke`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
