import fc from 'fast-check';
import { OUTCOMES, REQUEST_STATUSES, type Outcome, type RequestStatus } from '@domain/enums';
import { DomainError } from '@domain/errors';
import {
  APPROVED_STATUSES,
  DECIDED_STATUSES,
  FINAL_STATUSES,
  OPEN_STATUSES,
  OUTCOME_RULES,
  REVIEW_EVENTS,
  UNREVIEWED_STATUSES,
  afterOutcome,
  assertOffered,
  isRecommendation,
  eventsFrom,
  isFinal,
  mayHappen,
  outcomesFor,
  statusAfter,
  statusOnSubmission,
  statusesWhere,
  transition,
  type ReviewEvent,
  type StatusBefore,
} from '@domain/review-state';

const outcomeArb = fc.constantFrom(...OUTCOMES);
const eventArb: fc.Arbitrary<ReviewEvent> = fc.oneof(
  fc.record({ type: fc.constant('submit' as const), subjectToReview: fc.boolean(), exempted: fc.boolean() }),
  fc.record({
    type: fc.constant('decide' as const),
    outcome: outcomeArb,
    lastStage: fc.boolean(),
    conditionsSoFar: fc.boolean(),
  }),
  fc.constantFrom(
    ...(['resubmit', 'withdraw', 'not_completed', 'escalate', 'remind', 'reassign'] as const).map((type) => ({
      type,
    })),
  ),
);

describe('the statuses of a review', () => {
  it('are each open, final or never reviewed, and exactly one of them', () => {
    const groups = [OPEN_STATUSES, FINAL_STATUSES, UNREVIEWED_STATUSES].flat();
    expect([...groups].sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(new Set(groups).size).toBe(groups.length);
  });

  it('counts approvals and rejections as decided and a withdrawal as final but undecided', () => {
    expect(APPROVED_STATUSES).toEqual(['approved', 'approved_with_conditions']);
    expect(DECIDED_STATUSES).toEqual(['approved', 'approved_with_conditions', 'rejected']);
    expect(FINAL_STATUSES).toEqual(['approved', 'approved_with_conditions', 'rejected', 'withdrawn']);
    expect(OPEN_STATUSES).toEqual(['in_review', 'returned']);
    expect(UNREVIEWED_STATUSES).toEqual(['not_required', 'exempted']);
  });

  it('property: a final status has no way out', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINAL_STATUSES), eventArb, (status, event) => {
        expect(eventsFrom(status)).toEqual([]);
        expect(() => transition(status, event)).toThrow(DomainError);
      }),
    );
  });

  it('property: a request recorded without review takes no event either', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNREVIEWED_STATUSES), eventArb, (status, event) => {
        expect(() => transition(status, event)).toThrow(
          expect.objectContaining({ code: 'invalid_state' }) as Error,
        );
      }),
    );
  });

  it('lets every event happen in some status, and only submission before there is one', () => {
    for (const event of REVIEW_EVENTS) {
      expect([null, ...REQUEST_STATUSES].some((s) => mayHappen(s, event))).toBe(true);
    }
    expect(eventsFrom(null)).toEqual(['submit']);
    expect(statusesWhere('submit')).toEqual([]);
    expect(statusesWhere('decide')).toEqual(['in_review']);
    expect(statusesWhere('withdraw')).toEqual(['in_review', 'returned']);
  });
});

describe('submission', () => {
  it.each<[boolean, boolean, RequestStatus]>([
    [false, false, 'not_required'],
    [false, true, 'not_required'],
    [true, true, 'exempted'],
    [true, false, 'in_review'],
  ])('subject to review %p, exempted %p: recorded as %s', (subject, exempted, status) => {
    expect(statusOnSubmission(subject, exempted)).toBe(status);
  });

  it('opens the first stage only for a request under review', () => {
    expect(transition(null, { type: 'submit', subjectToReview: true, exempted: false }).move).toBe(
      'first_stage',
    );
    expect(transition(null, { type: 'submit', subjectToReview: true, exempted: true }).move).toBe('end');
  });
});

