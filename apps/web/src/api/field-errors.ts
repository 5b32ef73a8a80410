import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ProblemError } from './problem';

/**
 * Puts the API's field problems on the form's fields (`alternativesTried.0` is shown at `alternativesTried`).
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): boolean {
  if (!(error instanceof ProblemError) || error.errors.length === 0) return false;
  let placed = false;
  for (const problem of error.errors) {
    const field = fields.find((f) => problem.field === f || problem.field.startsWith(`${f}.`));
    if (field) {
      // The first bad field takes the focus, so the person sees what to fix however far down it is.
      setError(field as Path<T>, { type: 'server', message: problem.message }, { shouldFocus: !placed });
      placed = true;
    }
  }
  return placed;
}

/** Whether every problem of the error has a field on the form to be shown at. */
export function coversAllProblems(error: unknown, fields: readonly string[]): boolean {
  return (
    error instanceof ProblemError &&
    error.errors.length > 0 &&
    error.errors.every((e) => fields.some((f) => e.field === f || e.field.startsWith(`${f}.`)))
  );
}
