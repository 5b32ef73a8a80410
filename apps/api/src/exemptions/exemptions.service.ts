import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEventsRepository } from '@db/repositories/audit-events.repository';
import { ExemptionsRepository, type ExemptionRow } from '@db/repositories/exemptions.repository';
import { OrgUnitsRepository } from '@db/repositories/org-units.repository';
import { ReviewPeriodsRepository } from '@db/repositories/review-periods.repository';
import { stockholmDate } from '@domain/calendar';
import { REQUEST_KINDS } from '@domain/enums';
import { DomainError } from '@domain/errors';
import {
  exemptionCovers,
  exemptionStatus,
  mayRecordExemption,
  parseNewExemption,
  parseRevocation,
  type Exemption,
  type ExemptionSubject,
} from '@domain/exemptions';
import { asActor, type CurrentUser, hasRole } from '../auth/current-user';
import { PeriodWatchGateway } from '../review-periods/period-watch-gateway';
import type * as contract from '@contracts/exemptions';
import type { PageParams } from '@contracts/paging';
import { DATA_SOURCE } from '../tokens';
import { pageFromRows } from '../common/paging';

const today = () => stockholmDate(new Date());

const answerOf = <R extends ExemptionRow>(row: R, on: string) => ({
  ...row,
  status: exemptionStatus(row, on),
});

@Injectable()
export class ExemptionsService {
  private readonly exemptions: ExemptionsRepository;
  private readonly orgUnits: OrgUnitsRepository;
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly watches: PeriodWatchGateway,
  ) {
    this.exemptions = new ExemptionsRepository(dataSource);
    this.orgUnits = new OrgUnitsRepository(dataSource);
  }

  /** Divisions whose exemptions the user may see; null for the whole region (the executive and the admin). */
  private divisionsOf(user: CurrentUser): string[] | null {
    if (hasRole(user, 'executive', 'admin')) return null;
    return user.grants.filter((g) => g.role === 'director' && g.scopeUnitId).map((g) => g.scopeUnitId!);
  }

  /** The ability already let only the recording roles through; asked again so the rule has one source. */
  private assertMayRecord(user: CurrentUser) {
    if (!mayRecordExemption(asActor(user))) {
      throw new DomainError('not_allowed', 'Only the executive or the admin records or revokes an exemption');
    }
  }

  async list(user: CurrentUser, page: PageParams): Promise<contract.ExemptionList> {
    const on = today();
    const rows = await this.exemptions.list(this.divisionsOf(user), page);
    return pageFromRows(
      rows.map((r) => answerOf(r, on)),
      page,
    );
  }

  async create(body: unknown, user: CurrentUser): Promise<contract.Exemption> {
    this.assertMayRecord(user);
    const on = today();
    // The periods bound the end date; an unknown kind is refused by the schema, naming the field.
    const kind = REQUEST_KINDS.find((k) => k === (body as { kind?: unknown } | null)?.kind);
    const periods = kind ? await new ReviewPeriodsRepository(this.dataSource).ofKind(kind) : [];
    const input = parseNewExemption(body, periods, on);
    const unit = await this.orgUnits.placed(input.scopeUnitId);
    if (!unit) {
      throw new DomainError('unprocessable', 'No such division or unit', [
        { field: 'scopeUnitId', message: 'is not a known division or unit' },
      ]);
    }
    const exemption = await this.dataSource.transaction(async (db) => {
      const exemptions = new ExemptionsRepository(db);
      const id = await exemptions.insert(input, user.id);
      const created = (await exemptions.byId(id))!;
      await new AuditEventsRepository(db).appendAdministrative({
        eventKey: `exemption:${id}`,
        type: 'exemption_granted',
        actorId: user.id,
        data: created,
      });
      return created;
    });
    await this.watches.watch(
      {
        id: exemption.id,
        kind: exemption.kind,
        validTo: exemption.validTo,
        decisionRef: exemption.decisionRef,
      },
      'exemption',
    );
    return answerOf(exemption, on);
  }

  /** Ends the exemption from the revocation's date (early), audited; only the roles that may record one revoke. */
  async revoke(id: string, body: unknown, user: CurrentUser): Promise<contract.Exemption> {
    this.assertMayRecord(user);
    const on = today();
    return this.dataSource.transaction(async (db) => {
      const exemptions = new ExemptionsRepository(db);
      const exemption = await exemptions.lockedWithDivision(id);
      if (!exemption) throw new DomainError('not_found', `No exemption ${id}`);
      const revocation = parseRevocation(body, exemption, on);
      await exemptions.revoke(id, revocation, user.id);
      await new AuditEventsRepository(db).appendAdministrative({
        eventKey: `exemption_revoked:${id}`,
        type: 'exemption_revoked',
        actorId: user.id,
        data: { exemptionId: id, ...revocation },
      });
      return answerOf((await exemptions.byId(id))!, on);
    });
  }

  /** The decision behind the exemption that covered a request (shown on the request). */
  async decisionOf(id: string) {
    const row = await this.exemptions.byId(id);
    return row
      ? { id: row.id, decisionBody: row.decisionBody, decisionRef: row.decisionRef, decidedOn: row.decidedOn }
      : null;
  }

  /** The active exemption covering a request on its submission date, if any. */
  async covering(db: EntityManager, subject: ExemptionSubject): Promise<Exemption | undefined> {
    const candidates = await new ExemptionsRepository(db).activeOn(subject);
    return candidates.find((e) => exemptionCovers(e, subject));
  }
}
