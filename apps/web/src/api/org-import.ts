import { useMutation } from '@tanstack/react-query';
import { apiFetch, downloadFile, withQuery } from './client';
import type { ImportOutcome } from './types';

/** Uploads the organisation file: a dry run, or (apply) the import itself; the plan or the bad rows come back. */
export function useOrgImport() {
  return useMutation({
    mutationFn: async ({ file, apply }: { file: File; apply: boolean }) => {
      const body = new FormData();
      body.append('file', file, file.name);
      const res = await apiFetch(withQuery('/org-import', { apply }), { method: 'POST', body });
      return (await res.json()) as ImportOutcome;
    },
  });
}

export const downloadImportTemplate = () =>
  downloadFile('/org-import/template', 'provning-organisation-mall.xlsx');
