import { addBusinessTime, businessDaysBetween, stockholmTime } from '@domain/calendar';
import { DomainError } from '@domain/errors';
import { POLICY_V1 } from '@domain/policy';
import {
  assertMayAnswer,
  assertMayAsk,
  movedByPause,
  QUESTION_TEXT_MAX,
  questionText,
  type OpenQuestion,
} from '@domain/questions';
import { validateRoute } from '@domain/route-rules';

const anOpenQuestion = (overrides: Partial<OpenQuestion> = {}): OpenQuestion => ({
  questionId: 'q1',
  stageId: 'stage-1',
  askedBy: 'hr.somatik',
  askedAt: '2027-03-01T09:00:00.000Z',
  ...overrides,
});

const codeOf = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? { code: e.code, fields: e.fields.map((p) => p.field) } : 'other';
  }
  return undefined;
};

describe('question texts', () => {
  it('are trimmed and kept when 1 to the maximum characters long', () => {
    expect(questionText('  Varför?  ', 'text')).toBe('Varför?');
    expect(questionText('x'.repeat(QUESTION_TEXT_MAX), 'text')).toHaveLength(QUESTION_TEXT_MAX);
  });
  it.each([[''], ['   '], [42], [undefined], ['x'.repeat(QUESTION_TEXT_MAX + 1)]])(
    'refuses %p, naming the field',
    (value) => {
      expect(codeOf(() => questionText(value, 'text'))).toEqual({
        code: 'validation_failed',
        fields: ['text'],
      });
    },
  );
});

describe('who may ask and answer', () => {
  it('allows one open question per stage at a time', () => {
    expect(codeOf(() => assertMayAsk(undefined, 'stage-1'))).toBeUndefined();
    expect(codeOf(() => assertMayAsk(anOpenQuestion(), 'stage-1'))).toMatchObject({ code: 'invalid_state' });
    // A question left from a stage that has since closed does not hold up the next stage.
    expect(codeOf(() => assertMayAsk(anOpenQuestion({ stageId: 'stage-0' }), 'stage-1'))).toBeUndefined();
  });
  it('lets only the requester answer, and only the open question', () => {
    expect(codeOf(() => assertMayAnswer(anOpenQuestion(), 'q1', 'chef', 'chef'))).toBeUndefined();
    expect(codeOf(() => assertMayAnswer(anOpenQuestion(), 'q1', 'hr.somatik', 'chef'))).toMatchObject({
      code: 'not_allowed',
    });
    expect(codeOf(() => assertMayAnswer(anOpenQuestion(), 'q2', 'chef', 'chef'))).toMatchObject({
      code: 'invalid_state',
    });
    expect(codeOf(() => assertMayAnswer(undefined, 'q1', 'chef', 'chef'))).toMatchObject({
      code: 'invalid_state',
    });
  });
});

describe('a paused deadline', () => {
  it('moves a business-day deadline by the business time the question was open, not over the weekend', () => {
    // Asked Friday 5 March 2027 at 12:00, answered Monday 8 March at 12:00: one business day open.
    const asked = stockholmTime('2027-03-05', 12);
    const answered = stockholmTime('2027-03-08', 12);
    const due = stockholmTime('2027-03-09', 16);
    expect(movedByPause(due, { businessDays: 2 }, asked, answered)).toEqual(stockholmTime('2027-03-10', 16));
  });
  it('moves an hours deadline (urgent call-off) by the elapsed hours', () => {
    const asked = new Date('2027-03-06T10:00:00Z');
    const answered = new Date('2027-03-06T11:30:00Z');
    expect(movedByPause(new Date('2027-03-06T14:00:00Z'), { hours: 4 }, asked, answered)).toEqual(
      new Date('2027-03-06T15:30:00Z'),
    );
  });
  it('adds business time as businessDaysBetween counts it, skipping holidays', () => {
    // Maundy Thursday 2027 at 16:00 plus one business day is the Tuesday after Easter Monday at 16:00.
    const from = stockholmTime('2027-03-25', 16);
    const to = addBusinessTime(from, 1);
    expect(to).toEqual(stockholmTime('2027-03-30', 16));
    expect(businessDaysBetween(from, to)).toBeCloseTo(1, 9);
    expect(addBusinessTime(from, 0)).toEqual(from);
    expect(() => addBusinessTime(from, -1)).toThrow(RangeError);
  });
});

describe('the route version says whether questions pause the clock', () => {
  const { version: _v, ...draft } = POLICY_V1;
  it('accepts a version with or without the setting (absent: the clock keeps running)', () => {
    expect(validateRoute(draft).problems).toEqual([]);
    expect(validateRoute({ ...draft, questions: { pauseDeadline: true } }).problems).toEqual([]);
  });
  it('refuses a setting that is not a yes or no, naming the field', () => {
    const fields = (body: unknown) => validateRoute(body).problems.map((p) => p.field);
    expect(fields({ ...draft, questions: { pauseDeadline: 'yes' } })).toEqual(['questions.pauseDeadline']);
    expect(fields({ ...draft, questions: { pauseDeadline: true, extra: 1 } }).join()).toContain('questions');
  });
});
