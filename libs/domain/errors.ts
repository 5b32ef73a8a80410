/**
 * Domain functions throw this with a machine code; the API's exception filter maps codes to HTTP statuses, and
 * workflow validators refuse an update with an ApplicationFailure of the code's `failureType`, which the API
 * maps back to the code. One table for both, so a code cannot be known to one side and not the other.
 */
export const DOMAIN_ERROR_CODES = {
  validation_failed: { status: 400, failureType: 'InvalidDecision' },
  not_allowed: { status: 403, failureType: 'NotAllowed' },
  not_found: { status: 404 },
  stage_not_open: { status: 409, failureType: 'StageNotOpen' },
  conflict: { status: 409 },
  invalid_state: { status: 409, failureType: 'InvalidState' },
  unprocessable: { status: 422, failureType: 'Unprocessable' },
} as const satisfies Record<string, { status: number; failureType?: string }>;
export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;

/** The codes a workflow refuses updates with. Their failure types are in running histories: never rename one. */
export type RefusalCode = {
  [C in DomainErrorCode]: (typeof DOMAIN_ERROR_CODES)[C] extends { failureType: string } ? C : never;
}[DomainErrorCode];

export const httpStatusOf = (code: DomainErrorCode): number => DOMAIN_ERROR_CODES[code].status;

export const failureTypeOf = (code: RefusalCode): string => DOMAIN_ERROR_CODES[code].failureType;

/** The code of a workflow's refusal, from its ApplicationFailure type; undefined for any other failure. */
export function refusalCodeOf(failureType: string | undefined | null): RefusalCode | undefined {
  return (Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[]).find(
    (code): code is RefusalCode =>
      'failureType' in DOMAIN_ERROR_CODES[code] &&
      (DOMAIN_ERROR_CODES[code] as { failureType: string }).failureType === failureType,
  );
}

export interface FieldProblem {
  /** Dotted path of the offending field in the request body, e.g. `fte` or `alternativesTried.0`. */
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