describe('the outcomes of a stage', () => {
  it('property: every outcome has a transition from a stage in review, and ends the review exactly when final', () => {
    fc.assert(
      fc.property(outcomeArb, fc.boolean(), fc.boolean(), (outcome, lastStage, conditionsSoFar) => {
        if (isRecommendation(outcome) && lastStage) {
          // A route ends with a deciding stage; a recommendation there has nobody to go to.
          expect(() =>
            transition('in_review', { type: 'decide', outcome, lastStage, conditionsSoFar }),
          ).toThrow(DomainError);
          return;
        }
        const step = transition('in_review', { type: 'decide', outcome, lastStage, conditionsSoFar });
        expect(REQUEST_STATUSES).toContain(step.status);
        expect(step.move === 'end').toBe(isFinal(step.status));
        expect(step.status).toBe(statusAfter(outcome, lastStage, conditionsSoFar));
      }),
    );
  });

  it('property: conditions given at any stage hold for the final approval', () => {
    fc.assert(
      fc.property(
        outcomeArb.filter((o) => !isRecommendation(o)),
        (outcome) => {
          const status = statusAfter(outcome, true, true);
          expect(status).not.toBe('approved');
        },
      ),
    );
  });

  it('is offered by some kind of stage, each outcome; a deciding stage can approve and reject', () => {
    const offered = new Set([...outcomesFor('deciding'), ...outcomesFor('recommending')]);
    expect([...offered].sort()).toEqual([...OUTCOMES].sort());
    expect(outcomesFor('deciding').map((o) => OUTCOME_RULES[o].effect)).toEqual(
      expect.arrayContaining(['approve', 'reject']),
    );
    expect(outcomesFor('recommending')).toContain('return');
  });

  it.each<[Outcome, boolean, boolean, string]>([
    ['reject', false, false, 'rejected'],
    ['reject', true, true, 'rejected'],
    ['return', false, false, 'returned'],
    ['return', true, true, 'returned'],
    ['approve', false, false, 'in_review'],
    ['approve_with_conditions', false, false, 'in_review'],
    ['approve', true, false, 'approved'],
    ['approve', true, true, 'approved_with_conditions'],
    ['approve_with_conditions', true, false, 'approved_with_conditions'],
    ['approve_with_conditions', true, true, 'approved_with_conditions'],
  ])(
    '%s (last stage: %p, conditions so far: %p) leaves the request %s',
    (outcome, last, conditions, status) => {
      expect(statusAfter(outcome, last, conditions)).toBe(status);
    },
  );

  it('offers a recommending stage tillstyrk, avstyrk and return, and a deciding stage the decisions and return', () => {
    expect(outcomesFor('recommending')).toEqual(['recommend_approve', 'recommend_reject', 'return']);
    expect(outcomesFor('deciding')).toEqual(['approve', 'approve_with_conditions', 'reject', 'return']);
  });

  it('refuses, naming the outcome, a decision at a recommending stage and a recommendation at a deciding one', () => {
    const refusal = (mode: 'deciding' | 'recommending', outcome: Outcome) => {
      try {
        assertOffered(mode, outcome);
      } catch (e) {
        return e as DomainError;
      }
      return undefined;
    };
    expect(refusal('recommending', 'approve')).toMatchObject({
      code: 'unprocessable',
      fields: [{ field: 'outcome' }],
    });
    expect(refusal('deciding', 'recommend_approve')?.code).toBe('unprocessable');
    expect(refusal('recommending', 'recommend_reject')).toBeUndefined();
    expect(refusal('deciding', 'return')).toBeUndefined();
  });

  it('requires a reason for an avstyrkan, not for a tillstyrkan, and never ends the review on either', () => {
    expect(OUTCOME_RULES.recommend_reject.comment).toBe('reason');
    expect(OUTCOME_RULES.recommend_approve.comment).toBe('optional');
    for (const outcome of ['recommend_approve', 'recommend_reject'] as const) {
      expect(
        transition('in_review', { type: 'decide', outcome, lastStage: false, conditionsSoFar: false }),
      ).toEqual({ status: 'in_review', move: 'next_stage' });
    }
  });

  it('sends a recommendation on to the deciding stage, and refuses one that would end the route', () => {
    const recommend = { effect: 'recommend', conditional: false } as const;
    expect(afterOutcome(recommend, false, false)).toEqual({ status: 'in_review', move: 'next_stage' });
    expect(() => afterOutcome(recommend, true, false)).toThrow(DomainError);
  });
});

describe('the events of a running review', () => {
  it('returns the request to the same stage on resubmission', () => {
    expect(transition('returned', { type: 'resubmit' })).toEqual({ status: 'in_review', move: 'same_stage' });
  });

  it('starts the route again at its first stage when the resubmission changed the request', () => {
    expect(transition('returned', { type: 'resubmit', requestChanged: true })).toEqual({
      status: 'in_review',
      move: 'first_stage',
    });
    expect(transition('returned', { type: 'resubmit', requestChanged: false }).move).toBe('same_stage');
  });

  it('withdraws by the requester from review or completion, and as not completed only from completion', () => {
    for (const status of OPEN_STATUSES) {
      expect(transition(status, { type: 'withdraw' })).toEqual({
        status: 'withdrawn',
        move: 'end',
        withdrawalReason: 'by_requester',
      });
    }
    expect(transition('returned', { type: 'not_completed' }).withdrawalReason).toBe('not_completed');
    expect(mayHappen('in_review', 'not_completed')).toBe(false);
  });

  it('keeps the open stage open on escalation, reminder and reassignment', () => {
    for (const type of ['escalate', 'remind', 'reassign'] as const) {
      expect(transition('in_review', { type })).toEqual({ status: 'in_review', move: 'stay' });
    }
    expect(mayHappen('returned', 'escalate')).toBe(false);
    expect(mayHappen('returned', 'decide')).toBe(false);
  });

  it('property: any run of events keeps to known statuses, refuses what may not happen and never leaves a final status', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        let status: StatusBefore = null;
        let approvals = 0;
        for (const event of events) {
          if (!mayHappen(status, event.type)) {
            expect(() => transition(status, event)).toThrow(
              expect.objectContaining({ code: 'invalid_state' }) as Error,
            );
            continue;
          }
          if (event.type === 'decide' && event.lastStage && isRecommendation(event.outcome)) {
            // A route's last stage decides (policy); a recommendation there is refused, the status unchanged.
            expect(() => transition(status, event)).toThrow(DomainError);
            continue;
          }
          const before: StatusBefore = status;
          const step = transition(before, event);
          expect(REQUEST_STATUSES).toContain(step.status);
          if (step.move === 'stay') expect(step.status).toBe(before);
          if (step.status === 'approved' || step.status === 'approved_with_conditions') {
            expect(event).toMatchObject({ type: 'decide', lastStage: true });
            approvals += 1;
          }
          status = step.status;
        }
        if (status !== null && isFinal(status)) expect(eventsFrom(status)).toEqual([]);
        expect(approvals).toBeLessThanOrEqual(1);
      }),
    );
  });
});
