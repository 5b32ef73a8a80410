import { addToRollups, forRequest, recountRequest } from '@db/statistics/rollups';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { stockholmDate } from '@domain/calendar';
import { parseDecisionInput } from '@domain/decision-input';
import {
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RequestKind,
  type RequestStatus,
  type StageName,
} from '@domain/enums';
import { DomainError } from '@domain/errors';
import { CURRENT_POLICY_VERSION } from '@domain/policy';
import { isOpen, mayHappen, statusOnSubmission } from '@domain/review-state';
import {
  isNewPermanentPosition,
  parseRequestInput,
  requestCostSek,
  type RequestInput,
} from '@domain/request-input';
import type { ReviewInput, ReviewState } from '@workflows/types';
import { parseBody } from '../common/parse-body';
import type { CurrentUser } from '../auth/current-user';
import { asActor } from '../auth/current-user';
import { AuthService } from '../auth/auth.service';
import { ReviewPeriodsService } from '../review-periods/review-periods.service';
import { ExemptionsService } from '../exemptions/exemptions.service';
import { DelegationsService } from '../delegations/delegations.service';
import { MetricsService } from '../metrics/metrics.service';
import { DATA_SOURCE } from '../tokens';
import { visibleRequestsSql } from './request-scope';
import { subject } from '@casl/ability';
import { abilityFor } from '../auth/abilities';
import { ReviewGateway } from './review-gateway';

interface RequestRow {
  id: string;
  kind: RequestKind;
  unit_id: string;
  division_id: string;
  requester_id: string;
  occupational_category: string;
  payload: RequestInput;
  cost_sek: string;
  status: RequestStatus;
  status_reason: string | null;
  period_id: string | null;
  exemption_id: string | null;
  policy_version: number | null;
  submitted_at: Date;
  decided_at: Date | null;
  valid_until: string | null;
  body_hash: string | null;
}

function parseIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new DomainError('validation_failed', 'The Idempotency-Key header is not valid', [
      { field: 'Idempotency-Key', message: 'must be 1–200 visible ASCII characters' },
    ]);
  }
  return key;
}

export const listQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    kind: z.enum(REQUEST_KINDS).optional(),
    unitId: z.string().uuid().optional(),
    divisionId: z.string().uuid().optional(),
    mine: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
    sort: z.enum(['submittedAt', '-submittedAt']).default('-submittedAt'),
  })
  .strict();

export const resubmitSchema = z
  .object({ comment: z.string().trim().max(4000).optional(), changes: z.record(z.unknown()).optional() })
  .strict();
