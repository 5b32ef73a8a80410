import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, postJson } from './client';
import type { MarkAllRead, Notification, NotificationList } from './types';

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: () => getJson<NotificationList>('/notifications', { pageSize: 20 }),
    enabled,
    // Deadlines and decisions arrive while the page is open; a minute is fresh enough for a bell.
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => postJson<Notification>(`/notifications/${id}/read`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

/** Marks read what the reader has seen: those created up to when the list was fetched, not one arriving since. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (before: string) => postJson<MarkAllRead>('/notifications/read-all', { before }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
