import { z } from 'zod';
import {
  OCCUPATIONAL_CATEGORIES,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RequestKind,
  type RequestStatus,
  STAGE_NAMES,
} from '@domain/enums';
import type { CaseNumber } from '@domain/case-number';
import type { Duration } from '@domain/policy';
import type { RequestInput } from '@domain/request-input';
import { OPEN_STATUSES } from '@domain/review-state';
import { visibleRequestsSql } from './request-visibility';
import { sqlList } from '../sql-list';
import { RollupsRepository } from './rollups.repository';
import { bigintNumber, dateText, execute, first, many, type Queryable, timestamp, updated } from './rows';

/**
 * The request's fields by kind, as validated when it was submitted (libs/domain/request-input.ts); not validated
 * again here, since today's date rules would refuse what was valid on the day it was submitted.
 */
export const requestPayload = z.custom<RequestInput>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'payload must be a JSON object',
);

const requestRow = z.object({
  id: z.string(),
  kind: z.enum(REQUEST_KINDS),
  unitId: z.string(),
  divisionId: z.string(),
  requesterId: z.string(),
  occupationalCategory: z.enum(OCCUPATIONAL_CATEGORIES),
  payload: requestPayload,
  costSek: bigintNumber,
  status: z.enum(REQUEST_STATUSES),
  statusReason: z.string().nullable(),
  periodId: z.string().nullable(),
  exemptionId: z.string().nullable(),
  policyVersion: z.number().int().nullable(),
  submittedAt: timestamp,
  decidedAt: timestamp.nullable(),
  validUntil: dateText.nullable(),
  bodyHash: z.string().nullable(),
  caseYear: z.number().int(),
  caseSeq: z.number().int(),
});
export type RequestRow = z.output<typeof requestRow>;

const listedRow = requestRow.extend({
  stageName: z.enum(STAGE_NAMES).nullable(),
  stageDueAt: timestamp.nullable(),
});

const COLUMNS = `r.id, r.kind, r.unit_id AS "unitId", r.division_id AS "divisionId", r.requester_id AS "requesterId",
  r.occupational_category AS "occupationalCategory", r.payload, r.cost_sek AS "costSek", r.status,
  r.status_reason AS "statusReason", r.period_id AS "periodId", r.exemption_id AS "exemptionId",
  r.policy_version AS "policyVersion", r.submitted_at AS "submittedAt", r.decided_at AS "decidedAt",
  r.valid_until::text AS "validUntil", r.body_hash AS "bodyHash", r.case_year AS "caseYear",
  r.case_seq AS "caseSeq"`;

export interface NewRequest {
  id: string;
  kind: RequestKind;
  unitId: string;
  divisionId: string;
  requesterId: string;
  input: RequestInput;
  costSek: number;
  status: RequestStatus;
  periodId: string | null;
  exemptionId: string | null;
  policyVersion: number | null;
  submittedAt: Date;
  idempotencyKey: string | null;
  bodyHash: string;
}

/** What a list of requests is narrowed to, beyond what the user may see. */
export interface RequestFilter {
  status?: RequestStatus;
  kind?: RequestKind;
  unitId?: string;
  divisionId?: string;
  requesterId?: string;
  /** A case number typed into the search box (libs/domain/case-number.ts). */
  caseNumber?: CaseNumber;
}

const mailContextRow = z.object({
  id: z.string(),
  caseYear: z.number().int(),
  caseSeq: z.number().int(),
  payload: requestPayload,
  unitName: z.string(),
});
export type RequestMailContext = z.output<typeof mailContextRow>;

/** Hire requests and agency call-offs (`requests`), with the rollups their recorded fields feed. */
export class RequestsRepository {
  private readonly rollups: RollupsRepository;
  constructor(private readonly db: Queryable) {
    this.rollups = new RollupsRepository(db);
  }

