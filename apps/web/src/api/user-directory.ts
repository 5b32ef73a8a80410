import { useQuery } from '@tanstack/react-query';
import { MAX_PAGE_SIZE } from '@contracts/paging';
import { getJson } from './client';
import type { Me, Page } from './types';

/**
 * Whom a stage can be reassigned or delegated to: the API's user directory (names and roles). It lists
 * candidates only; the API decides, when the choice is recorded, whether that person may take the work.
 */
export function useUserDirectory() {
  return useQuery({
    queryKey: ['user-directory'],
    queryFn: async () => (await getJson<Page<Me>>('/users', { pageSize: MAX_PAGE_SIZE })).items,
    staleTime: 5 * 60_000,
  });
}
