import { z } from 'zod';
import { addCalendarMonths } from './calendar';
import type { Actor } from './decision-rules';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS, type OccupationalCategory, type RequestKind } from './enums';
import { DomainError } from './errors';
import { isoDate, zodProblems } from './schema-parts';

/** A standing exemption (dispens) from special review, granted by a director or the executive. */
export interface Exemption {
  id: string;
  scopeUnitId: string;
  kind: RequestKind;
  /** Empty: every occupational category. */
  occupationalCategories: OccupationalCategory[];
  validFrom: string;
  validTo: string;
  /** Null only on exemptions granted before a ceiling was required: they cover any cost. */
  costCeilingSek: number | null;
  reason: string;
  decisionRef: string;
  revokedAt: string | null;
}

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
    reason: z.string().trim().min(1, 'must not be empty').max(4000),
    decisionRef: z.string().trim().min(1, 'must not be empty').max(100),
  })
  .strict();

export type NewExemption = z.infer<typeof newExemptionSchema>;

export function parseNewExemption(body: unknown): NewExemption {
  const parsed = newExemptionSchema.safeParse(body);
  if (!parsed.success) {
    throw new DomainError('validation_failed', 'The exemption has invalid fields', zodProblems(parsed.error));
  }
  if (parsed.data.validTo < parsed.data.validFrom) {
    throw new DomainError('validation_failed', 'The exemption has invalid fields', [
      { field: 'validTo', message: 'must not be before validFrom' },
    ]);
  }
  if (parsed.data.validTo > addCalendarMonths(parsed.data.validFrom, EXEMPTION_MAX_MONTHS)) {
    throw new DomainError('validation_failed', 'The exemption has invalid fields', [
      { field: 'validTo', message: `must be at most ${EXEMPTION_MAX_MONTHS} months after validFrom` },
    ]);
  }
  return parsed.data;
}

/** The longest an exemption may run: a standing exception is decided again at least once a year. */
export const EXEMPTION_MAX_MONTHS = 12;

const holdsRegionAuthority = (actor: Actor) =>
  actor.grants.some((g) => g.role === 'executive' || g.role === 'admin');

/**
 * Who may revoke an exemption (within the divisions they may see, which the caller checks): the executive and
 * the admin any; a director only one a director granted, never one the executive or admin granted, since the
 * lower level cannot undo the higher's decision. A granter who is no longer known counts as the higher level.
 */
export function assertMayRevokeExemption(revoker: Actor, grantedBy: Actor | null): void {
  if (holdsRegionAuthority(revoker)) return;
  if (grantedBy === null || holdsRegionAuthority(grantedBy)) {
    throw new DomainError(
      'not_allowed',
      'An exemption the executive granted can be revoked only by the executive or the admin',
    );
  }
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
    exemption.revokedAt === null &&
    exemption.kind === request.kind &&
    (exemption.scopeUnitId === request.unitId || exemption.scopeUnitId === request.divisionId) &&
    (exemption.occupationalCategories.length === 0 ||
      exemption.occupationalCategories.includes(request.occupationalCategory)) &&
    exemption.validFrom <= request.date &&
    request.date <= exemption.validTo &&
    (exemption.costCeilingSek === null || request.costSek <= exemption.costCeilingSek)
  );
}
