import type { Problem } from '@contracts/problem';
import { PROBLEM_CODES, type ProblemCode } from '@contracts/problem-codes';

/** A field the API names in a problem (RFC 9457 problem details, libs/contracts/problem.ts). */
export type FieldProblem = NonNullable<Problem['errors']>[number];

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldProblem[] = [],
    /** What kind of problem (a DomainError code or an HTTP one): what the user is told, in their language. */
    readonly code?: ProblemCode,
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }

  /** Field errors by field name; a field with several problems keeps the first. */
  byField(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) out[e.field] ??= e.message;
    return out;
  }
}

export async function toProblem(res: Response): Promise<ProblemError> {
  let body: Partial<Problem> = {};
  try {
    body = (await res.json()) as Partial<Problem>;
  } catch {
    // A proxy or a crash may answer without a problem body; the status still says enough.
  }
  // A code this build does not know (a newer API) is worded by its status instead.
  const code = PROBLEM_CODES.find((c) => c === body.code);
  return new ProblemError(res.status, body.title ?? res.statusText, body.detail, body.errors ?? [], code);
}
