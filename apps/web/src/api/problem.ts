import type { Problem } from '@contracts/problem';

/** A field the API names in a problem (RFC 9457 problem details, libs/contracts/problem.ts). */
export type FieldProblem = NonNullable<Problem['errors']>[number];

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldProblem[] = [],
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
    body = await res.json();
  } catch {
    // A proxy or a crash may answer without a problem body; the status still says enough.
  }
  return new ProblemError(res.status, body.title ?? res.statusText, body.detail, body.errors ?? []);
}
