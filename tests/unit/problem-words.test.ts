import { DOMAIN_ERROR_CODES } from '@domain/errors';
import { PROBLEM_CODES, problemCodeForStatus } from '@contracts/problem';
import { TITLES } from '../../apps/api/src/common/problem';
import { ProblemError } from '../../apps/web/src/api/problem';
import { en } from '../../apps/web/src/i18n/en';
import { sv } from '../../apps/web/src/i18n/sv';
import { problemCodeKey, problemMessage } from '../../apps/web/src/i18n/problem-messages';

const wordsOf = (dict: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], dict);
const has = (dict: unknown) => (key: string) => typeof wordsOf(dict, key) === 'string';

describe('the words for every problem the API can answer', () => {
  it('names every DomainError code among the problem codes', () => {
    for (const code of Object.keys(DOMAIN_ERROR_CODES)) expect(PROBLEM_CODES).toContain(code);
  });

  it.each([
    ['sv', sv],
    ['en', en],
  ])('has %s words for every problem code', (_lang, dict) => {
    const missing = PROBLEM_CODES.filter((code) => !has(dict)(problemCodeKey(code)));
    expect(missing).toEqual([]);
  });

  it('says the Swedish and the English in different words (none left untranslated)', () => {
    const same = PROBLEM_CODES.filter(
      (code) => wordsOf(sv, problemCodeKey(code)) === wordsOf(en, problemCodeKey(code)),
    );
    expect(same).toEqual([]);
  });

  it('gives every status the API answers with a code that has words', () => {
    for (const status of Object.keys(TITLES).map(Number)) {
      expect(has(sv)(problemCodeKey(problemCodeForStatus(status)))).toBe(true);
      expect(problemCodeForStatus(status)).toBeDefined();
    }
  });
});

describe('problemMessage', () => {
  const stale = new ProblemError(
    403,
    'Forbidden',
    'Already decided the hr_review stage of this request',
    [],
    'not_allowed',
  );

  it("words a problem by its code, never by the backend's detail", () => {
    const { key } = problemMessage(stale, has(sv));
    expect(key).toBe('problem.code.not_allowed');
    expect(wordsOf(sv, key)).not.toContain('Already decided');
  });

  it('words a stale decision (the stage moved on) by its code', () => {
    const e = new ProblemError(409, 'Conflict', 'The hr_review stage is not open', [], 'stage_not_open');
    expect(problemMessage(e, has(sv)).key).toBe('problem.code.stage_not_open');
  });

  it('falls back to the words for the status when the problem has no known code', () => {
    expect(problemMessage(new ProblemError(404, 'Not Found', 'No request x'), has(sv)).key).toBe(
      'problem.404',
    );
  });

  it('falls back to a generic sentence naming the status when even the status has no words', () => {
    const odd = new ProblemError(418, "I'm a teapot", 'short and stout');
    expect(problemMessage(odd, has(sv))).toEqual({ key: 'problem.withStatus', values: { status: 418 } });
    expect(has(sv)('problem.withStatus') && has(en)('problem.withStatus')).toBe(true);
  });

  it('words an error that never reached the API as the network', () => {
    expect(problemMessage(new TypeError('Failed to fetch'), has(sv)).key).toBe('problem.0');
  });
});
