import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as people from '@contracts/people-admin';
import type { AdminAuditPage as AuditPageContract } from '@contracts/org-import';
import type { Json } from '@contracts/wire';
import { getJson, patchJson, postJson } from './client';

export type AdminPerson = Json<people.AdminPerson>;
export type AdminPersonPage = Json<people.AdminPersonPage>;
export type RoleAssignment = AdminPerson['roles'][number];
export type AuditPage = Json<AuditPageContract>;
export type AuditEntry = AuditPage['items'][number];

export interface PeopleFilter {
  q?: string;
  role?: string;
  scopeUnitId?: string;
  active?: 'true' | 'false' | 'all';
  page: number;
}

export function usePeople(filter: PeopleFilter) {
  return useQuery({
    queryKey: ['admin-people', filter],
    queryFn: () => getJson<AdminPersonPage>('/admin/people', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: ['admin-person', id],
    queryFn: () => getJson<AdminPerson>(`/admin/people/${id}`),
  });
}

/** A write that answers the person as changed: the person's view takes it, lists and the audit log reload. */
function usePersonWrite<V>(write: (v: V) => Promise<AdminPerson>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (person) => {
      queryClient.setQueryData(['admin-person', person.id], person);
      void queryClient.invalidateQueries({ queryKey: ['admin-people'] });
      void queryClient.invalidateQueries({ queryKey: ['admin-audit'] });
    },
  });
}

export const useCreatePerson = () =>
  usePersonWrite((body: people.NewPerson) => postJson<AdminPerson>('/admin/people', body));
export const useUpdatePerson = (id: string) =>
  usePersonWrite((body: people.PersonPatch) => patchJson<AdminPerson>(`/admin/people/${id}`, body));
export const useAddRole = (id: string) =>
  usePersonWrite((body: people.NewRoleAssignment) =>
    postJson<AdminPerson>(`/admin/people/${id}/roles`, body),
  );
export const useEndRole = (id: string) =>
  usePersonWrite(({ assignmentId, ...body }: { assignmentId: string; validTo?: string }) =>
    postJson<AdminPerson>(`/admin/people/${id}/roles/${assignmentId}/end`, body),
  );

export function useAdminAudit(page: number) {
  return useQuery({
    queryKey: ['admin-audit', page],
    queryFn: () => getJson<AuditPage>('/admin-audit', { page, pageSize: 25 }),
    placeholderData: keepPreviousData,
  });
}
