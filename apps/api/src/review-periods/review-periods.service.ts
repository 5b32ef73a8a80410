import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEventsRepository } from '@db/repositories/audit-events.repository';
import { ReviewPeriodsRepository } from '@db/repositories/review-periods.repository';
import { DomainError } from '@domain/errors';
import type { RequestKind } from '@domain/enums';
import { stockholmDate } from '@domain/calendar';
import { OrgImportRepository } from '@db/repositories/org-import.repository';
import {
  overlapping,
  parseNewPeriod,
  planCorrection,
  planEarlyEnd,
  planExtension,
  type NewPeriod,
  type ReviewPeriod,
} from '@domain/review-periods';
import type { PageParams } from '@contracts/paging';
import type * as contract from '@contracts/review-periods';
import { DATA_SOURCE } from '../tokens';
import { pageFromRows } from '../common/paging';
import { PeriodWatchGateway } from './period-watch-gateway';
import type { CurrentUser } from '../auth/current-user';

@Injectable()
export class ReviewPeriodsService {
  private readonly periods: ReviewPeriodsRepository;
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly watches: PeriodWatchGateway,
  ) {
    this.periods = new ReviewPeriodsRepository(dataSource);
  }

  async list(kind: RequestKind | undefined, page: PageParams): Promise<contract.ReviewPeriodList> {
    return pageFromRows(await this.periods.list(kind, page), page);
  }

  /** The period of `kind` covering `date`, if any: decides whether a request is reviewed. */
  async covering(db: EntityManager, kind: RequestKind, date: string): Promise<ReviewPeriod | undefined> {
    return new ReviewPeriodsRepository(db).covering(kind, date);
  }

  async create(body: unknown, user: CurrentUser): Promise<contract.ReviewPeriod> {
    const period = await this.insert({ ...parseNewPeriod(body), extendsId: null }, user);
    await this.watches.watch(period);
    return period;
  }

  async extend(id: string, body: unknown, user: CurrentUser): Promise<contract.ReviewPeriod> {
    const base = await this.periods.byId(id);
    if (!base) throw new DomainError('not_found', `No review period ${id}`);
    const extension = await this.insert(planExtension(base, body), user);
    await this.watches.extended(base.id, extension.id);
    await this.watches.watch(extension);
    return extension;
  }

  /** Ends a period early by a decision (audited with the period before and after); its watch warns for the new end. */
  async endEarly(id: string, body: unknown, user: CurrentUser, now = new Date()) {
    const ended = await this.change(id, user, 'end', async (periods, before) =>
      periods.endEarly(
        id,
        planEarlyEnd(before, body, {
          today: stockholmDate(now),
          extended: (await periods.extensionOf(id)) !== undefined,
        }),
      ),
    );
    await this.watches.watch(ended, 'review_period', true);
    return ended;
  }

  /**
   * Corrects a mistyped period (audited with before and after). Refused when a request reviewed under it would
   * fall outside it, or when it would overlap a neighbour or break an extension's chain (planCorrection).
   */
  async correct(id: string, body: unknown, user: CurrentUser) {
    let moved = false;
    const corrected = await this.change(id, user, 'change', async (periods, before) => {
      const next = planCorrection(before, body, {
        others: await periods.ofKind(before.kind),
        submitted: await periods.submissionSpan(id),
      });
      moved = next.validTo !== before.validTo || next.decisionRef !== before.decisionRef;
      return periods.correct(next);
    });
    // The watch carries the end date and the reference its warnings name.
    if (moved) await this.watches.watch(corrected, 'review_period', true);
    return corrected;
  }

  private change(
    id: string,
    user: CurrentUser,
    action: 'end' | 'change',
    apply: (
      periods: ReviewPeriodsRepository,
      before: contract.ReviewPeriod,
    ) => Promise<contract.ReviewPeriod>,
  ): Promise<contract.ReviewPeriod> {
    return this.dataSource.transaction(async (db) => {
      const periods = new ReviewPeriodsRepository(db);
      // The same lock as a creation: a correction's overlap check must not race a new period.
      await periods.lockForWriting();
      const before = await periods.forUpdate(id);
      if (!before) throw new DomainError('not_found', `No review period ${id}`);
      const after = await apply(periods, before);
      await new OrgImportRepository(db).audit(user.id, [
        { entity: 'review_period', entityId: id, action, before, after },
      ]);
      return after;
    });
  }

  private insert(
    period: NewPeriod & { extendsId: string | null },
    user: CurrentUser,
  ): Promise<contract.ReviewPeriod> {
    return this.dataSource.transaction(async (db) => {
      const periods = new ReviewPeriodsRepository(db);
      // One writer at a time, so two overlapping periods cannot both pass the check.
      await periods.lockForWriting();
      const existing = await periods.ofKind(period.kind);
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
      const row = await periods.insert(period, user.id);
      await new AuditEventsRepository(db).appendAdministrative({
        eventKey: `review_period:${row.id}`,
        type: period.extendsId ? 'review_period_extended' : 'review_period_created',
        actorId: user.id,
        data: row,
      });
      return row;
    });
  }
}
