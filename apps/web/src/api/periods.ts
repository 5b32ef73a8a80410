import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Extension, NewPeriod } from '@domain/review-periods';
import { getList, postJson } from './client';
import type { ReviewPeriod } from './types';

export function useReviewPeriods() {
  return useQuery({
    queryKey: ['review-periods'],
    queryFn: () => getList<ReviewPeriod>('/review-periods', { pageSize: 100 }),
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
