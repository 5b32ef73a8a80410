/** Shared names, imported by the API (client side) and the worker. */
export const DEFAULT_TASK_QUEUE = 'review';

export function reviewWorkflowId(requestId: string): string {
  return `review-${requestId}`;
}
