import { z } from 'zod';
import { addCalendarDays } from './calendar';
import type { Actor } from './decision-rules';
import {
  OCCUPATIONAL_CATEGORIES,
  REQUEST_KINDS,
  type OccupationalCategory,
  type RequestKind,
  type Role,
} from './enums';
import { DomainError } from './errors';
import type { ReviewPeriod } from './review-periods';
import { isoDate, zodProblems } from './schema-parts';

/**
 * A general exemption (generellt undantag) from special review: a decision of the board or the regiondirektör that
 * takes a defined set of requests out of review. Not a *dispens*: in the board papers that is what an approved
 * request is.
 */
export interface Exemption {
  id: string;
  scopeUnitId: string;
  kind: RequestKind;
  /** Empty: every occupational category. */
  occupationalCategories: OccupationalCategory[];
  validFrom: string;
  validTo: string;
  /**
   * Null only on exemptions recorded before a ceiling was required (migration 1764140000000): they are incomplete
   * and cover nothing, so a request is never let through unreviewed at an unbounded cost.
   */
  costCeilingSek: number | null;
  reason: string;
  /** Who decided: the board (e.g. "Hälso- och sjukvårdsnämnden") or the regiondirektör. */
  decisionBody: string;
  decisionRef: string;
  decidedOn: string;
  /** The first day it no longer covers requests; null while not revoked. */
  revokedOn: string | null;
}

/**
 * Who may record an exemption, and so revoke one: the executive, who grants it on their own or the board's
 * decision, and the admin, who records a decision taken elsewhere. Both record the decision behind it (body,
 * reference, date); a director neither grants nor revokes, since the board ordered review of "samtliga avrop".
 */
export const EXEMPTION_RECORDING_ROLES = ['executive', 'admin'] as const satisfies readonly Role[];

export const mayRecordExemption = (actor: Actor) =>
  actor.grants.some((g) => (EXEMPTION_RECORDING_ROLES as readonly Role[]).includes(g.role));

const required = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const newExemptionSchema = z
  .object({
    scopeUnitId: z.string().uuid('must be a division or unit id (uuid)'),
    kind: z.enum(REQUEST_KINDS),
    occupationalCategories: z
      .array(z.enum(OCCUPATIONAL_CATEGORIES))
      .max(OCCUPATIONAL_CATEGORIES.length)
      .refine((l) => new Set(l).size === l.length, 'must not repeat a value')
      .default([]),
    validFrom: isoDate,
    validTo: isoDate,
    // Required: an exemption without a ceiling would let any cost through unreviewed.
    costCeilingSek: z.number().int('must be whole kronor').positive('must be more than 0'),
    reason: required(4000),
    decisionBody: required(200),
    decisionRef: required(100),
    decidedOn: isoDate,
  })
  .strict();

export type NewExemption = z.infer<typeof newExemptionSchema>;

export const revocationSchema = z.object({ reason: required(4000), revokedOn: isoDate }).strict();
export type Revocation = z.infer<typeof revocationSchema>;

function invalid(problems: { field: string; message: string }[]): never {
  throw new DomainError('validation_failed', 'The exemption has invalid fields', problems);
}

/**
 * The last day of the review regime in force for `kind` on `date`: the period covering that day, followed through
 * the extensions recorded on it (an extension continues the same regime by decision). Undefined when no period is
 * in force that day: there is no review to be exempted from.
 */
export function regimeEnd(periods: ReviewPeriod[], kind: RequestKind, date: string): string | undefined {
  const ofKind = periods.filter((p) => p.kind === kind);
  let current = ofKind.find((p) => p.validFrom <= date && date <= p.validTo);
  if (!current) return undefined;
  const seen = new Set<string>();
  for (;;) {
    seen.add(current.id);
    const next = ofKind.find((p) => p.extendsId === current!.id && !seen.has(p.id));
    if (!next) return current.validTo;
    current = next;
  }
}

