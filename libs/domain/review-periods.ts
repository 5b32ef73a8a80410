import { z } from 'zod';
import { addCalendarDays } from './calendar';
import { REQUEST_KINDS, type RequestKind } from './enums';
import { DomainError } from './errors';
import { isoDate, zodProblems } from './schema-parts';

export interface ReviewPeriod {
  id: string;
  kind: RequestKind;
  validFrom: string;
  validTo: string;
  decisionRef: string;
  decidedBy: string;
  decidedOn: string;
  extendsId: string | null;
}

const decisionRef = z.string().trim().min(1, 'must not be empty').max(100);

export const newPeriodSchema = z
  .object({
    kind: z.enum(REQUEST_KINDS),
    validFrom: isoDate,
    validTo: isoDate,
    decisionRef,
    decidedBy: z.string().trim().min(1, 'must not be empty').max(200),
    decidedOn: isoDate,
  })
  .strict();

export const extensionSchema = z.object({ validTo: isoDate, decisionRef, decidedOn: isoDate }).strict();

export type NewPeriod = z.infer<typeof newPeriodSchema>;
export type Extension = z.infer<typeof extensionSchema>;

function invalid(problems: { field: string; message: string }[]): never {
  throw new DomainError('validation_failed', 'The review period has invalid fields', problems);
}

export function parseNewPeriod(body: unknown): NewPeriod {
  const parsed = newPeriodSchema.safeParse(body);
  if (!parsed.success) invalid(zodProblems(parsed.error));
  if (parsed.data.validTo < parsed.data.validFrom)
    invalid([{ field: 'validTo', message: 'must not be before validFrom' }]);
  return parsed.data;
}

/** An extension starts the day after the period it extends ends, and keeps its kind and deciding body. */
export function planExtension(base: ReviewPeriod, body: unknown): NewPeriod & { extendsId: string } {
  const parsed = extensionSchema.safeParse(body);
  if (!parsed.success) invalid(zodProblems(parsed.error));
  const validFrom = addCalendarDays(base.validTo, 1);
  if (parsed.data.validTo < validFrom) {
    invalid([
      {
        field: 'validTo',
        message: `must be on or after ${validFrom}, the day after the extended period ends`,
      },
    ]);
  }
  return { kind: base.kind, validFrom, decidedBy: base.decidedBy, ...parsed.data, extendsId: base.id };
}

export function overlapping(
  periods: ReviewPeriod[],
  candidate: Pick<ReviewPeriod, 'kind' | 'validFrom' | 'validTo'>,
) {
  return periods.filter(
    (p) => p.kind === candidate.kind && p.validFrom <= candidate.validTo && candidate.validFrom <= p.validTo,
  );
}

/** A request is subject to special review when a period of its kind covers its submission date. */
export function periodCovering(
  periods: ReviewPeriod[],
  kind: RequestKind,
  date: string,
): ReviewPeriod | undefined {
  return periods.find((p) => p.kind === kind && p.validFrom <= date && date <= p.validTo);
}
