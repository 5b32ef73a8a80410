import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QuestionList, QuestionResult } from '@contracts/questions';
import { getJson, postJson } from './client';

/** Questions without a return (issue 21): a request's questions and answers, asking and answering. */
export function useQuestions(requestId: string) {
  return useQuery({
    queryKey: ['request', requestId, 'questions'],
    queryFn: () => getJson<QuestionList>(`/requests/${requestId}/questions`),
  });
}

/** A question or an answer changes the request's deadline, timeline and notifications: all of it is stale. */
function useInvalidate(requestId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['request', requestId] }),
      queryClient.invalidateQueries({ queryKey: ['inbox'] }),
      queryClient.invalidateQueries({ queryKey: ['notifications'] }),
    ]);
}

export function useAskQuestion(requestId: string) {
  const invalidate = useInvalidate(requestId);
  return useMutation({
    mutationFn: (text: string) => postJson<QuestionResult>(`/requests/${requestId}/questions`, { text }),
    onSuccess: invalidate,
  });
}

export function useAnswerQuestion(requestId: string) {
  const invalidate = useInvalidate(requestId);
  return useMutation({
    mutationFn: ({ questionId, text }: { questionId: string; text: string }) =>
      postJson<QuestionResult>(`/requests/${requestId}/questions/${questionId}/answer`, { text }),
    onSuccess: invalidate,
  });
}
