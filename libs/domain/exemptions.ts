import { z } from 'zod';
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
    costCeilingSek: z.number().int('must be whole kronor').positive('must be more than 0').optional(),
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
  return parsed.data;
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
