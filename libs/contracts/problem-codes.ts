// Without zod, so that the web app's first page can word problems without loading the schemas.
import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '@domain/errors';

/**
 * The problems that are not a domain rule's, by the status they answer with: the web app words each of these and
 * each DomainError code in the user's language, and never shows `detail` (the API's English) to a user.
 */
export const HTTP_PROBLEM_CODES = {
  unauthenticated: 401,
  method_not_allowed: 405,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, number>;
export type HttpProblemCode = keyof typeof HTTP_PROBLEM_CODES;
export type ProblemCode = DomainErrorCode | HttpProblemCode;

/** Every code a problem can carry: the one list the web app's words are checked against. */
export const PROBLEM_CODES = [
  ...(Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[]),
  ...(Object.keys(HTTP_PROBLEM_CODES) as HttpProblemCode[]),
] as [ProblemCode, ...ProblemCode[]];

/** The code of a problem raised by status alone (no domain rule named it): the first code with that status. */
export function problemCodeForStatus(status: number): ProblemCode {
  const domain = (Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[]).find(
    (c) => DOMAIN_ERROR_CODES[c].status === status,
  );
  if (domain) return domain;
  const http = (Object.keys(HTTP_PROBLEM_CODES) as HttpProblemCode[]).find(
    (c) => HTTP_PROBLEM_CODES[c] === status,
  );
  if (http) return http;
  return status >= 500 ? 'internal' : 'validation_failed';
}
