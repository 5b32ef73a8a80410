import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AuditEventsRepository } from '@db/repositories/audit-events.repository';
import { DelegationsRepository } from '@db/repositories/delegations.repository';
import { stockholmDate } from '@domain/calendar';
import {
  assertMayDelegate,
  carriedGrants,
  delegateQualifiesFor,
  parseNewDelegation,
} from '@domain/delegation';
import type { StandIn } from '@domain/may-decide-now';
import type { RequestKind, Role } from '@domain/enums';
import { DomainError } from '@domain/errors';
import { AuthService } from '../auth/auth.service';
import { asActor, type CurrentUser, hasRole } from '../auth/current-user';
import type * as contract from '@contracts/delegations';
import type { PageParams } from '@contracts/paging';
import { DATA_SOURCE } from '../tokens';
import { pageFromRows } from '../common/paging';

@Injectable()
export class DelegationsService {
  private readonly delegations: DelegationsRepository;
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {
    this.delegations = new DelegationsRepository(dataSource);
  }

  /**
   * Whom the user stands in for today, each with the grants the user carries for them: only those the user still
   * holds themselves, so a stand-in who lost the role decides nothing for anyone (the inbox and the request's
   * allowed actions both ask this).
   */
  async standInsFor(user: CurrentUser, today: string): Promise<Map<string, StandIn>> {
    const standIns = new Map<string, StandIn>();
    for (const d of await this.delegations.activeFor(user.id, today)) {
      const delegator = await this.auth.loadUser({ id: d.delegatorId });
      if (!delegator) continue;
      const grants = carriedGrants(asActor(delegator), asActor(user));
      if (grants.length > 0)
        standIns.set(delegator.id, { actor: { userId: delegator.id, grants }, kind: d.kind });
    }
    return standIns;
  }

  /** Own delegations (either side); the HR lead, executive and admin see all; a director their division's. */
  async list(user: CurrentUser, page: PageParams): Promise<contract.DelegationList> {
    const all = hasRole(user, 'hr_lead', 'executive', 'admin');
    const divisions = user.grants
      .filter((g) => g.role === 'director' && g.scopeUnitId)
      .map((g) => g.scopeUnitId!);
    return pageFromRows(await this.delegations.list({ userId: user.id, all, divisions, ...page }), page);
  }

  async create(body: unknown, user: CurrentUser): Promise<contract.Delegation> {
    const input = parseNewDelegation(body);
    const [delegator, delegate] = await Promise.all([
      input.delegatorId ? this.auth.loadUser({ id: input.delegatorId }) : user,
      this.auth.loadUser({ id: input.delegateId }),
    ]);
    if (!delegator) {
      throw new DomainError('unprocessable', 'No such user', [
        { field: 'delegatorId', message: 'is not a known user' },
      ]);
    }
    if (!delegate) {
      throw new DomainError('unprocessable', 'No such user', [
        { field: 'delegateId', message: 'is not a known user' },
      ]);
    }
    assertMayDelegate(asActor(user), asActor(delegator), asActor(delegate));
    return this.dataSource.transaction(async (db) => {
      const delegations = new DelegationsRepository(db);
      const id = await delegations.insert(
        { ...input, delegatorId: delegator.id, delegateId: delegate.id },
        user.id,
      );
      const created = (await delegations.byId(id))!;
      await new AuditEventsRepository(db).appendAdministrative({
        eventKey: `delegation:${id}`,
        type: 'delegation_created',
        actorId: user.id,
        data: created,
      });
      return created;
    });
  }

  async revoke(id: string, user: CurrentUser) {
    const row = await this.delegations.parties(id);
    if (!row || row.revokedAt) throw new DomainError('not_found', `No delegation ${id}`);
    if (row.delegatorId !== user.id && row.delegateId !== user.id) {
      const [delegator, delegate] = await Promise.all([
        this.auth.loadUser({ id: row.delegatorId }),
        this.auth.loadUser({ id: row.delegateId }),
      ]);
      // Whoever may record this delegation may also end it.
      assertMayDelegate(asActor(user), asActor(delegator!), asActor(delegate!));
    }
    await this.dataSource.transaction(async (db) => {
      await new DelegationsRepository(db).revoke(id);
      await new AuditEventsRepository(db).appendAdministrative({
        eventKey: `delegation_revoked:${id}`,
        type: 'delegation_revoked',
        actorId: user.id,
        data: { delegationId: id },
      });
    });
  }

  /**
   * Whom the user stands in for on this stage today: the reviewer it was reassigned to, or else any absent reviewer
   * holding the stage's role and scope. Delegations never chain, and count only while the user themselves holds
   * the stage's role and scope (roles may have changed since the delegation was recorded); without that the
   * decision goes to the workflow as the user's own, which refuses it.
   */
  async onBehalfOf(
    user: CurrentUser,
    kind: RequestKind,
    stage: { assigneeUserId: string | null; assigneeRole: Role; assigneeScopeUnitId: string | null },
  ): Promise<string | undefined> {
    const needed = { role: stage.assigneeRole, scopeUnitId: stage.assigneeScopeUnitId };
    if (!delegateQualifiesFor(asActor(user), needed)) return undefined;
    const delegators = await this.delegations.standingInFor({
      delegateId: user.id,
      date: stockholmDate(new Date()),
      kind,
      role: stage.assigneeRole,
      scopeUnitId: stage.assigneeScopeUnitId,
    });
    if (stage.assigneeUserId) {
      return delegators.find((d) => d.delegatorId === stage.assigneeUserId)?.delegatorId;
    }
    return delegators.find((d) => d.covers)?.delegatorId;
  }
}