  /**
   * The request and its `submitted` audit event in one statement (round trips are what a submission spends its
   * time on), then its submission counted. Inside the caller's transaction. A repeated idempotency key fails on
   * the unique index (23505): the caller looks the key up only then. The insert trigger numbers the request from
   * its year's counter row (why a counter and not a sequence: migrations/1764340000000-case-numbers.ts); the row
   * stays locked until the caller commits, so concurrent submissions of a year are numbered one after the other,
   * and a rollback hands the number back.
   */
  async insertSubmitted(r: NewRequest): Promise<RequestRow> {
    const [inserted] = await many(
      this.db,
      requestRow,
      `WITH inserted AS (
         INSERT INTO requests (id, kind, unit_id, division_id, requester_id, occupational_category, payload,
                               cost_sek, status, period_id, exemption_id, policy_version, submitted_at,
                               idempotency_key, body_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *),
       audited AS (
         INSERT INTO audit_events (event_key, request_id, type, actor_id, at, data)
         SELECT 'submitted:' || id, id, 'submitted', requester_id, submitted_at,
                jsonb_build_object('status', status, 'periodId', period_id, 'exemptionId', exemption_id)
           FROM inserted)
       SELECT ${COLUMNS} FROM inserted r`,
      [
        r.id,
        r.kind,
        r.unitId,
        r.divisionId,
        r.requesterId,
        r.input.occupationalCategory,
        JSON.stringify(r.input),
        r.costSek,
        r.status,
        r.periodId,
        r.exemptionId,
        r.policyVersion,
        r.submittedAt,
        r.idempotencyKey,
        r.bodyHash,
      ],
    );
    await this.rollups.countSubmission(inserted.id);
    return inserted;
  }

  byIdempotencyKey(requesterId: string, key: string) {
    return first(
      this.db,
      requestRow,
      `SELECT ${COLUMNS} FROM requests r WHERE r.requester_id = $1 AND r.idempotency_key = $2`,
      [requesterId, key],
    );
  }

  /** The request by id, for an operator's tool (scripts/reconcile.ts): no visibility rule, no caller. */
  byIdForOperator(id: string) {
    return first(this.db, requestRow, `SELECT ${COLUMNS} FROM requests r WHERE r.id = $1`, [id]);
  }

  /** The request if the user may see it (libs/db/repositories/request-visibility.ts). */
  visibleById(id: string, userId: string) {
    return first(
      this.db,
      requestRow,
      `SELECT ${COLUMNS} FROM requests r WHERE r.id = $1 AND ${visibleRequestsSql('$2')}`,
      [id, userId],
    );
  }

