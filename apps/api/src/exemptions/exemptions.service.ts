import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@domain/errors';
import {
  exemptionCovers,
  parseNewExemption,
  type Exemption,
  type ExemptionSubject,
} from '@domain/exemptions';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { PeriodWatchGateway } from '../review-periods/period-watch-gateway';
import type * as contract from '@contracts/exemptions';
import type { PageParams } from '@contracts/paging';
import { DATA_SOURCE } from '../tokens';
import { pageFromRows, pageSql, TOTAL_COLUMN } from '../common/paging';

const COLUMNS = `e.id, e.scope_unit_id AS "scopeUnitId", e.kind, e.occupational_categories AS "occupationalCategories",
  e.valid_from::text AS "validFrom", e.valid_to::text AS "validTo", e.cost_ceiling_sek::float8 AS "costCeilingSek",
  e.reason, e.decision_ref AS "decisionRef", e.granted_by AS "grantedBy", e.created_at AS "createdAt",
  e.revoked_at AS "revokedAt", e.revoked_by AS "revokedBy"`;

/** Division of an org unit (a division is its own). */
const DIVISION_OF = `(SELECT COALESCE(o.parent_id, o.id) FROM org_units o WHERE o.id = e.scope_unit_id)`;

@Injectable()
export class ExemptionsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly watches: PeriodWatchGateway,
  ) {}

  /** Divisions the user may grant or see exemptions for; null for the whole region. */
  private divisionsOf(user: CurrentUser): string[] | null {
    if (hasRole(user, 'executive', 'admin')) return null;
    return user.grants.filter((g) => g.role === 'director' && g.scopeUnitId).map((g) => g.scopeUnitId!);
  }

  async list(user: CurrentUser, page: PageParams): Promise<contract.ExemptionList> {
    const divisions = this.divisionsOf(user);
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS}, ${TOTAL_COLUMN} FROM exemptions e
        WHERE $1::uuid[] IS NULL OR ${DIVISION_OF} = ANY($1::uuid[])
        ORDER BY e.valid_from DESC, e.created_at DESC, e.id ${pageSql(page)}`,
      [divisions],
    );
    return pageFromRows(rows, page);
  }

  async create(body: unknown, user: CurrentUser): Promise<contract.Exemption> {
    const input = parseNewExemption(body);
    const [unit] = await this.dataSource.query(
      `SELECT id, COALESCE(parent_id, id) AS "divisionId" FROM org_units WHERE id = $1`,
      [input.scopeUnitId],
    );
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
      const [row] = await db.query(
        `INSERT INTO exemptions (scope_unit_id, kind, occupational_categories, valid_from, valid_to, cost_ceiling_sek,
                                 reason, decision_ref, granted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          input.scopeUnitId,
          input.kind,
          input.occupationalCategories,
          input.validFrom,
          input.validTo,
          input.costCeilingSek ?? null,
          input.reason,
          input.decisionRef,
          user.id,
        ],
      );
      const [created] = await db.query(`SELECT ${COLUMNS} FROM exemptions e WHERE e.id = $1`, [row.id]);
      await db.query(
        `INSERT INTO audit_events (event_key, type, actor_id, at, data) VALUES ($1, 'exemption_granted', $2, now(), $3::jsonb)`,
        [`exemption:${row.id}`, user.id, JSON.stringify(created)],
      );
      return created as contract.Exemption;
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
      const [exemption] = await db.query(
        `SELECT ${COLUMNS}, ${DIVISION_OF} AS "divisionId" FROM exemptions e WHERE e.id = $1 FOR UPDATE`,
        [id],
      );
      const divisions = this.divisionsOf(user);
      if (!exemption || (divisions && !divisions.includes(exemption.divisionId))) {
        throw new DomainError('not_found', `No exemption ${id}`);
      }
      if (exemption.revokedAt) throw new DomainError('conflict', 'The exemption is already revoked');
      await db.query(`UPDATE exemptions SET revoked_at = now(), revoked_by = $2 WHERE id = $1`, [
        id,
        user.id,
      ]);
      await db.query(
        `INSERT INTO audit_events (event_key, type, actor_id, at, data) VALUES ($1, 'exemption_revoked', $2, now(), $3::jsonb)`,
        [`exemption_revoked:${id}`, user.id, JSON.stringify({ exemptionId: id })],
      );
      const [revoked] = await db.query(`SELECT ${COLUMNS} FROM exemptions e WHERE e.id = $1`, [id]);
      return revoked;
    });
  }

  /** The active exemption covering a request on its submission date, if any. */
  async covering(db: EntityManager, subject: ExemptionSubject): Promise<Exemption | undefined> {
    const candidates: Exemption[] = await db.query(
      `SELECT ${COLUMNS} FROM exemptions e
        WHERE e.kind = $1 AND e.scope_unit_id IN ($2, $3) AND e.revoked_at IS NULL
          AND e.valid_from <= $4 AND e.valid_to >= $4
        ORDER BY e.created_at`,
      [subject.kind, subject.unitId, subject.divisionId, subject.date],
    );
    return candidates.find((e) => exemptionCovers(e, subject));
  }
}
