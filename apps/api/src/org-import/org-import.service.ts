import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type AdminAuditPage, type ImportOutcome } from '@contracts/org-import';
import type { PageParams } from '@contracts/paging';
import { OrgImportRepository } from '@db/repositories/org-import.repository';
import { importOrganisation } from '@org-import/import';
import { readImportFile, UnreadableImport } from '@org-import/read';
import { pageFromRows } from '../common/paging';
import { problem, ProblemException } from '../common/problem';
import { DATA_SOURCE } from '../tokens';

@Injectable()
export class OrgImportService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Reads the file, plans it and, when asked, applies it; a file that cannot be read is a 413/415/422 naming it. */
  async import(bytes: Uint8Array, fileName: string, apply: boolean, actorId: string): Promise<ImportOutcome> {
    const file = await readImportFile(bytes, fileName).catch((e: unknown) => {
      if (e instanceof UnreadableImport) throw new ProblemException(problem(e.status, e.message));
      throw e;
    });
    // Deactivated people's open stages are not handed on yet (issue 18, item 4): that will be its onPeopleDeactivated.
    return importOrganisation(this.dataSource, file, { apply, actorId });
  }

  async auditPage(at: PageParams): Promise<AdminAuditPage> {
    return pageFromRows(await new OrgImportRepository(this.dataSource).auditPage(at), at) as AdminAuditPage;
  }
}
