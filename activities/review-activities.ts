import type { DataSource, EntityManager } from 'typeorm';
import { createLogger, type Logger } from '@config/logger';
import type { MailMessage, Mailer } from './mailer';
import { composeMails, deliverMails } from './notification-mail';
import {
  audit,
  auditAndNotify,
  notify as insertNotifications,
  type InsertedNotification,
  type NotificationInput,
  type Recipients,
} from './notifications';
import type { ReviewActivities } from './review-activities.types';
import { leadTime } from '@domain/lead-time';
import { decisionNotificationType, type NotificationType } from '@domain/notification-types';
import { isDecided, isFinal } from '@domain/review-state';
import { addToRollups, forAuditEvent, forRequest, forStage } from '@db/statistics/rollups';

export type { ReviewActivities } from './review-activities.types';

export interface ReviewActivitiesDeps {
  dataSource: DataSource;
  /** Sends each new notification as e-mail too; without one, notifications stay in the inbox only. */
  mailer?: Mailer;
  /** Where mail failures are reported; defaults to the `mail` log line. */
  log?: Logger;
}

/** Writes the notification rows of one activity's transaction (the transaction's own EntityManager). */
type Notify = (recipients: Recipients, n: NotificationInput) => Promise<void>;

interface RecordEvent {
  eventKey: string;
  requestId: string;
  type: string;
  actorId?: string;
  at: string;
  data: Record<string, unknown>;
}
/**
 * An event both in the audit trail and, under the same key, in the recipients' notifications (of the event's
 * type unless `notificationType` says otherwise). Resolves false when an earlier attempt already recorded it.
 */
type Announce = (
  recipients: Recipients,
  event: RecordEvent,
  notificationType?: NotificationType,
) => Promise<boolean>;

/**
 * The record side of the review: every write is keyed so a retried activity changes nothing the first
 * attempt already wrote, and each call is one transaction. The e-mail copies of the notifications a call
 * inserted go out after its transaction commits; a mail failure is recorded and logged, never retried.
 */
