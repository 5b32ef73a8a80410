import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEventsRepository } from '@db/repositories/audit-events.repository';
import { ExemptionsRepository } from '@db/repositories/exemptions.repository';
import { OrgUnitsRepository } from '@db/repositories/org-units.repository';
import { DomainError } from '@domain/errors';
import {
  assertMayRevokeExemption,
  exemptionCovers,
  parseNewExemption,
  type Exemption,
  type ExemptionSubject,
} from '@domain/exemptions';
import { AuthService } from '../auth/auth.service';
import { asActor, type CurrentUser, hasRole } from '../auth/current-user';
import { PeriodWatchGateway } from '../review-periods/period-watch-gateway';
import type * as contract from '@contracts/exemptions';
import type { PageParams } from '@contracts/paging';
import { DATA_SOURCE } from '../tokens';
import { pageFromRows } from '../common/paging';

@Injectable()
export class ExemptionsService {
  private readonly exemptions: ExemptionsRepository;
  private readonly orgUnits: OrgUnitsRepository;
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly watches: PeriodWatchGateway,
    private readonly auth: AuthService,
  ) {
    this.exemptions = new ExemptionsRepository(dataSource);
    this.orgUnits = new OrgUnitsRepository(dataSource);
  }

  /** Divisions the user may grant or see exemptions for; null for the whole region. */
  private divisionsOf(user: CurrentUser): string[] | null {
    if (hasRole(user, 'executive', 'admin')) return null;
    return user.grants.filter((g) => g.role === 'director' && g.scopeUnitId).map((g) => g.scopeUnitId!);
  }

  async list(user: CurrentUser, page: PageParams): Promise<contract.ExemptionList> {
    const divisions = this.divisionsOf(user);
    return pageFromRows(await this.exemptions.list(divisions, page), page);
  }

  async create(body: unknown, user: CurrentUser): Promise<contract.Exemption> {
    const input = parseNewExemption(body);
    const unit = await this.orgUnits.placed(input.scopeUnitId);
    if (!unit) {
      throw new DomainError('unprocessable', 'No such division or unit', [
        { field: 'scopeUnitId', message: 'is not a known division or unit' },
      ]);
    }
    const divisions = this.divisionsOf(user);
    if (divisions && !divisions.includes(unit.divisionId)) {
      throw new DomainError('not_allowed', 'A director grants exemptions only within their own division');
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
    return exemption;
  }

  async revoke(id: string, user: CurrentUser): Promise<contract.Exemption> {
    return this.dataSource.transaction(async (db) => {
      const exemptions = new ExemptionsRepository(db);
      const exemption = await exemptions.lockedWithDivision(id);
      const divisions = this.divisionsOf(user);
      if (!exemption || (divisions && !divisions.includes(exemption.divisionId))) {
        throw new DomainError('not_found', `No exemption ${id}`);
      }
      if (exemption.revokedAt) throw new DomainError('conflict', 'The exemption is already revoked');
      const granter = await this.auth.loadUser({ id: exemption.grantedBy });
      assertMayRevokeExemption(asActor(user), granter && asActor(granter));
      await exemptions.revoke(id, user.id);
      await new AuditEventsRepository(db).appendAdministrative({
        eventKey: `exemption_revoked:${id}`,
        type: 'exemption_revoked',
        actorId: user.id,
        data: { exemptionId: id },
      });
      return (await exemptions.byId(id))!;
    });
  }

  /** The active exemption covering a request on its submission date, if any. */
  async covering(db: EntityManager, subject: ExemptionSubject): Promise<Exemption | undefined> {
    const candidates = await new ExemptionsRepository(db).activeOn(subject);
    return candidates.find((e) => exemptionCovers(e, subject));
  }
}