const reassignSchema = z.object({ userId: z.string().uuid('must be a user id (uuid)') }).strict();
export const withdrawSchema = z.object({ comment: z.string().trim().max(4000).optional() }).strict();

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** A stable uuid for a client's idempotency key, so its retries name the same decision. */
function uuidFromKey(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

@Injectable()
export class RequestsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly periods: ReviewPeriodsService,
    private readonly gateway: ReviewGateway,
    private readonly auth: AuthService,
    private readonly exemptions: ExemptionsService,
    private readonly delegations: DelegationsService,
    private readonly metrics: MetricsService,
  ) {}

  async submit(body: unknown, key: string | undefined, user: CurrentUser) {
    const idemKey = parseIdempotencyKey(key);
    const now = new Date();
    const input = parseRequestInput(body, stockholmDate(now));
    const unit = await this.unit(input.unitId);
    if (
      !abilityFor(user.grants).can(
        'submit',
        subject('Request', { unitId: unit.id, divisionId: unit.divisionId }),
      )
    ) {
      throw new DomainError('not_allowed', 'You may submit requests only for your own units');
    }
    const bodyHash = sha256(body);
    let row: RequestRow;
    try {
      row = await this.dataSource.transaction(async (db) => {
        const today = stockholmDate(now);
        const period = await this.periods.covering(db, input.kind, today);
        // An exemption matters only where review would otherwise apply.
        const exemption = period
          ? await this.exemptions.covering(db, {
              kind: input.kind,
              unitId: unit.id,
              divisionId: unit.divisionId,
              occupationalCategory: input.occupationalCategory,
              costSek: requestCostSek(input),
              date: today,
            })
          : undefined;
        const status = statusOnSubmission(!!period, !!exemption);
        // The request and its audit event in one statement: round trips are what a submission spends its time on.
        const [inserted]: RequestRow[] = await db.query(
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
           SELECT * FROM inserted`,
          [
            randomUUID(),
            input.kind,
            unit.id,
            unit.divisionId,
            user.id,
            input.occupationalCategory,
            JSON.stringify(input),
            requestCostSek(input),
            status,
            period?.id ?? null,
            exemption?.id ?? null,
            isOpen(status) ? CURRENT_POLICY_VERSION : null,
            now,
            idemKey ?? null,
            bodyHash,
          ],
        );
        await addToRollups(db, ['submission'], forRequest, [inserted.id]);
        return inserted;
      });
    } catch (error) {
      // A key seen before (a retry, or two parallel submissions with one key): the answer is the first request's.
      // Looking the key up only on a conflict saves every first submission a round trip.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505' && idemKey) {
        const existing = await this.byIdempotencyKey(user.id, idemKey);
        if (existing) return this.replay(existing, bodyHash);
      }
      throw error;
    }
    const answer = await this.submissionAnswer(row);
    this.metrics.submitted(row.kind, answer.status);
    return answer;
  }

  private async replay(existing: RequestRow, bodyHash: string) {
    if (existing.body_hash !== bodyHash) {
      throw new DomainError('unprocessable', 'This Idempotency-Key was used for a different request body', [
        { field: 'Idempotency-Key', message: 'was already used with a different body' },
      ]);
    }
    return this.submissionAnswer(existing);
  }

  /** Starts (or, on a replay, finds) the review and answers with its open stage. */
  private async submissionAnswer(row: RequestRow) {
    let state: ReviewState | undefined;
    if (row.policy_version !== null && isOpen(row.status)) {
      state = await this.gateway.submit(this.reviewInput(row));
    }
    const stage = state?.currentStage;
    return {
      id: row.id,
      status: state?.status ?? row.status,
      reviewRequired: row.policy_version !== null,
      periodId: row.period_id,
      exemptionId: row.exemption_id,
      currentStage: stage ? { name: stage.name, dueAt: stage.dueAt, assignees: stage.assignees } : null,
    };
  }

  private reviewInput(row: RequestRow): ReviewInput {
    const p = row.payload;
    return {
      requestId: row.id,
      policyVersion: row.policy_version!,
      kind: row.kind,
      requesterId: row.requester_id,
      unitId: row.unit_id,
      divisionId: row.division_id,
      newPermanentPosition: isNewPermanentPosition(p),
      urgent: p.kind === 'agency_call_off' && p.urgent,
      callOff:
        p.kind === 'agency_call_off'
          ? { periodFrom: p.periodFrom, periodTo: p.periodTo, estimatedCostSek: p.estimatedCostSek }
          : undefined,
    };
  }

  private async unit(unitId: string) {
    const [unit] = await this.dataSource.query(
      `SELECT id, level, COALESCE(parent_id, id) AS "divisionId" FROM org_units WHERE id = $1`,
      [unitId],
    );
    if (!unit || unit.level !== 'unit') {
      throw new DomainError('unprocessable', 'No such unit', [
        { field: 'unitId', message: 'is not a known unit' },
      ]);
    }
    return unit as { id: string; divisionId: string };
  }

  private async byIdempotencyKey(userId: string, key: string): Promise<RequestRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT * FROM requests WHERE requester_id = $1 AND idempotency_key = $2`,
      [userId, key],
    );
    return row;
  }

  private async visibleRow(id: string, user: CurrentUser): Promise<RequestRow> {
    const [row] = await this.dataSource.query(
      `SELECT r.*, r.valid_until::text AS valid_until FROM requests r WHERE r.id = $1 AND ${visibleRequestsSql('$2')}`,
      [id, user.id],
    );
    // Not yours and not there look the same: ids are not a way to learn what exists.
    if (!row) throw new DomainError('not_found', `No request ${id}`);
    return row;
  }

  async list(query: unknown, user: CurrentUser) {
    const q = parseBody(listQuerySchema, query);
    const where = [visibleRequestsSql('$1')];
    const params: unknown[] = [user.id];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.status) add('r.status = ?', q.status);
    if (q.kind) add('r.kind = ?', q.kind);
    if (q.unitId) add('r.unit_id = ?', q.unitId);
    if (q.divisionId) add('r.division_id = ?', q.divisionId);
    if (q.mine === 'true') add('r.requester_id = ?', user.id);
    const order =
      q.sort === 'submittedAt' ? 'r.submitted_at ASC, r.id ASC' : 'r.submitted_at DESC, r.id DESC';
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM requests r WHERE ${whereSql}`,
      params,
    );
    const rows: (RequestRow & { stage_name: string | null; stage_due_at: Date | null })[] =
      await this.dataSource.query(
        `SELECT r.*, r.valid_until::text AS valid_until, s.name AS stage_name, s.due_at AS stage_due_at
         FROM requests r
         LEFT JOIN LATERAL (SELECT name, due_at FROM stages WHERE request_id = r.id AND closed_at IS NULL
                             ORDER BY opened_at DESC LIMIT 1) s ON true
        WHERE ${whereSql} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
        params,
      );
    return {
      items: rows.map((r) => ({
        ...this.summary(r),
        currentStage: r.stage_name ? { name: r.stage_name, dueAt: r.stage_due_at } : null,
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  private summary(row: RequestRow) {
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      statusReason: row.status_reason,
      reviewRequired: row.policy_version !== null,
      periodId: row.period_id,
      exemptionId: row.exemption_id,
      policyVersion: row.policy_version,
      unitId: row.unit_id,
      divisionId: row.division_id,
      requesterId: row.requester_id,
      occupationalCategory: row.occupational_category,
      costSek: Number(row.cost_sek),
      submittedAt: row.submitted_at,
      decidedAt: row.decided_at,
      validUntil: row.valid_until,
    };
  }

  async get(id: string, user: CurrentUser) {
    const row = await this.visibleRow(id, user);
    const stages = await this.dataSource.query(
      `SELECT id, name, round, assignee_role AS "assigneeRole", assignee_scope_unit_id AS "assigneeScopeUnitId",
              opened_at AS "openedAt", due_at AS "dueAt", escalation_level AS "escalationLevel",
              closed_at AS "closedAt", outcome
         FROM stages WHERE request_id = $1 ORDER BY opened_at, round`,
      [id],
    );
    const decisions = await this.dataSource.query(
      `SELECT d.id, d.stage_name AS stage, d.outcome, d.actor_id AS "actorId", u.display_name AS "actorName",
              d.on_behalf_of_id AS "onBehalfOfId", d.comment, d.conditions, d.valid_until::text AS "validUntil",
              d.decided_at AS "decidedAt"
         FROM decisions d JOIN users u ON u.id = d.actor_id WHERE d.request_id = $1 ORDER BY d.decided_at`,
      [id],
    );
    const open = stages.find((s: { closedAt: Date | null }) => s.closedAt === null);
    return {
      ...this.summary(row),
      ...row.payload,
      currentStage: open
        ? { name: open.name, dueAt: open.dueAt, escalationLevel: open.escalationLevel }
        : null,
      stages,
      decisions,
    };
  }

  async timeline(id: string, user: CurrentUser) {
    await this.visibleRow(id, user);
    return this.dataSource.query(
      `SELECT a.id, a.type, a.at, a.actor_id AS "actorId", u.display_name AS "actorName", a.data
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id WHERE a.request_id = $1 ORDER BY a.at, a.id`,
      [id],
    );
  }

  async decide(id: string, body: unknown, key: string | undefined, user: CurrentUser) {
    const idemKey = parseIdempotencyKey(key);
    const row = await this.visibleRow(id, user);
    const p = row.payload;
    const input = parseDecisionInput(
      body,
      p.kind === 'agency_call_off'
        ? { periodFrom: p.periodFrom, periodTo: p.periodTo, estimatedCostSek: p.estimatedCostSek }
        : undefined,
    );
    if (row.requester_id === user.id)
      throw new DomainError('not_allowed', 'Nobody may decide on a request they submitted');
    const decisionId = idemKey ? uuidFromKey(user.id, id, idemKey) : randomUUID();
    // Only a keyed decision can have been recorded before; a random id cannot.
    const earlier = idemKey ? await this.recordedDecision(decisionId) : undefined;
    if (earlier) return earlier;
    const open = await this.openStage(
      id,
      `Request ${id} has no stage open for a decision (it is ${row.status})`,
    );
    if (input.stage && input.stage !== open.name) {
      throw new DomainError(
        'stage_not_open',
        `The ${input.stage} stage is no longer open (now: ${open.name})`,
      );
    }
    const onBehalfOfId = await this.delegations.onBehalfOf(user, row.kind, open);
    try {
      const decided = await this.gateway.decide(id, {
        ...input,
        decisionId,
        stage: open.name,
        actor: asActor(user),
        onBehalfOfId,
      });
      this.metrics.decided(row.kind, input.outcome);
      return decided;
    } catch (error) {
      // A retry after the review finished: the first attempt's decision is the answer.
      const recorded = await this.recordedDecision(decisionId);
      if (recorded) return recorded;
      throw error;
    }
  }

  private async openStage(requestId: string, whenNone: string) {
    const [open]: {
      name: StageName;
      assigneeUserId: string | null;
      assigneeRole: string;
      assigneeScopeUnitId: string | null;
    }[] = await this.dataSource.query(
      `SELECT name, assignee_user_id AS "assigneeUserId", assignee_role AS "assigneeRole",
              assignee_scope_unit_id AS "assigneeScopeUnitId"
         FROM stages WHERE request_id = $1 AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 1`,
      [requestId],
    );
    if (!open) throw new DomainError('stage_not_open', whenNone);
    return open;
  }

  private async recordedDecision(decisionId: string) {
    const [d] = await this.dataSource.query(
      `SELECT d.id AS "decisionId", d.stage_name AS stage, d.outcome, r.status, d.decided_at AS "decidedAt",
              d.valid_until::text AS "validUntil"
         FROM decisions d JOIN requests r ON r.id = d.request_id WHERE d.id = $1`,
      [decisionId],
    );
    return d as object | undefined;
  }

  async resubmit(id: string, body: unknown, user: CurrentUser) {
    const { changes, comment } = parseBody(resubmitSchema, body);
    const row = await this.visibleRow(id, user);
    if (row.requester_id !== user.id) throw new DomainError('not_allowed', 'Only the requester may resubmit');
    if (!mayHappen(row.status, 'resubmit')) {
      throw new DomainError(
        'invalid_state',
        `Only a returned request can be resubmitted (it is ${row.status})`,
      );
    }
    if (changes) {
      if ('kind' in changes || 'unitId' in changes) {
        throw new DomainError('validation_failed', 'Kind and unit cannot change on resubmission', [
          { field: 'kind' in changes ? 'changes.kind' : 'changes.unitId', message: 'cannot change' },
        ]);
      }
      const updated = parseRequestInput({ ...row.payload, ...changes }, stockholmDate(new Date()));
      await this.dataSource.transaction((db) =>
        recountRequest(db, id, () =>
          db.query(
            `UPDATE requests SET payload = $2::jsonb, cost_sek = $3, occupational_category = $4, updated_at = now() WHERE id = $1`,
            [id, JSON.stringify(updated), requestCostSek(updated), updated.occupationalCategory],
          ),
        ),
      );
    }
    const state = await this.gateway.resubmit(id, {
      actorId: user.id,
      resubmissionId: randomUUID(),
      comment,
    });
    return { id, status: state.status, currentStage: state.currentStage ?? null };
  }

  async reassign(id: string, body: unknown, user: CurrentUser) {
    const { userId } = parseBody(reassignSchema, body);
    await this.visibleRow(id, user);
    const target = await this.auth.loadUser({ id: userId });
    if (!target) {
      throw new DomainError('unprocessable', 'No such user', [
        { field: 'userId', message: 'is not a known user' },
      ]);
    }
    const open = await this.openStage(id, `Request ${id} has no open stage to reassign`);
    const stage = await this.gateway.reassign(id, {
      reassignmentId: randomUUID(),
      stage: open.name,
      actor: asActor(user),
      to: asActor(target),
    });
    return { id, currentStage: stage };
  }

  async withdraw(id: string, body: unknown, user: CurrentUser) {
    const { comment } = parseBody(withdrawSchema, body);
    const row = await this.visibleRow(id, user);
    if (row.requester_id !== user.id) throw new DomainError('not_allowed', 'Only the requester may withdraw');
    if (!mayHappen(row.status, 'withdraw')) {
      throw new DomainError('invalid_state', `The request can no longer be withdrawn (it is ${row.status})`);
    }
    const state = await this.gateway.withdraw(id, { actorId: user.id, withdrawalId: randomUUID(), comment });
    return { id, status: state.status };
  }
}
