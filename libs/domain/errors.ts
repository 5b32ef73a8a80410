/**
 * Domain functions throw this with a machine code; the API's exception filter maps codes to HTTP statuses,
 * and workflow validators turn it into an ApplicationFailure whose type is the code.
 */
export const DOMAIN_ERROR_CODES = {
  validation_failed: 400,
  not_allowed: 403,
  not_found: 404,
  stage_not_open: 409,
  conflict: 409,
  invalid_state: 409,
  unprocessable: 422,
} as const;
export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;

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
