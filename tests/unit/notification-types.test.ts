import { OUTCOMES } from '@domain/enums';
import {
  NOTIFICATION_TYPES,
  NOTIFIED_BY,
  REVIEW_NOTIFICATION_TYPES,
  decisionNotificationType,
  isDecisionNotification,
  isNotificationType,
  outcomeNotified,
} from '@domain/notification-types';

describe('notification types', () => {
  it('has one decision notification per outcome, and reads the outcome back from it', () => {
    for (const outcome of OUTCOMES) {
      const type = decisionNotificationType(outcome);
      expect(NOTIFICATION_TYPES).toContain(type);
      expect(isDecisionNotification(type)).toBe(true);
      expect(outcomeNotified(type)).toBe(outcome);
    }
    expect(NOTIFICATION_TYPES.filter(isDecisionNotification)).toHaveLength(OUTCOMES.length);
  });

  it('lists each type once, and every review notification comes from an event', () => {
    expect(new Set(NOTIFICATION_TYPES).size).toBe(NOTIFICATION_TYPES.length);
    const sent = new Set<string>(Object.values(NOTIFIED_BY).flat());
    for (const type of REVIEW_NOTIFICATION_TYPES) expect(sent).toContain(type);
  });

  it('tells the types it knows from text it does not', () => {
    expect(isNotificationType('stage_opened')).toBe(true);
    expect(isNotificationType('decision_defer')).toBe(false);
    expect(isNotificationType('something_new')).toBe(false);
  });
});