export function createReviewActivities(deps: ReviewActivitiesDeps): ReviewActivities {
  const log = deps.log ?? createLogger('mail');
  async function tx<T>(
    work: (db: EntityManager, notify: Notify, announce: Announce) => Promise<T>,
  ): Promise<T> {
    let mails: MailMessage[] = [];
    const result = await deps.dataSource.transaction(async (db) => {
      const inserted: InsertedNotification[] = [];
      const notify: Notify = async (recipients, n) => {
        inserted.push(...(await insertNotifications(db, recipients, n)));
      };
      const announce: Announce = async (recipients, { actorId, ...event }, notificationType) => {
        const notification = { ...event, type: notificationType ?? event.type };
        const recorded = await auditAndNotify(db, recipients, { ...event, actorId }, notification);
        inserted.push(...recorded.inserted);
        return recorded.audited;
      };
      const result = await work(db, notify, announce);
      mails = deps.mailer ? await composeMails(db, inserted) : [];
      return result;
    });
    if (deps.mailer && mails.length > 0)
      await deliverMails({ dataSource: deps.dataSource, mailer: deps.mailer, log }, mails);
    return result;
  }
  return {
    async openStage(input) {
      return tx(async (db, _notify, announce) => {
        const rows: { id: string }[] = await db.query(
          `INSERT INTO stages (request_id, name, round, assignee_role, assignee_scope_unit_id, opened_at, due_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (request_id, name, round) DO UPDATE SET name = EXCLUDED.name
           RETURNING id`,
          [
            input.requestId,
            input.name,
            input.round,
            input.role,
            input.scopeUnitId,
            input.openedAt,
            input.dueAt,
          ],
        );
        const stageId = rows[0].id;
        const data = { stage: input.name, round: input.round, dueAt: input.dueAt, role: input.role };
        await announce(
          { role: input.role, scopeUnitId: input.scopeUnitId },
          {
            eventKey: `stage_opened:${stageId}`,
            requestId: input.requestId,
            type: 'stage_opened',
            at: input.openedAt,
            data,
          },
        );
        return { stageId };
      });
    },

    async escalateStage(input) {
      await tx(async (db, _notify, announce) => {
        await db.query(
          `UPDATE stages SET escalation_level = $2, due_at = $3, assignee_role = $4, assignee_scope_unit_id = $5
            WHERE id = $1 AND closed_at IS NULL AND escalation_level < $2`,
          [input.stageId, input.level, input.dueAt, input.role, input.scopeUnitId],
        );
        const data = { stage: input.stageName, level: input.level, role: input.role, dueAt: input.dueAt };
        const eventKey = `stage_escalated:${input.stageId}:${input.level}`;
        const recorded = await announce(
          { role: input.role, scopeUnitId: input.scopeUnitId },
          {
            eventKey,
            requestId: input.requestId,
            type: 'stage_escalated',
            at: input.at,
            data,
          },
        );
        if (recorded) await addToRollups(db, ['escalation'], forAuditEvent, [eventKey]);
      });
    },

    async sendReminder(input) {
      await tx(async (_db, _notify, announce) => {
        const data = { stageId: input.stageId, dueAt: input.dueAt };
        await announce(input.recipients, {
          eventKey: input.reminderKey,
          requestId: input.requestId,
          type: input.type,
          at: input.at,
          data,
        });
      });
    },

    async recordDecision(input) {
      await tx(async (db, _notify, announce) => {
        const inserted: { id: string }[] = await db.query(
          `INSERT INTO decisions (id, request_id, stage_id, stage_name, outcome, actor_id, on_behalf_of_id, comment,
                                  conditions, valid_until, decided_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT DO NOTHING RETURNING id`,
          [
            input.decisionId,
            input.requestId,
            input.stageId,
            input.stageName,
            input.outcome,
            input.actorId,
            input.onBehalfOfId ?? null,
            input.comment ?? null,
            input.conditions ?? null,
            input.validUntil ?? null,
            input.decidedAt,
          ],
        );
        if (inserted.length === 0) {
          const existing: { id: string }[] = await db.query(`SELECT id FROM decisions WHERE stage_id = $1`, [
            input.stageId,
          ]);
          // A retry of this very decision is fine; any other decision on the stage means the record diverged.
          if (existing[0]?.id !== input.decisionId) {
            throw new Error(`stage ${input.stageId} already has decision ${existing[0]?.id}`);
          }
          return;
        }
        // The stage closes in the same statement as the request moves on (one round trip fewer).
        // LEAST ignores NULL: the lowest cost any stage approved, or none while no stage lowered it.
        const [[request]]: [{ submitted_at: Date }[], number] = await db.query(
          `WITH closed AS (
             UPDATE stages SET closed_at = $4, outcome = $8 WHERE id = $7 AND closed_at IS NULL)
           UPDATE requests SET status = $2, decided_at = CASE WHEN $3 THEN $4::timestamptz ELSE decided_at END,
                  valid_until = $5, approved_cost_sek = LEAST(approved_cost_sek, $6), updated_at = now()
            WHERE id = $1 RETURNING submitted_at`,
          [
            input.requestId,
            input.status,
            input.final,
            input.decidedAt,
            input.validUntil ?? null,
            input.approvedCostSek ?? null,
            input.stageId,
            input.outcome,
          ],
        );
        const decided = isDecided(input.status);
        if (decided) {
          const lead = leadTime(request.submitted_at, new Date(input.decidedAt));
          await db.query(`UPDATE requests SET lead_business_days = $2, lead_hours = $3 WHERE id = $1`, [
            input.requestId,
            lead.businessDays,
            lead.hours,
          ]);
        }
        await addToRollups(db, ['stageDecision'], forStage, [input.stageId]);
        if (input.final) await addToRollups(db, ['final'], forRequest, [input.requestId]);
        const data = {
          stage: input.stageName,
          outcome: input.outcome,
          status: input.status,
          comment: input.comment,
          conditions: input.conditions,
          approvedPeriodTo: input.approvedPeriodTo,
          approvedCostSek: input.approvedCostSek,
          validUntil: input.validUntil,
          onBehalfOfId: input.onBehalfOfId,
        };
        const eventKey = `decision:${input.decisionId}`;
        await announce(
          { userId: input.requesterId },
          {
            eventKey,
            requestId: input.requestId,
            type: 'decision',
            actorId: input.actorId,
            at: input.decidedAt,
            data,
          },
          decisionNotificationType(input.outcome),
        );
      });
    },

    async warnPeriodEnding(input) {
      return tx(async (db, notify) => {
        if (input.subject === 'exemption') {
          const [exemption] = await db.query(`SELECT revoked_at FROM exemptions WHERE id = $1`, [
            input.periodId,
          ]);
          if (!exemption || exemption.revoked_at) return { revoked: true };
        } else {
          const [extension]: { id: string }[] = await db.query(
            `SELECT id FROM review_periods WHERE extends_id = $1 LIMIT 1`,
            [input.periodId],
          );
          if (extension) return { extendedBy: extension.id };
        }
        const type = input.subject === 'exemption' ? 'exemption_ending' : 'period_ending';
        const eventKey = `${type}:${input.periodId}:${input.daysBefore}`;
        const data = {
          periodId: input.periodId,
          kind: input.kind,
          validTo: input.validTo,
          decisionRef: input.decisionRef,
          daysBefore: input.daysBefore,
        };
        await audit(db, { eventKey, requestId: null, type: 'period_ending', at: input.at, data });
        for (const role of ['admin', 'executive'] as const) {
          await notify({ role, scopeUnitId: null }, { eventKey, requestId: null, type, data, at: input.at });
        }
        return {};
      });
    },

    async reassignStage(input) {
      await tx(async (db, _notify, announce) => {
        await db.query(`UPDATE stages SET assignee_user_id = $2 WHERE id = $1 AND closed_at IS NULL`, [
          input.stageId,
          input.toUserId,
        ]);
        const data = { stage: input.stageName, stageId: input.stageId, toUserId: input.toUserId };
        await announce(
          { userId: input.toUserId },
          {
            eventKey: `stage_reassigned:${input.reassignmentId}`,
            requestId: input.requestId,
            type: 'stage_reassigned',
            actorId: input.actorId,
            at: input.at,
            data,
          },
        );
      });
    },

    async recordStatus(input) {
      await tx(async (db, notify) => {
        if (input.closeStageId) {
          await db.query(
            `UPDATE stages SET closed_at = $2, outcome = 'withdrawn' WHERE id = $1 AND closed_at IS NULL`,
            [input.closeStageId, input.at],
          );
        }
        const final = isFinal(input.status);
        await db.query(
          `UPDATE requests SET status = $2, status_reason = $3,
                  decided_at = CASE WHEN $4 THEN $5::timestamptz ELSE decided_at END, updated_at = now()
            WHERE id = $1`,
          [input.requestId, input.status, input.reason ?? null, final, input.at],
        );
        const data = { status: input.status, reason: input.reason, comment: input.comment };
        const recorded = await audit(db, {
          eventKey: input.eventKey,
          requestId: input.requestId,
          type: input.eventType,
          actorId: input.actorId,
          at: input.at,
          data,
        });
        if (recorded && final) await addToRollups(db, ['final'], forRequest, [input.requestId]);
        if (input.reason === 'not_completed') {
          await notify(
            { userId: input.requesterId },
            {
              eventKey: input.eventKey,
              requestId: input.requestId,
              type: 'withdrawn_not_completed',
              data,
              at: input.at,
            },
          );
        }
      });
    },
  };
}
