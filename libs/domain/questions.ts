import { addBusinessTime, addCalendarHours, businessDaysBetween } from './calendar';
import { DomainError } from './errors';
import type { Duration } from './policy';

/**
 * Questions without a return (issue 21): the reviewer at the open stage asks the requester one thing while the
 * stage stays open, instead of returning the request (which stops its clock and restarts the stage). Pure rules,
 * shared by the API (bad input before anything is sent) and the review workflow (who may ask and answer).
 */
export const QUESTION_TEXT_MAX = 2000;

/** What a route version says about questions; absent (as in version 1) means the clock keeps running. */
export interface QuestionPolicy {
  /** Whether the stage's deadline, reminder and escalation wait while a question is unanswered. */
  pauseDeadline: boolean;
}
export const DEFAULT_QUESTION_POLICY: QuestionPolicy = { pauseDeadline: false };

/** A question or answer text: trimmed, 1–QUESTION_TEXT_MAX characters; a problem names `field`. */
export function questionText(value: unknown, field: 'text'): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new DomainError('validation_failed', `${field} must be a non-empty text`, [
      { field, message: 'must be a non-empty text' },
    ]);
  }
  const text = value.trim();
  if (text.length > QUESTION_TEXT_MAX) {
    throw new DomainError('validation_failed', `${field} must be at most ${QUESTION_TEXT_MAX} characters`, [
      { field, message: `must be at most ${QUESTION_TEXT_MAX} characters` },
    ]);
  }
  return text;
}

/** The open (unanswered) question of a stage, as the workflow keeps it. */
export interface OpenQuestion {
  questionId: string;
  stageId: string;
  askedBy: string;
  askedAt: string;
}

/**
 * One open question per stage at a time: the requester answers one thing before the next is asked, so an answer
 * always belongs to the question it was written for, and a paused clock has one start.
 */
export function assertMayAsk(open: OpenQuestion | undefined, stageId: string): void {
  if (open && open.stageId === stageId) {
    throw new DomainError('invalid_state', 'The stage already has an unanswered question', [
      { field: 'text', message: 'wait for the answer to the open question' },
    ]);
  }
}

/** Only the requester answers, and only the open question. */
export function assertMayAnswer(
  open: OpenQuestion | undefined,
  questionId: string,
  actorId: string,
  requesterId: string,
): void {
  if (actorId !== requesterId)
    throw new DomainError('not_allowed', 'Only the requester may answer a question');
  if (!open || open.questionId !== questionId) {
    throw new DomainError('invalid_state', 'The question is not open (answered, or its stage was decided)');
  }
}

/**
 * Moves a stage's timer on by the time its question was open: business time for a stage counted in business
 * days, elapsed hours for one counted in calendar hours (urgent call-offs), as the deadline itself is counted.
 */
export function movedByPause(at: Date, deadline: Duration, askedAt: Date, answeredAt: Date): Date {
  if ('hours' in deadline) {
    return addCalendarHours(at, Math.max(0, answeredAt.getTime() - askedAt.getTime()) / 3_600_000);
  }
  return addBusinessTime(at, businessDaysBetween(askedAt, answeredAt));
}
