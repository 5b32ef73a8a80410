import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Extension, NewPeriod } from '@domain/review-periods';
import { MAX_PAGE_SIZE } from '@contracts/paging';
import { getJson, postJson } from './client';
import type { Page, ReviewPeriod } from './types';

export function useReviewPeriods() {
  return useQuery({
    queryKey: ['review-periods'],
    queryFn: () => getJson<Page<ReviewPeriod>>('/review-periods', { pageSize: MAX_PAGE_SIZE }),
  });
}

export function useCreatePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPeriod) => postJson<ReviewPeriod>('/review-periods', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['review-periods'] }),
  });
}

export function useExtendPeriod(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Extension) => postJson<ReviewPeriod>(`/review-periods/${id}/extensions`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['review-periods'] }),
  });
}
