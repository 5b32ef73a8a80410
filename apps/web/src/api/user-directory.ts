import { useQuery } from '@tanstack/react-query';
import { getList } from './client';
import type { Me } from './types';

/**
 * Whom a stage can be reassigned or delegated to: the API's user directory (names and roles). It lists
 * candidates only; the API decides, when the choice is recorded, whether that person may take the work.
 */
export function useUserDirectory() {
  return useQuery({
    queryKey: ['user-directory'],
    queryFn: async () => (await getList<Me>('/users', { pageSize: 100 })).items,
    staleTime: 5 * 60_000,
  });
}