/**
 * Parses a new exemption against the periods of its kind and today's (Stockholm) date: the decision is already
 * taken (decidedOn not after today), the exemption does not start before it was decided, and it ends no later than
 * the review regime in force on its first day.
 */
export function parseNewExemption(body: unknown, periods: ReviewPeriod[], today: string): NewExemption {
  const parsed = newExemptionSchema.safeParse(body);
  if (!parsed.success) invalid(zodProblems(parsed.error));
  const e = parsed.data;
  const problems: { field: string; message: string }[] = [];
  if (e.decidedOn > today) problems.push({ field: 'decidedOn', message: 'must not be after today' });
  if (e.validFrom < e.decidedOn)
    problems.push({ field: 'validFrom', message: 'must not be before decidedOn' });
  if (e.validTo < e.validFrom) problems.push({ field: 'validTo', message: 'must not be before validFrom' });
  const end = regimeEnd(periods, e.kind, e.validFrom);
  if (end === undefined) {
    problems.push({
      field: 'validFrom',
      message: `no review period of kind ${e.kind} is in force on this day`,
    });
  } else if (e.validTo > end) {
    problems.push({ field: 'validTo', message: `must be on or before ${end}, when the review period ends` });
  }
  if (problems.length > 0) invalid(problems);
  return e;
}

/**
 * Parses a revocation: it ends the exemption from `revokedOn` (the first day it no longer covers), which is today
 * or later (requests already recorded as exempted stay so) and no later than the day after it would end anyway.
 */
export function parseRevocation(
  body: unknown,
  exemption: Pick<Exemption, 'validTo' | 'revokedOn'>,
  today: string,
): Revocation {
  if (exemption.revokedOn !== null) throw new DomainError('conflict', 'The exemption is already revoked');
  const parsed = revocationSchema.safeParse(body);
  if (!parsed.success) invalid(zodProblems(parsed.error));
  const last = addCalendarDays(exemption.validTo, 1);
  if (parsed.data.revokedOn < today) invalid([{ field: 'revokedOn', message: 'must not be before today' }]);
  if (parsed.data.revokedOn > last) {
    invalid([{ field: 'revokedOn', message: `must be on or before ${last}: the exemption ends anyway` }]);
  }
  return parsed.data;
}

export const EXEMPTION_STATUSES = ['incomplete', 'upcoming', 'active', 'revoked', 'ended'] as const;
export type ExemptionStatus = (typeof EXEMPTION_STATUSES)[number];

/** What the list shows: incomplete (no ceiling: covers nothing), upcoming, active, revoked, or ended on `today`. */
export function exemptionStatus(
  e: Pick<Exemption, 'costCeilingSek' | 'validFrom' | 'validTo' | 'revokedOn'>,
  today: string,
): ExemptionStatus {
  if (e.revokedOn !== null && e.revokedOn <= today) return 'revoked';
  if (e.costCeilingSek === null) return 'incomplete';
  if (today < e.validFrom) return 'upcoming';
  if (today > e.validTo) return 'ended';
  return 'active';
}

export interface ExemptionSubject {
  kind: RequestKind;
  unitId: string;
  divisionId: string;
  occupationalCategory: OccupationalCategory;
  costSek: number;
  /** Stockholm calendar date of submission. */
  date: string;
}

/** Does this exemption cover the request on its submission date? */
export function exemptionCovers(exemption: Exemption, request: ExemptionSubject): boolean {
  return (
    (exemption.revokedOn === null || request.date < exemption.revokedOn) &&
    exemption.kind === request.kind &&
    (exemption.scopeUnitId === request.unitId || exemption.scopeUnitId === request.divisionId) &&
    (exemption.occupationalCategories.length === 0 ||
      exemption.occupationalCategories.includes(request.occupationalCategory)) &&
    exemption.validFrom <= request.date &&
    request.date <= exemption.validTo &&
    exemption.costCeilingSek !== null &&
    request.costSek <= exemption.costCeilingSek
  );
}
