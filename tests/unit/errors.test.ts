import {
  DOMAIN_ERROR_CODES,
  failureTypeOf,
  httpStatusOf,
  refusalCodeOf,
  type DomainErrorCode,
  type RefusalCode,
} from '@domain/errors';

const codes = Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[];
const refusals = codes.filter((c): c is RefusalCode => 'failureType' in DOMAIN_ERROR_CODES[c]);

describe('domain error codes', () => {
  it('maps each code to its HTTP status', () => {
    expect(Object.fromEntries(codes.map((c) => [c, httpStatusOf(c)]))).toEqual({
      validation_failed: 400,
      not_allowed: 403,
      not_found: 404,
      stage_not_open: 409,
      conflict: 409,
      invalid_state: 409,
      unprocessable: 422,
    });
  });

  it('keeps the failure types that running workflows refuse updates with', () => {
    expect(Object.fromEntries(refusals.map((c) => [c, failureTypeOf(c)]))).toEqual({
      validation_failed: 'InvalidDecision',
      not_allowed: 'NotAllowed',
      stage_not_open: 'StageNotOpen',
      invalid_state: 'InvalidState',
      unprocessable: 'Unprocessable',
    });
  });

  it('reads a refusal back to its code, and nothing else as one', () => {
    for (const code of refusals) expect(refusalCodeOf(failureTypeOf(code))).toBe(code);
    expect(refusalCodeOf('ActivityFailure')).toBeUndefined();
    expect(refusalCodeOf(undefined)).toBeUndefined();
    expect(refusalCodeOf('not_found')).toBeUndefined();
  });
});
