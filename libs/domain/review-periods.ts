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

/** A decision that sets a period's last day: an extension's (the new period's end) or an early end's. */
const periodEndDecisionSchema = z.object({ validTo: isoDate, decisionRef, decidedOn: isoDate }).strict();
export const extensionSchema = periodEndDecisionSchema;

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

/** Ending a period early by a decision: its new last day, and the decision's reference and date. */
export const earlyEndSchema = periodEndDecisionSchema;
export type EarlyEnd = z.infer<typeof earlyEndSchema>;

/** A correction of a mistyped period: any of its dates and decision fields, at least one. */
export const periodCorrectionSchema = z
  .object({
    validFrom: isoDate,
    validTo: isoDate,
    decisionRef,
    decidedBy: z.string().trim().min(1, 'must not be empty').max(200),
    decidedOn: isoDate,
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'must change at least one field' });
export type PeriodCorrection = z.infer<typeof periodCorrectionSchema>;

/** The first and last submission dates of the requests reviewed under a period; null when none are. */
export type SubmissionSpan = { first: string; last: string } | null;

/**
 * Ending `period` early on `validTo` (its new last day) by a decision, on `today`. The end may not be in the past
 * (requests submitted up to today were reviewed under the period, and stay so), must shorten the period, and a
 * period already extended cannot end early: its extension starts the day after it ends, so end the extension.
 */
export function planEarlyEnd(
  period: ReviewPeriod,
  body: unknown,
  ctx: { today: string; extended: boolean },
): EarlyEnd {
  const parsed = earlyEndSchema.safeParse(body);
  if (!parsed.success) invalid(zodProblems(parsed.error));
  const end = parsed.data;
  if (ctx.extended)
    throw new DomainError('conflict', 'The period has been extended; end its extension instead', [
      { field: 'validTo', message: 'the period has an extension starting the day after it ends' },
    ]);
  if (end.validTo < ctx.today)
    invalid([{ field: 'validTo', message: `must not be before today (${ctx.today})` }]);
  if (end.validTo < period.validFrom)
    invalid([{ field: 'validTo', message: `must not be before the period starts (${period.validFrom})` }]);
  if (end.validTo >= period.validTo)
    invalid([{ field: 'validTo', message: `must be before the period's current end (${period.validTo})` }]);
  if (end.decidedOn > ctx.today)
    invalid([{ field: 'decidedOn', message: `must not be after today (${ctx.today})` }]);
  return end;
}

/**
 * A corrected `period`: the fields changed by `body`, checked against the period's neighbours and the requests
 * reviewed under it. Refused (conflict, naming the field) when a request submitted under the period would no
 * longer be covered, when it would overlap another period of its kind, or when it would break an extension's
 * chain (an extension starts the day after the period it extends ends).
 */
export function planCorrection(
  period: ReviewPeriod,
  body: unknown,
  ctx: { others: ReviewPeriod[]; submitted: SubmissionSpan },
): ReviewPeriod {
  const parsed = periodCorrectionSchema.safeParse(body);
  if (!parsed.success) invalid(zodProblems(parsed.error));
  const next = { ...period, ...parsed.data };
  if (next.validTo < next.validFrom) invalid([{ field: 'validTo', message: 'must not be before validFrom' }]);
  const conflict = (field: string, message: string): never => {
    throw new DomainError('conflict', `The correction ${message}`, [{ field, message }]);
  };
  const { submitted } = ctx;
  if (submitted && next.validFrom > submitted.first)
    conflict('validFrom', `would leave a request submitted on ${submitted.first} outside the period`);
  if (submitted && next.validTo < submitted.last)
    conflict('validTo', `would leave a request submitted on ${submitted.last} outside the period`);
  const base = period.extendsId ? ctx.others.find((p) => p.id === period.extendsId) : undefined;
  if (base && next.validFrom !== addCalendarDays(base.validTo, 1))
    conflict('validFrom', `would not start the day after the extended period ends (${base.validTo})`);
  const extension = ctx.others.find((p) => p.extendsId === period.id);
  if (extension && next.validTo !== addCalendarDays(extension.validFrom, -1))
    conflict('validTo', `would not end the day before its extension starts (${extension.validFrom})`);
  const clash = overlapping(
    ctx.others.filter((p) => p.id !== period.id),
    next,
  );
  if (clash.length > 0)
    conflict(
      next.validFrom < period.validFrom ? 'validFrom' : 'validTo',
      `would overlap the period ${clash[0].validFrom}–${clash[0].validTo} (${clash[0].decisionRef})`,
    );
  return next;
}

export interface PeriodGap {
  kind: RequestKind;
  /** The first and last day no period of the kind covers, between two periods. */
  from: string;
  to: string;
  /** The periods before and after the gap. */
  afterId: string;
  beforeId: string;
}

/** The days left uncovered between consecutive periods of one kind: a regime that lapses and restarts. */
export function periodGaps(periods: readonly Pick<ReviewPeriod, 'id' | 'kind' | 'validFrom' | 'validTo'>[]) {
  const gaps: PeriodGap[] = [];
  for (const kind of REQUEST_KINDS) {
    const ofKind = periods
      .filter((p) => p.kind === kind)
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    for (let i = 1; i < ofKind.length; i++) {
      const from = addCalendarDays(ofKind[i - 1].validTo, 1);
      const to = addCalendarDays(ofKind[i].validFrom, -1);
      if (from <= to) gaps.push({ kind, from, to, afterId: ofKind[i - 1].id, beforeId: ofKind[i].id });
    }
  }
  return gaps;
}
