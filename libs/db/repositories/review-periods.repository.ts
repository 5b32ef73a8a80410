import { z } from 'zod';
import { REQUEST_KINDS, type RequestKind } from '@domain/enums';
import type { EarlyEnd, NewPeriod, ReviewPeriod, SubmissionSpan } from '@domain/review-periods';
import {
  dateText,
  execute,
  first,
  many,
  pageSql,
  type PageOf,
  type Queryable,
  timestamp,
  TOTAL_COLUMN,
  updated,
  windowTotal,
} from './rows';

const reviewPeriodRow = z.object({
  id: z.string(),
  kind: z.enum(REQUEST_KINDS),
  validFrom: dateText,
  validTo: dateText,
  decisionRef: z.string(),
  decidedBy: z.string(),
  decidedOn: dateText,
  extendsId: z.string().nullable(),
  endedEarly: z.object({ decisionRef: z.string(), decidedOn: dateText }).nullable(),
  createdAt: timestamp,
});
export type ReviewPeriodRow = z.output<typeof reviewPeriodRow>;

const COLUMNS = `id, kind, valid_from::text AS "validFrom", valid_to::text AS "validTo", decision_ref AS "decisionRef",
  decided_by AS "decidedBy", decided_on::text AS "decidedOn", extends_id AS "extendsId", created_at AS "createdAt",
  CASE WHEN ended_early_ref IS NULL THEN NULL
       ELSE jsonb_build_object('decisionRef', ended_early_ref, 'decidedOn', ended_early_on::text) END AS "endedEarly"`;

/** The decided periods of special review (`review_periods`). */
export class ReviewPeriodsRepository {
  constructor(private readonly db: Queryable) {}

  list(kind: RequestKind | undefined, page: PageOf) {
    return many(
      this.db,
      reviewPeriodRow.extend(windowTotal),
      `SELECT ${COLUMNS}, ${TOTAL_COLUMN} FROM review_periods WHERE ($1::text IS NULL OR kind = $1)
        ORDER BY kind, valid_from, id ${pageSql(page)}`,
      [kind ?? null],
    );
  }

  /** The period of `kind` covering `date`, if any. */
  covering(kind: RequestKind, date: string) {
    return first(
      this.db,
      reviewPeriodRow,
      `SELECT ${COLUMNS} FROM review_periods WHERE kind = $1 AND valid_from <= $2 AND valid_to >= $2 LIMIT 1`,
      [kind, date],
    );
  }

  byId(id: string) {
    return first(this.db, reviewPeriodRow, `SELECT ${COLUMNS} FROM review_periods WHERE id = $1`, [id]);
  }

  ofKind(kind: RequestKind) {
    return many(this.db, reviewPeriodRow, `SELECT ${COLUMNS} FROM review_periods WHERE kind = $1`, [kind]);
  }

  /** The extension of a period, if one was recorded. */
  async extensionOf(id: string): Promise<string | undefined> {
    const row = await first(
      this.db,
      z.object({ id: z.string() }),
      `SELECT id FROM review_periods WHERE extends_id = $1 LIMIT 1`,
      [id],
    );
    return row?.id;
  }

  /** Inside a transaction: the period, locked against a concurrent end or correction. */
  forUpdate(id: string) {
    return first(this.db, reviewPeriodRow, `SELECT ${COLUMNS} FROM review_periods WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
  }

  /**
   * The first and last Stockholm submission dates of the requests reviewed under a period (exempted ones too: a
   * period's requests are those its coverage decided).
   */
  async submissionSpan(id: string): Promise<SubmissionSpan> {
    const row = await first(
      this.db,
      z.object({ first: dateText.nullable(), last: dateText.nullable() }),
      `SELECT min((submitted_at AT TIME ZONE 'Europe/Stockholm')::date)::text AS first,
              max((submitted_at AT TIME ZONE 'Europe/Stockholm')::date)::text AS last
         FROM requests WHERE period_id = $1`,
      [id],
    );
    return row?.first && row.last ? { first: row.first, last: row.last } : null;
  }

  async endEarly(id: string, end: EarlyEnd): Promise<ReviewPeriodRow> {
    const [row] = await updated(
      this.db,
      reviewPeriodRow,
      `UPDATE review_periods SET valid_to = $2, ended_early_ref = $3, ended_early_on = $4 WHERE id = $1
       RETURNING ${COLUMNS}`,
      [id, end.validTo, end.decisionRef, end.decidedOn],
    );
    return row!;
  }

  async correct(p: ReviewPeriod): Promise<ReviewPeriodRow> {
    const [row] = await updated(
      this.db,
      reviewPeriodRow,
      `UPDATE review_periods SET valid_from = $2, valid_to = $3, decision_ref = $4, decided_by = $5, decided_on = $6
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [p.id, p.validFrom, p.validTo, p.decisionRef, p.decidedBy, p.decidedOn],
    );
    return row!;
  }

  /** Inside a transaction: one writer at a time, so two overlapping periods cannot both pass the check. */
  lockForWriting() {
    return execute(this.db, `LOCK TABLE review_periods IN SHARE ROW EXCLUSIVE MODE`);
  }

  async insert(
    period: NewPeriod & { extendsId: string | null },
    createdBy: string,
  ): Promise<ReviewPeriodRow> {
    const row = await first(
      this.db,
      reviewPeriodRow,
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
        createdBy,
      ],
    );
    return row!;
  }
}
