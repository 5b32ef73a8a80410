import { ProblemError } from '../api/problem';

/** The words for every problem code, in one place for both languages (checked against PROBLEM_CODES). */
export const problemCodeKey = (code: string) => `problem.code.${code}`;

/**
 * What the user is told about an error, as a translation key and its values: the problem's code in their language,
 * else words for its status, else a generic sentence naming the status. The API's `detail` is English written for
 * developers and is never shown.
 */
export function problemMessage(
  error: unknown,
  has: (key: string) => boolean,
): { key: string; values?: Record<string, unknown> } {
  if (!(error instanceof ProblemError)) return { key: 'problem.0' };
  if (error.code && has(problemCodeKey(error.code))) return { key: problemCodeKey(error.code) };
  if (has(`problem.${error.status}`)) return { key: `problem.${error.status}` };
  return { key: 'problem.withStatus', values: { status: error.status } };
}
