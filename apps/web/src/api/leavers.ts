import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as leavers from '@contracts/leavers';
import { MAX_PAGE_SIZE } from '@contracts/paging';
import type { Json } from '@contracts/wire';
import { getJson, postJson } from './client';

export type RequestsWithoutRequester = Json<leavers.RequestsWithoutRequester>;
export type RequesterChange = Json<leavers.RequesterChange>;

/** The HR lead's list of open requests whose requester left or lost the role (issue 18). */
export function useRequestsWithoutRequester() {
  return useQuery({
    queryKey: ['requests-without-requester'],
    queryFn: () =>
      getJson<RequestsWithoutRequester>('/requests-without-requester', { pageSize: MAX_PAGE_SIZE }),
  });
}

export function useChangeRequester() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, userId }: { requestId: string; userId: string }) =>
      postJson<RequesterChange>(`/requests/${requestId}/requester`, { userId }),
    onSuccess: () =>
      Promise.all(
        ['requests-without-requester', 'requests', 'request'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}
