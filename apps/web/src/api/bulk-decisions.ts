import { useMutation, useQueryClient } from '@tanstack/react-query';
import type * as bulk from '@contracts/bulk-decisions';
import type { Json } from '@contracts/wire';
import { postJson } from './client';

export type BulkDecisionInput = bulk.BulkDecisionInput;
export type BulkDecisionResult = Json<bulk.BulkDecisionResult>;
export type BulkDecisionItemResult = Json<bulk.BulkDecisionItemResult>;

/** Approves many requests at one stage; the answer says per request what happened (POST /decisions/bulk). */
export function useBulkDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: BulkDecisionInput; idempotencyKey: string }) =>
      postJson<BulkDecisionResult>('/decisions/bulk', input, { 'Idempotency-Key': idempotencyKey }),
    // Decided requests leave the inbox and change status everywhere they are shown.
    onSettled: () =>
      Promise.all(
        ['inbox', 'requests', 'request', 'notifications'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}
