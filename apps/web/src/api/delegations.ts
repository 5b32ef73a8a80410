import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NewDelegation } from '@domain/delegation';
import { MAX_PAGE_SIZE } from '@contracts/paging';
import { deleteResource, getJson, postJson } from './client';
import type { Delegation, Page } from './types';

export function useDelegations() {
  return useQuery({
    queryKey: ['delegations'],
    queryFn: () => getJson<Page<Delegation>>('/delegations', { pageSize: MAX_PAGE_SIZE }),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['delegations'] }),
      queryClient.invalidateQueries({ queryKey: ['inbox'] }),
    ]);
}

export function useCreateDelegation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: NewDelegation) => postJson<Delegation>('/delegations', body),
    onSuccess: invalidate,
  });
}

export function useRevokeDelegation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => deleteResource(`/delegations/${id}`),
    onSuccess: invalidate,
  });
}
