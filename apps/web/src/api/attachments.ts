import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as contract from '@contracts/attachments';
import type { Json } from '@contracts/wire';
import { apiFetch, deleteResource, downloadFile, getJson } from './client';

export type Attachment = Json<contract.Attachment>;
export type AttachmentList = Json<contract.AttachmentList>;

export function useAttachments(requestId: string) {
  return useQuery({
    queryKey: ['request', requestId, 'attachments'],
    queryFn: () => getJson<AttachmentList>(`/requests/${requestId}/attachments`),
  });
}

/** Posts one file (one file per call, as the API takes them). */
export async function uploadAttachment(requestId: string, file: File): Promise<Attachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await apiFetch(`/requests/${requestId}/attachments`, { method: 'POST', body });
  return (await res.json()) as Attachment;
}

export function useUploadAttachment(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(requestId, file),
    // The list and the timeline (attachment_added) both change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['request', requestId] }),
  });
}

export function useRemoveAttachment(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: Attachment) => deleteResource(`/requests/${requestId}/attachments/${a.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['request', requestId] }),
  });
}

export const downloadAttachment = (a: Attachment) =>
  downloadFile(`/requests/${a.requestId}/attachments/${a.id}`, a.fileName);
