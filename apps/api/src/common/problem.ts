import { problemCodeForStatus, type Problem } from '@contracts/problem';

export type { Problem };

/** The statuses the API answers with, and their titles. */
export const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: extra.type ?? `https://provning.se/problems/${status}`,
    title: extra.title ?? TITLES[status] ?? 'Error',
    status,
    code: extra.code ?? problemCodeForStatus(status),
    ...(detail ? { detail } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}

/** Thrown by services for an HTTP outcome that is not a domain rule (e.g. 503 with Retry-After). */
export class ProblemException extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
  }
}

/** The engine took the call but did not confirm it in time: it may yet be recorded, so the retry must carry the key. */
export function reviewEngineUnconfirmed(seconds: number): ProblemException {
  return new ProblemException(
    problem(
      503,
      `The review engine has not confirmed this within ${seconds} s; it may still be recorded: try again with the same Idempotency-Key`,
    ),
    { 'Retry-After': '5' },
  );
}

/** Temporal could not be reached: nothing was decided, the client should come back shortly. */
export function reviewEngineUnavailable(): ProblemException {
  return new ProblemException(problem(503, 'The review engine is unavailable; try again shortly'), {
    'Retry-After': '5',
  });
}
