import { OUTCOMES, type Outcome } from './enums';
import type { ReviewEventType } from './review-state';

/**
 * The kinds of notification, each with its inbox line (labels-*.ts) and its e-mail (activities/mail-templates.ts),
 * both keyed by this type: a new outcome brings a new decision notification, and every place that words one
 * fails to compile until it has the words.
 */

/**
 * What each event of the review tells whom: the stage's reviewers that a stage opened (on submission, after an
 * approval, after a resubmission), was escalated, is due or overdue, or was handed to them; the requester that
 * the time for completion is running out or has run out. A decision also sends its own type, one per outcome.
 */
export const NOTIFIED_BY = {
  submit: ['stage_opened'],
  decide: ['stage_opened'],
  resubmit: ['stage_opened'],
  withdraw: [],
  not_completed: ['withdrawn_not_completed'],
  escalate: ['stage_escalated'],
  remind: ['stage_reminder', 'stage_overdue', 'return_reminder'],
  reassign: ['stage_reassigned'],
} as const satisfies Record<ReviewEventType, readonly string[]>;

type ReviewNotificationType = (typeof NOTIFIED_BY)[ReviewEventType][number];

/** The review's own notifications, each sent by an event. */
export const REVIEW_NOTIFICATION_TYPES: readonly ReviewNotificationType[] = [
  ...new Set(Object.values(NOTIFIED_BY).flat()),
];

/** A review period or an exemption about to lapse. */
export const WATCH_NOTIFICATION_TYPES = ['period_ending', 'exemption_ending'] as const;

/**
 * People who left or lost a role (issue 18): the HR lead hears that a stage went back to its pool and that a
 * request needs a new requester; the new requester that a request is now theirs.
 */
export const LEAVER_NOTIFICATION_TYPES = [
  'stage_released',
  'requester_needed',
  'requester_assigned',
] as const;

/** Questions without a return (issue 21): the requester hears of a question, the asker of its answer. */
export const QUESTION_NOTIFICATION_TYPES = ['question_asked', 'question_answered'] as const;

/** The requester hears of every decision on their request, one type per outcome. */
export type DecisionNotificationType = `decision_${Outcome}`;

export type NotificationType =
  | ReviewNotificationType
  | DecisionNotificationType
  | (typeof WATCH_NOTIFICATION_TYPES)[number]
  | (typeof LEAVER_NOTIFICATION_TYPES)[number]
  | (typeof QUESTION_NOTIFICATION_TYPES)[number];

export const decisionNotificationType = (outcome: Outcome): DecisionNotificationType => `decision_${outcome}`;

export const NOTIFICATION_TYPES: readonly NotificationType[] = [
  ...REVIEW_NOTIFICATION_TYPES,
  ...OUTCOMES.map(decisionNotificationType),
  ...WATCH_NOTIFICATION_TYPES,
  ...LEAVER_NOTIFICATION_TYPES,
  ...QUESTION_NOTIFICATION_TYPES,
];

/** Notification rows carry their type as text; this tells a known one from anything else. */
export const isNotificationType = (type: string): type is NotificationType =>
  (NOTIFICATION_TYPES as readonly string[]).includes(type);

/** The outcome a decision notification tells of; undefined for every other type. */
export const outcomeNotified = (type: NotificationType): Outcome | undefined =>
  OUTCOMES.find((outcome) => decisionNotificationType(outcome) === type);

export const isDecisionNotification = (type: NotificationType): type is DecisionNotificationType =>
  outcomeNotified(type) !== undefined;
