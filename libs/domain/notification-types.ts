import { OUTCOMES, type Outcome } from './enums';

/**
 * The kinds of notification, each with its inbox line (labels-*.ts) and its e-mail (activities/mail-templates.ts),
 * both keyed by this type: a new outcome brings a new decision notification, and every place that words one
 * fails to compile until it has the words.
 */

/** The review's own events: a stage opened, reminded, escalated, overdue or reassigned; a return's reminder and end. */
export const REVIEW_NOTIFICATION_TYPES = [
  'stage_opened',
  'stage_reminder',
  'stage_escalated',
  'stage_overdue',
  'stage_reassigned',
  'return_reminder',
  'withdrawn_not_completed',
] as const;

/** A review period or an exemption about to lapse. */
export const WATCH_NOTIFICATION_TYPES = ['period_ending', 'exemption_ending'] as const;

/** The requester hears of every decision on their request, one type per outcome. */
export type DecisionNotificationType = `decision_${Outcome}`;

export type NotificationType =
  | (typeof REVIEW_NOTIFICATION_TYPES)[number]
  | DecisionNotificationType
  | (typeof WATCH_NOTIFICATION_TYPES)[number];

export const decisionNotificationType = (outcome: Outcome): DecisionNotificationType => `decision_${outcome}`;

export const NOTIFICATION_TYPES: readonly NotificationType[] = [
  ...REVIEW_NOTIFICATION_TYPES,
  ...OUTCOMES.map(decisionNotificationType),
  ...WATCH_NOTIFICATION_TYPES,
];

/** Notification rows carry their type as text; this tells a known one from anything else. */
export const isNotificationType = (type: string): type is NotificationType =>
  (NOTIFICATION_TYPES as readonly string[]).includes(type);

/** The outcome a decision notification tells of; undefined for every other type. */
export const outcomeNotified = (type: NotificationType): Outcome | undefined =>
  OUTCOMES.find((outcome) => decisionNotificationType(outcome) === type);

export const isDecisionNotification = (type: NotificationType): type is DecisionNotificationType =>
  outcomeNotified(type) !== undefined;
