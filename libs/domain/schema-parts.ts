import { z } from 'zod';
import type { FieldProblem } from './errors';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y); // Date.UTC maps years 0–99 onto 1900–1999
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A calendar date 'YYYY-MM-DD' that exists: one message per bad value, never two. */
export const isoDate = z
  .string({ invalid_type_error: 'must be a date YYYY-MM-DD' })
  .superRefine((value, ctx) => {
    if (!DATE_PATTERN.test(value))
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a date YYYY-MM-DD' });
    else if (!isRealDate(value))
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is not a calendar date' });
  });

/** zod's issues as field problems, each naming its field (unknown fields one by one). */
export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const field = issue.path.join('.') || '(body)';
    if (issue.code === 'unrecognized_keys') {
      const prefix = issue.path.length ? `${issue.path.join('.')}.` : '';
      return issue.keys.map((key) => ({
        field: key === '' ? `${prefix}(empty field name)` : `${prefix}${key}`,
        message: 'is not a known field',
      }));
    }
    if (issue.code === 'invalid_type' && issue.received === 'undefined')
      return [{ field, message: 'is required' }];
    return [{ field, message: issue.message }];
  });
}
