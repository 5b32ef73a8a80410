import { z } from 'zod';
import {
  CALL_OFF_ALTERNATIVES,
  CALL_OFF_REASONS,
  EMPLOYMENT_FORMS,
  HIRE_ALTERNATIVES,
  OCCUPATIONAL_CATEGORIES,
} from './enums';
import { DomainError, type FieldProblem } from './errors';
import { isoDate, zodProblems } from './schema-parts';

/** Whole kronor, as the board reports them; öre would be false precision. */
const kronor = z
  .number({ invalid_type_error: 'must be a number' })
  .int('must be whole kronor')
  .positive('must be more than 0')
  .max(1_000_000_000, 'is implausibly large');
const text = (max: number) =>
  z
    .string({ invalid_type_error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
const uniqueList = <T extends [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values), { invalid_type_error: 'must be a list' })
    .max(values.length)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a value');

const common = {
  unitId: z.string({ required_error: 'is required' }).uuid('must be a unit id (uuid)'),
  occupationalCategory: z.enum(OCCUPATIONAL_CATEGORIES),
  justification: text(4000),
};

export const hireInputSchema = z
  .object({
    kind: z.literal('hire'),
    ...common,
    title: text(200),
    employmentForm: z.enum(EMPLOYMENT_FORMS),
    fte: z
      .number({ invalid_type_error: 'must be a number' })
      .min(0.1, 'must be between 0.1 and 1.0')
      .max(1, 'must be between 0.1 and 1.0')
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, 'must have at most two decimals'),
    startDate: isoDate,
    endDate: isoDate.optional(),
    replacement: z.boolean({ invalid_type_error: 'must be true or false' }),
    withinBudget: z.boolean({ invalid_type_error: 'must be true or false' }),
    monthlyCostSek: kronor,
    alternativesTried: uniqueList([...HIRE_ALTERNATIVES]),
    consequenceIfRejected: text(4000),
    savingsNote: text(4000),
  })
  .strict();

export const callOffInputSchema = z
  .object({
    kind: z.literal('agency_call_off'),
    ...common,
    supplier: text(200),
    frameworkAgreement: text(200),
    periodFrom: isoDate,
    periodTo: isoDate,
    extentHours: z
      .number({ invalid_type_error: 'must be a number' })
      .positive('must be more than 0')
      .max(10_000, 'must be at most 10000 hours'),
    estimatedCostSek: kronor,
    reason: z.enum(CALL_OFF_REASONS),
    alternativesTried: uniqueList([...CALL_OFF_ALTERNATIVES]),
    urgent: z.boolean({ invalid_type_error: 'must be true or false' }).default(false),
  })
  .strict();

export const requestInputSchema = z.discriminatedUnion('kind', [hireInputSchema, callOffInputSchema], {
  errorMap: (issue, ctx) =>
    issue.code === 'invalid_union_discriminator'
      ? { message: 'must be hire or agency_call_off' }
      : { message: ctx.defaultError },
});

export type HireInput = z.infer<typeof hireInputSchema>;
export type CallOffInput = z.infer<typeof callOffInputSchema>;
export type RequestInput = z.infer<typeof requestInputSchema>;

/** Rules that span fields or need today's date; `today` is the Stockholm calendar date of submission. */
function crossFieldProblems(input: RequestInput, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.kind === 'hire') {
    if (input.employmentForm !== 'permanent' && !input.endDate) {
      problems.push({ field: 'endDate', message: 'is required unless the employment is permanent' });
    }
    if (input.employmentForm === 'permanent' && input.endDate) {
      problems.push({ field: 'endDate', message: 'must be left out for a permanent employment' });
    }
    if (input.endDate && input.endDate <= input.startDate) {
      problems.push({ field: 'endDate', message: 'must be after startDate' });
    }
  } else {
    if (input.periodTo < input.periodFrom) {
      problems.push({ field: 'periodTo', message: 'must not be before periodFrom' });
    }
    if (input.periodFrom < today) {
      problems.push({ field: 'periodFrom', message: `must not be in the past (today is ${today})` });
    }
  }
  return problems;
}

/** Parses a submitted request body or throws a DomainError naming every bad field. */
export function parseRequestInput(body: unknown, today: string): RequestInput {
  const parsed = requestInputSchema.safeParse(body);
  if (!parsed.success) {
    throw new DomainError('validation_failed', 'The request has invalid fields', zodProblems(parsed.error));
  }
  const problems = crossFieldProblems(parsed.data, today);
  if (problems.length > 0)
    throw new DomainError('validation_failed', 'The request has invalid fields', problems);
  return parsed.data;
}

/** The cost the statistics add up: monthly salary cost for a hire, the estimated total for a call-off. */
export function requestCostSek(input: RequestInput): number {
  return input.kind === 'hire' ? input.monthlyCostSek : input.estimatedCostSek;
}

/** A new permanent position is what policy sends to the executive. */
export function isNewPermanentPosition(input: RequestInput): boolean {
  return input.kind === 'hire' && input.employmentForm === 'permanent' && !input.replacement;
}

/** The fields whose values differ between two versions of a request, in a stable order (what a resubmission changed). */
export function changedFields(before: RequestInput, after: RequestInput): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const value = (input: RequestInput, field: string) =>
    JSON.stringify((input as Record<string, unknown>)[field]);
  return [...fields].filter((f) => value(before, f) !== value(after, f)).sort();
}
