import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EarlyEnd, Extension, NewPeriod, PeriodCorrection } from '@domain/review-periods';
import { MAX_PAGE_SIZE } from '@contracts/paging';
import { getJson, patchJson, postJson } from './client';
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

export function useEndPeriodEarly(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EarlyEnd) => postJson<ReviewPeriod>(`/review-periods/${id}/end`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['review-periods'] }),
  });
}

export function useCorrectPeriod(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PeriodCorrection) => patchJson<ReviewPeriod>(`/review-periods/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['review-periods'] }),
  });
}
