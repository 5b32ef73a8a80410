import type { DataSource, EntityManager } from 'typeorm';
import { createLogger, type Logger } from '@config/logger';
import { AuditEventsRepository } from '@db/repositories/audit-events.repository';
import { DecisionsRepository } from '@db/repositories/decisions.repository';
import { ExemptionsRepository } from '@db/repositories/exemptions.repository';
import {
  type InsertedNotification,
  type NotificationInput,
  NotificationsRepository,
  type Recipients,
} from '@db/repositories/notifications.repository';
import { QuestionsRepository } from '@db/repositories/questions.repository';
import { RequestsRepository } from '@db/repositories/requests.repository';
import { ReviewPeriodsRepository } from '@db/repositories/review-periods.repository';
import { RollupsRepository } from '@db/repositories/rollups.repository';
import { StagesRepository } from '@db/repositories/stages.repository';
import type { Mailer } from './mailer';
import { countMailGivenUp } from './mail-outbox-activities';
import { composeMails, deliverMails, type NotificationMail } from './notification-mail';
import type { ReviewActivities } from './review-activities.types';
import { leadTime } from '@domain/lead-time';
import { answerReturnBy } from '@domain/deadlines';
import { decisionNotificationType, type NotificationType } from '@domain/notification-types';
import { isDecided, isFinal } from '@domain/review-state';

export type { ReviewActivities } from './review-activities.types';

export interface ReviewActivitiesDeps {
  dataSource: DataSource;
  /** Sends each new notification as e-mail too; without one, notifications stay in the inbox only. */
  mailer?: Mailer;
  /** Where mail failures are reported; defaults to the `mail` log line. */
  log?: Logger;
}

/** The repositories over one activity's transaction. */
function repositoriesOf(db: EntityManager) {
  return {
    audit: new AuditEventsRepository(db),
    decisions: new DecisionsRepository(db),
    exemptions: new ExemptionsRepository(db),
    notifications: new NotificationsRepository(db),
    periods: new ReviewPeriodsRepository(db),
    questions: new QuestionsRepository(db),
    requests: new RequestsRepository(db),
    rollups: new RollupsRepository(db),
    stages: new StagesRepository(db),
  };
}
type Repositories = ReturnType<typeof repositoriesOf>;

/** Writes the notification rows of one activity's transaction. */
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
 * inserted are stored in that transaction (the outbox) and go out after it commits; a mail that fails, or is
 * never sent because the worker died, is sent by the resend job (mail-outbox-activities.ts).
 */
