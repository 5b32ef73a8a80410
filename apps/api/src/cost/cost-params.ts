import { z } from 'zod';
import { addMonths, MAX_ACTUALS_YEARS } from '@domain/cost-progress';

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM')
  .refine((m) => m >= '2000-01' && m <= '2100-12', 'must be from 2000-01 to 2100-12');

/** The actuals statistics' query; `to` defaults to this month and `from` to eleven months before `to`. */
export const actualsParams = z
  .object({
    from: month.optional(),
    to: month.optional(),
    divisionId: z.string().uuid().optional(),
    unitId: z.string().uuid().optional(),
  })
  .strict();
export const actualsQuery = actualsParams
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] })
  .refine((q) => !q.from || !q.to || q.from > addMonths(q.to, -12 * MAX_ACTUALS_YEARS), {
    message: `must be less than ${MAX_ACTUALS_YEARS} years after from`,
    path: ['to'],
  });

export const targetsQuery = z
  .object({
    year: z.coerce
      .number()
      .int()
      .min(2000)
      .max(2100)
      .optional()
      .describe('Only this year; all years without it'),
  })
  .strict();
