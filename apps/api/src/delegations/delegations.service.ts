import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { stockholmDate } from '@domain/calendar';
import { assertMayDelegate, parseNewDelegation } from '@domain/delegation';
import type { RequestKind } from '@domain/enums';
import { DomainError } from '@domain/errors';
import { AuthService } from '../auth/auth.service';
import { asActor, type CurrentUser, hasRole } from '../auth/current-user';
import type * as contract from '@contracts/delegations';
import type { PageParams } from '@contracts/paging';
import { DATA_SOURCE } from '../tokens';
import { pageFromRows, pageSql, TOTAL_COLUMN } from '../common/paging';

const COLUMNS = `d.id, d.delegator_id AS "delegatorId", dr.display_name AS "delegatorName", d.delegate_id AS "delegateId",
  de.display_name AS "delegateName", d.valid_from::text AS "validFrom", d.valid_to::text AS "validTo", d.kind,
  d.created_by AS "createdBy", d.created_at AS "createdAt", d.revoked_at AS "revokedAt"`;
const FROM = `delegations d JOIN users dr ON dr.id = d.delegator_id JOIN users de ON de.id = d.delegate_id`;

@Injectable()
export class DelegationsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  /** Own delegations (either side); the HR lead, executive and admin see all; a director their division's. */
  async list(user: CurrentUser, page: PageParams): Promise<contract.DelegationList> {
    const all = hasRole(user, 'hr_lead', 'executive', 'admin');
    const divisions = user.grants
      .filter((g) => g.role === 'director' && g.scopeUnitId)
      .map((g) => g.scopeUnitId!);
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS}, ${TOTAL_COLUMN} FROM ${FROM}
        WHERE d.revoked_at IS NULL
          AND ($2 OR d.delegator_id = $1 OR d.delegate_id = $1
               OR EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = d.delegator_id AND ra.scope_unit_id = ANY($3::uuid[])))
        ORDER BY d.valid_from DESC, d.created_at DESC, d.id ${pageSql(page)}`,
      [user.id, all, divisions],
    );
    return pageFromRows(rows, page);
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
      const [row] = await db.query(
        `INSERT INTO delegations (delegator_id, delegate_id, valid_from, valid_to, kind, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [delegator.id, delegate.id, input.validFrom, input.validTo, input.kind ?? null, user.id],
      );
      const [created] = await db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = $1`, [row.id]);
      await db.query(
        `INSERT INTO audit_events (event_key, type, actor_id, at, data) VALUES ($1, 'delegation_created', $2, now(), $3::jsonb)`,
        [`delegation:${row.id}`, user.id, JSON.stringify(created)],
      );
      return created;
    });
  }

  async revoke(id: string, user: CurrentUser) {
    const [row] = await this.dataSource.query(
      `SELECT d.id, d.delegator_id, d.delegate_id, d.revoked_at FROM delegations d WHERE d.id = $1`,
      [id],
    );
    if (!row || row.revoked_at) throw new DomainError('not_found', `No delegation ${id}`);
    if (row.delegator_id !== user.id && row.delegate_id !== user.id) {
      const [delegator, delegate] = await Promise.all([
        this.auth.loadUser({ id: row.delegator_id }),
        this.auth.loadUser({ id: row.delegate_id }),
      ]);
      // Whoever may record this delegation may also end it.
      assertMayDelegate(asActor(user), asActor(delegator!), asActor(delegate!));
    }
    await this.dataSource.transaction(async (db) => {
      await db.query(`UPDATE delegations SET revoked_at = now() WHERE id = $1`, [id]);
      await db.query(
        `INSERT INTO audit_events (event_key, type, actor_id, at, data) VALUES ($1, 'delegation_revoked', $2, now(), $3::jsonb)`,
        [`delegation_revoked:${id}`, user.id, JSON.stringify({ delegationId: id })],
      );
    });
  }

  /**
   * Whom the user stands in for on this stage today: the reviewer it was reassigned to, or else any absent reviewer
   * holding the stage's role and scope. Delegations never chain.
   */
  async onBehalfOf(
    user: CurrentUser,
    kind: RequestKind,
    stage: { assigneeUserId: string | null; assigneeRole: string; assigneeScopeUnitId: string | null },
  ): Promise<string | undefined> {
    const delegators: { delegator_id: string; covers: boolean }[] = await this.dataSource.query(
      `SELECT d.delegator_id,
              EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = d.delegator_id AND ra.role = $3
                        AND (ra.scope_unit_id IS NULL OR ra.scope_unit_id = $4::uuid)) AS covers
         FROM delegations d
        WHERE d.delegate_id = $1 AND d.revoked_at IS NULL AND d.valid_from <= $2 AND d.valid_to >= $2
          AND (d.kind IS NULL OR d.kind = $5)
        ORDER BY d.created_at`,
      [user.id, stockholmDate(new Date()), stage.assigneeRole, stage.assigneeScopeUnitId, kind],
    );
    if (stage.assigneeUserId) {
      return delegators.find((d) => d.delegator_id === stage.assigneeUserId)?.delegator_id;
    }
    return delegators.find((d) => d.covers)?.delegator_id;
  }
}
