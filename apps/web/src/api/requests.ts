import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput } from '@domain/request-input';
import type { DecisionInput } from '@domain/decision-input';
import { getJson, postJson } from './client';
import type { InboxItem, Paged, RequestDetail, RequestSummary, StageRef, TimelineEvent } from './types';

export interface RequestListQuery {
  mine?: 'true';
  unitId?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

export function useRequestList(query: RequestListQuery, enabled = true) {
  return useQuery({
    queryKey: ['requests', query],
    queryFn: () => getJson<Paged<RequestSummary>>('/requests', { ...query }),
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
    queryFn: () => getJson<Paged<InboxItem>>('/inbox', { pageSize: 100 }),
    refetchInterval: 60_000,
  });
}

export interface Submission {
  id: string;
  status: string;
  reviewRequired: boolean;
  currentStage: (StageRef & { assignees?: unknown }) | null;
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
      postJson<{ status: string }>(`/requests/${id}/decisions`, input, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: invalidate,
  });
}

export function useResubmit(id: string) {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: (body: { comment?: string; changes?: Record<string, unknown> }) =>
      postJson<{ status: string }>(`/requests/${id}/resubmit`, body),
    onSuccess: invalidate,
  });
}

export function useWithdraw(id: string) {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: (comment: string) =>
      postJson<{ status: string }>(`/requests/${id}/withdraw`, comment ? { comment } : {}),
    onSuccess: invalidate,
  });
}

export function useReassign(id: string) {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: (userId: string) => postJson<unknown>(`/requests/${id}/reassign`, { userId }),
    onSuccess: invalidate,
  });
}