  /** How many of the requests the user may see pass the filter, and one page of them with their open stage. */
  async pageVisible(
    userId: string,
    filter: RequestFilter,
    q: { oldestFirst: boolean; page: number; pageSize: number },
  ): Promise<{ total: number; rows: z.output<typeof listedRow>[] }> {
    const where = [visibleRequestsSql('$1')];
    const params: unknown[] = [userId];
    const add = (column: string, value: unknown) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`r.${column} = $${params.length}`);
    };
    add('status', filter.status);
    add('kind', filter.kind);
    add('unit_id', filter.unitId);
    add('division_id', filter.divisionId);
    add('requester_id', filter.requesterId);
    add('case_year', filter.caseNumber?.year);
    add('case_seq', filter.caseNumber?.seq);
    const order = q.oldestFirst ? 'r.submitted_at ASC, r.id ASC' : 'r.submitted_at DESC, r.id DESC';
    const whereSql = where.join(' AND ');
    const [counted] = await many(
      this.db,
      z.object({ total: z.number().int() }),
      `SELECT count(*)::int AS total FROM requests r WHERE ${whereSql}`,
      params,
    );
    const rows = await many(
      this.db,
      listedRow,
      `SELECT ${COLUMNS}, s.name AS "stageName", s.due_at AS "stageDueAt"
         FROM requests r
         LEFT JOIN LATERAL (SELECT name, due_at FROM stages WHERE request_id = r.id AND closed_at IS NULL
                             ORDER BY opened_at DESC LIMIT 1) s ON true
        WHERE ${whereSql} ORDER BY ${order}
        LIMIT ${Math.trunc(q.pageSize)} OFFSET ${Math.trunc((q.page - 1) * q.pageSize)}`,
      params,
    );
    return { total: counted.total, rows };
  }

  /** A resubmission's changed fields, with the request's figures moved from the old values to the new. */
  changeFields(id: string, input: RequestInput, costSek: number) {
    return this.rollups.recount(id, () =>
      execute(
        this.db,
        `UPDATE requests SET payload = $2::jsonb, cost_sek = $3, occupational_category = $4, updated_at = now() WHERE id = $1`,
        [id, JSON.stringify(input), costSek, input.occupationalCategory],
      ),
    );
  }

  /**
   * A decision's effect: the stage closes in the same statement as the request moves on (one round trip fewer).
   * LEAST ignores NULL: the lowest cost any stage approved, or none while no stage lowered it. Answers the
   * request's submission instant, for its lead time.
   */
  async closeStageAndMoveOn(d: {
    requestId: string;
    stageId: string;
    outcome: string;
    status: RequestStatus;
    final: boolean;
    decidedAt: string;
    validUntil: string | null;
    approvedCostSek: number | null;
  }): Promise<Date> {
    const [request] = await updated(
      this.db,
      z.object({ submittedAt: timestamp }),
      `WITH closed AS (
         UPDATE stages SET closed_at = $4, outcome = $8 WHERE id = $7 AND closed_at IS NULL)
       UPDATE requests SET status = $2, decided_at = CASE WHEN $3 THEN $4::timestamptz ELSE decided_at END,
              valid_until = $5, approved_cost_sek = LEAST(approved_cost_sek, $6), updated_at = now()
        WHERE id = $1 RETURNING submitted_at AS "submittedAt"`,
      [d.requestId, d.status, d.final, d.decidedAt, d.validUntil, d.approvedCostSek, d.stageId, d.outcome],
    );
    return request.submittedAt;
  }

  setLeadTime(id: string, lead: { businessDays: number; hours: number }) {
    return execute(this.db, `UPDATE requests SET lead_business_days = $2, lead_hours = $3 WHERE id = $1`, [
      id,
      lead.businessDays,
      lead.hours,
    ]);
  }

  /** The HR lead moved the request to another requester (the first one left); it is theirs from now on. */
  changeRequester(id: string, requesterId: string) {
    return execute(this.db, `UPDATE requests SET requester_id = $2, updated_at = now() WHERE id = $1`, [
      id,
      requesterId,
    ]);
  }

  /** A status the review reached without a decision (returned, resubmitted, withdrawn); `final` sets decided_at. */
  setStatus(s: { id: string; status: RequestStatus; reason: string | null; final: boolean; at: string }) {
    return execute(
      this.db,
      `UPDATE requests SET status = $2, status_reason = $3,
              decided_at = CASE WHEN $4 THEN $5::timestamptz ELSE decided_at END, updated_at = now()
        WHERE id = $1`,
      [s.id, s.status, s.reason, s.final, s.at],
    );
  }

  /** What the e-mails about these requests name: case number, the fields of their title, and unit. */
  mailContexts(ids: string[]) {
    return many(
      this.db,
      mailContextRow,
      `SELECT r.id, r.case_year AS "caseYear", r.case_seq AS "caseSeq", r.payload, u.name AS "unitName"
         FROM requests r JOIN org_units u ON u.id = r.unit_id WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** How long the request's policy version gives a returned request to be completed (`returned.deadline`). */
  async returnDeadlineOf(id: string): Promise<Duration | undefined> {
    const row = await first(
      this.db,
      z.object({
        deadline: z.union([z.object({ businessDays: z.number() }), z.object({ hours: z.number() })]),
      }),
      `SELECT pv.policy->'returned'->'deadline' AS deadline
         FROM requests r JOIN policy_versions pv ON pv.version = r.policy_version WHERE r.id = $1`,
      [id],
    );
    return row?.deadline;
  }

  /** Requests in review or returned to the requester. */
  async countOpen(): Promise<number> {
    const [row] = await many(
      this.db,
      z.object({ count: bigintNumber }),
      `SELECT count(*) AS count FROM requests WHERE status IN (${sqlList(OPEN_STATUSES)})`,
    );
    return row.count;
  }
}
