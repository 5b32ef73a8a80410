import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type AdminAuditPage, type ImportOutcome } from '@contracts/org-import';
import type { PageParams } from '@contracts/paging';
import { OrgImportRepository } from '@db/repositories/org-import.repository';
import { importOrganisation } from '@org-import/import';
import { readImportFile, UnreadableImport } from '@org-import/read';
import { pageFromRows } from '../common/paging';
import { problem, ProblemException } from '../common/problem';
import { DATA_SOURCE } from '../tokens';
import { LeaversService } from '../leavers/leavers.service';

@Injectable()
export class OrgImportService {
  private readonly logger = new Logger('OrgImport');

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly leavers: LeaversService,
  ) {}

  /** Reads the file, plans it and, when asked, applies it; a file that cannot be read is a 413/415/422 naming it. */
  async import(bytes: Uint8Array, fileName: string, apply: boolean, actorId: string): Promise<ImportOutcome> {
    const file = await readImportFile(bytes, fileName).catch((e: unknown) => {
      if (e instanceof UnreadableImport) throw new ProblemException(problem(e.status, e.message));
      throw e;
    });
    const outcome = await importOrganisation(this.dataSource, file, { apply, actorId });
    // Not only onPeopleDeactivated: an import also ends roles, and a person who lost one holds work as stuck as a
    // leaver's. The import has committed; a settle that fails (Temporal away) is caught up by the hourly run.
    if (outcome.applied) {
      await this.leavers.settle(actorId).catch((e: unknown) => {
        this.logger.warn(`settling leavers after the import failed: ${(e as Error).message}`);
      });
    }
    return outcome;
  }

  async auditPage(at: PageParams): Promise<AdminAuditPage> {
    return pageFromRows(await new OrgImportRepository(this.dataSource).auditPage(at), at) as AdminAuditPage;
  }
}