export function createReviewActivities(deps: ReviewActivitiesDeps): ReviewActivities {
  const log = deps.log ?? createLogger('mail');
  async function tx<T>(
    work: (db: Repositories, notify: Notify, announce: Announce) => Promise<T>,
  ): Promise<T> {
    let mails: NotificationMail[] = [];
    const result = await deps.dataSource.transaction(async (manager) => {
      const db = repositoriesOf(manager);
      const inserted: InsertedNotification[] = [];
      const notify: Notify = async (recipients, n) => {
        inserted.push(...(await db.notifications.record(recipients, n)).inserted);
      };
      const announce: Announce = async (recipients, { actorId, ...event }, notificationType) => {
        const notification = { ...event, type: notificationType ?? event.type };
        const recorded = await db.notifications.record(recipients, notification, { ...event, actorId });
        inserted.push(...recorded.inserted);
        return recorded.audited;
      };
      const result = await work(db, notify, announce);
      mails = deps.mailer ? await composeMails(db.requests, inserted, deps.mailer.publicUrl) : [];
      // The outbox: the mails commit with their notifications, so a crash before the send below loses none.
      await db.notifications.enqueueMails(mails);
      return result;
    });
    if (deps.mailer && mails.length > 0)
      await deliverMails(
        { dataSource: deps.dataSource, mailer: deps.mailer, log, onGiveUp: countMailGivenUp },
        mails,
      );
    return result;
  }
  return {
    async openStage(input) {
      return tx(async (db, _notify, announce) => {
        const stageId = await db.stages.open(input);
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
        await db.stages.escalate(input);
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
        if (recorded) await db.rollups.countEscalation(eventKey);
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
        const inserted = await db.decisions.insertOnce({
          ...input,
          onBehalfOfId: input.onBehalfOfId ?? null,
          comment: input.comment ?? null,
          conditions: input.conditions ?? null,
          validUntil: input.validUntil ?? null,
        });
        if (!inserted) {
          const existing = await db.decisions.idOnStage(input.stageId);
          // A retry of this very decision is fine; any other decision on the stage means the record diverged.
          if (existing !== input.decisionId) {
            throw new Error(`stage ${input.stageId} already has decision ${existing}`);
          }
          return;
        }
        const submittedAt = await db.requests.closeStageAndMoveOn({
          ...input,
          validUntil: input.validUntil ?? null,
          approvedCostSek: input.approvedCostSek ?? null,
        });
        if (isDecided(input.status)) {
          await db.requests.setLeadTime(input.requestId, leadTime(submittedAt, new Date(input.decidedAt)));
        }
        await db.rollups.countStageDecision(input.stageId);
        if (input.final) await db.rollups.countFinal(input.requestId);
        // A return says by when it must be completed: the same deadline the review then waits for.
        const returnDeadline =
          input.outcome === 'return' ? await db.requests.returnDeadlineOf(input.requestId) : undefined;
        const data = {
          ...(returnDeadline && {
            answerBy: answerReturnBy(new Date(input.decidedAt), { deadline: returnDeadline }).toISOString(),
          }),
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

    async askQuestion(input) {
      await tx(async (db, _notify, announce) => {
        await db.questions.insertOnce(input);
        await announce(
          { userId: input.requesterId },
          {
            eventKey: `question_asked:${input.questionId}`,
            requestId: input.requestId,
            type: 'question_asked',
            actorId: input.actorId,
            at: input.at,
            data: {
              stage: input.stageName,
              stageId: input.stageId,
              questionId: input.questionId,
              text: input.text,
            },
          },
        );
      });
    },

    async answerQuestion(input) {
      await tx(async (db, _notify, announce) => {
        await db.questions.answer(input);
        if (input.dueAt) await db.stages.moveDeadline(input.stageId, input.dueAt);
        await announce(
          { userId: input.askedBy },
          {
            eventKey: `question_answered:${input.questionId}`,
            requestId: input.requestId,
            type: 'question_answered',
            actorId: input.actorId,
            at: input.at,
            data: {
              stage: input.stageName,
              stageId: input.stageId,
              questionId: input.questionId,
              text: input.text,
              dueAt: input.dueAt,
            },
          },
        );
      });
    },

    async warnPeriodEnding(input) {
      return tx(async (db, notify) => {
        if (input.subject === 'exemption') {
          if (await db.exemptions.isRevoked(input.periodId)) return { revoked: true };
        } else {
          const extendedBy = await db.periods.extensionOf(input.periodId);
          if (extendedBy) return { extendedBy };
        }
        const type = input.subject === 'exemption' ? 'exemption_ending' : 'period_ending';
        // The end date is in the key: a period ended early or corrected is warned of again for its new end.
        const eventKey = `${type}:${input.periodId}:${input.validTo}:${input.daysBefore}`;
        const data = {
          periodId: input.periodId,
          kind: input.kind,
          validTo: input.validTo,
          decisionRef: input.decisionRef,
          daysBefore: input.daysBefore,
        };
        await db.audit.appendOnce({ eventKey, requestId: null, type: 'period_ending', at: input.at, data });
        // The follow-up role (steering group, finance) follows the regime up; its lapse is theirs to know of.
        for (const role of ['admin', 'executive', 'follow_up'] as const) {
          await notify({ role, scopeUnitId: null }, { eventKey, requestId: null, type, data, at: input.at });
        }
        return {};
      });
    },

    async reassignStage(input) {
      await tx(async (db, _notify, announce) => {
        await db.stages.reassign(input.stageId, input.toUserId);
        const data = { stage: input.stageName, stageId: input.stageId, toUserId: input.toUserId };
        await announce(
          // The assignee's stand-ins hear of it only while they hold the stage's role themselves.
          { userId: input.toUserId, stageId: input.stageId },
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

    async releaseStage(input) {
      await tx(async (db, _notify, announce) => {
        await db.stages.release(input.stageId, input.fromUserId);
        const data = {
          stage: input.stageName,
          stageId: input.stageId,
          fromUserId: input.fromUserId,
          reason: input.reason,
        };
        await announce(
          // The division's HR lead (and the region's) sees that nobody holds it by name any more.
          { role: 'hr_lead', scopeUnitId: input.divisionId },
          {
            eventKey: `stage_released:${input.releaseId}`,
            requestId: input.requestId,
            type: 'stage_released',
            actorId: input.actorId,
            at: input.at,
            data,
          },
        );
      });
    },

    async changeRequester(input) {
      await tx(async (db, _notify, announce) => {
        await db.requests.changeRequester(input.requestId, input.toUserId);
        await announce(
          { userId: input.toUserId },
          {
            eventKey: `requester_changed:${input.changeId}`,
            requestId: input.requestId,
            type: 'requester_changed',
            actorId: input.actorId,
            at: input.at,
            data: { fromUserId: input.fromUserId, toUserId: input.toUserId },
          },
          'requester_assigned',
        );
      });
    },

    async announceRequesterNeeded(input) {
      return tx(async (_db, _notify, announce) =>
        announce(
          { role: 'hr_lead', scopeUnitId: input.divisionId },
          {
            // Once per request and requester: the daily run finds it again until the HR lead moves it.
            eventKey: `requester_needed:${input.requestId}:${input.requesterId}`,
            requestId: input.requestId,
            type: 'requester_needed',
            at: input.at,
            data: { requesterId: input.requesterId, reason: input.reason },
          },
        ),
      );
    },

    async recordStatus(input) {
      await tx(async (db, notify) => {
        if (input.closeStageId) await db.stages.closeWithdrawn(input.closeStageId, input.at);
        const final = isFinal(input.status);
        await db.requests.setStatus({
          id: input.requestId,
          status: input.status,
          reason: input.reason ?? null,
          final,
          at: input.at,
        });
        const data = {
          status: input.status,
          reason: input.reason,
          comment: input.comment,
          changedFields: input.changedFields,
          route: input.route,
        };
        const recorded = await db.audit.appendOnce({
          eventKey: input.eventKey,
          requestId: input.requestId,
          type: input.eventType,
          actorId: input.actorId,
          at: input.at,
          data,
        });
        if (recorded && final) await db.rollups.countFinal(input.requestId);
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
