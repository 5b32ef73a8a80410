import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@domain/errors';
import type { RequestKind } from '@domain/enums';
import {
  overlapping,
  parseNewPeriod,
  planExtension,
  type NewPeriod,
  type ReviewPeriod,
} from '@domain/review-periods';
import type { PageParams } from '@contracts/paging';
import type * as contract from '@contracts/review-periods';
import { DATA_SOURCE } from '../tokens';
import { pageFromRows, pageSql, TOTAL_COLUMN } from '../common/paging';
import { PeriodWatchGateway } from './period-watch-gateway';
import type { CurrentUser } from '../auth/current-user';

const COLUMNS = `id, kind, valid_from::text AS "validFrom", valid_to::text AS "validTo", decision_ref AS "decisionRef",
  decided_by AS "decidedBy", decided_on::text AS "decidedOn", extends_id AS "extendsId", created_at AS "createdAt"`;

@Injectable()
export class ReviewPeriodsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly watches: PeriodWatchGateway,
  ) {}

  async list(kind: RequestKind | undefined, page: PageParams): Promise<contract.ReviewPeriodList> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS}, ${TOTAL_COLUMN} FROM review_periods WHERE ($1::text IS NULL OR kind = $1)
        ORDER BY kind, valid_from, id ${pageSql(page)}`,
      [kind ?? null],
    );
    return pageFromRows(rows, page);
  }

  /** The period of `kind` covering `date`, if any: decides whether a request is reviewed. */
  async covering(db: EntityManager, kind: RequestKind, date: string): Promise<ReviewPeriod | undefined> {
    const rows: ReviewPeriod[] = await db.query(
      `SELECT ${COLUMNS} FROM review_periods WHERE kind = $1 AND valid_from <= $2 AND valid_to >= $2 LIMIT 1`,
      [kind, date],
    );
    return rows[0];
  }

  async create(body: unknown, user: CurrentUser): Promise<contract.ReviewPeriod> {
    const period = await this.insert({ ...parseNewPeriod(body), extendsId: null }, user);
    await this.watches.watch(period);
    return period;
  }

  async extend(id: string, body: unknown, user: CurrentUser): Promise<contract.ReviewPeriod> {
    const [base]: ReviewPeriod[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM review_periods WHERE id = $1`,
      [id],
    );
    if (!base) throw new DomainError('not_found', `No review period ${id}`);
    const extension = await this.insert(planExtension(base, body), user);
    await this.watches.extended(base.id, extension.id);
    await this.watches.watch(extension);
    return extension;
  }

  private insert(
    period: NewPeriod & { extendsId: string | null },
    user: CurrentUser,
  ): Promise<contract.ReviewPeriod> {
    return this.dataSource.transaction(async (db) => {
      // One writer at a time, so two overlapping periods cannot both pass the check.
      await db.query(`LOCK TABLE review_periods IN SHARE ROW EXCLUSIVE MODE`);
      const existing: contract.ReviewPeriod[] = await db.query(
        `SELECT ${COLUMNS} FROM review_periods WHERE kind = $1`,
        [period.kind],
      );
      // A retry of a creation whose watch could not start (503) finds its own period, not a conflict.
      const same = existing.find(
        (p) =>
          p.validFrom === period.validFrom &&
          p.validTo === period.validTo &&
          p.decisionRef === period.decisionRef &&
          p.extendsId === period.extendsId,
      );
      if (same) return same;
      const clash = overlapping(existing, period);
      if (clash.length > 0) {
        throw new DomainError(
          'conflict',
          `Overlaps the ${period.kind} period ${clash[0].validFrom}–${clash[0].validTo} (${clash[0].decisionRef})`,
          [{ field: 'validFrom', message: 'overlaps an existing period of the same kind' }],
        );
      }
      if (period.extendsId && existing.some((p) => p.extendsId === period.extendsId)) {
        throw new DomainError(
          'conflict',
          'That period has already been extended; extend the extension instead',
        );
      }
      const [row] = await db.query(
        `INSERT INTO review_periods (kind, valid_from, valid_to, decision_ref, decided_by, decided_on, extends_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [
          period.kind,
          period.validFrom,
          period.validTo,
          period.decisionRef,
          period.decidedBy,
          period.decidedOn,
          period.extendsId,
          user.id,
        ],
      );
      await db.query(
        `INSERT INTO audit_events (event_key, type, actor_id, at, data) VALUES ($1, $2, $3, now(), $4::jsonb)`,
        [
          `review_period:${row.id}`,
          period.extendsId ? 'review_period_extended' : 'review_period_created',
          user.id,
          JSON.stringify(row),
        ],
      );
      return row;
    });
  }
}
