import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput } from '@domain/request-input';
import type { DecisionInput } from '@domain/decision-input';
import { MAX_PAGE_SIZE } from '@contracts/paging';
import { getJson, postJson } from './client';
import type {
  DecisionResult,
  InboxItem,
  Page,
  Reassignment,
  RequestDetail,
  RequestSummary,
  Resubmission,
  Submission,
  TimelineEvent,
  Withdrawal,
} from './types';

export interface RequestListQuery {
  mine?: 'true';
  unitId?: string;
  status?: string;
  caseNumber?: string;
  page?: number;
  pageSize?: number;
}

export function useRequestList(query: RequestListQuery, enabled = true) {
  return useQuery({
    queryKey: ['requests', query],
    queryFn: () => getJson<Page<RequestSummary>>('/requests', { ...query }),
    enabled,
  });
}

export function useRequest(id: string) {
  return useQuery({ queryKey: ['request', id], queryFn: () => getJson<RequestDetail>(`/requests/${id}`) });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: ['request', id, 'timeline'],
    queryFn: () => getJson<TimelineEvent[]>(`/requests/${id}/timeline`),
  });
}

export function useInbox() {
  return useQuery({
    queryKey: ['inbox'],
    queryFn: () => getJson<Page<InboxItem>>('/inbox', { pageSize: MAX_PAGE_SIZE }),
    refetchInterval: 60_000,
  });
}

/** After any change to a request, everything that lists or shows requests is stale. */
function useInvalidateRequests() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['requests'] }),
      queryClient.invalidateQueries({ queryKey: ['request'] }),
      queryClient.invalidateQueries({ queryKey: ['inbox'] }),
      queryClient.invalidateQueries({ queryKey: ['notifications'] }),
    ]);
}

export function useSubmitRequest() {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: RequestInput; idempotencyKey: string }) =>
      postJson<Submission>('/requests', input, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: invalidate,
  });
}

export function useDecide(id: string) {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: DecisionInput; idempotencyKey: string }) =>
      postJson<DecisionResult>(`/requests/${id}/decisions`, input, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: invalidate,
  });
}

export function useResubmit(id: string) {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: (body: { comment?: string; changes?: Record<string, unknown> }) =>
      postJson<Resubmission>(`/requests/${id}/resubmit`, body),
    onSuccess: invalidate,
  });
}

export function useWithdraw(id: string) {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: (comment: string) =>
      postJson<Withdrawal>(`/requests/${id}/withdraw`, comment ? { comment } : {}),
    onSuccess: invalidate,
  });
}

export function useReassign(id: string) {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: (userId: string) => postJson<Reassignment>(`/requests/${id}/reassign`, { userId }),
    onSuccess: invalidate,
  });
}
