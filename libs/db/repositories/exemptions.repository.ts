import { z } from 'zod';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS, type RequestKind } from '@domain/enums';
import type { NewExemption, Revocation } from '@domain/exemptions';
import {
  dateText,
  execute,
  first,
  many,
  pageSql,
  type PageOf,
  type Queryable,
  timestamp,
  TOTAL_COLUMN,
  windowTotal,
} from './rows';

/** Instants as ISO text, as the domain's Exemption has them (the JSON of a response is the same either way). */
const isoInstant = timestamp.transform((d) => d.toISOString());

const exemptionRow = z.object({
  id: z.string(),
  scopeUnitId: z.string(),
  kind: z.enum(REQUEST_KINDS),
  occupationalCategories: z.array(z.enum(OCCUPATIONAL_CATEGORIES)),
  validFrom: dateText,
  validTo: dateText,
  costCeilingSek: z.number().nullable(),
  reason: z.string(),
  decisionBody: z.string(),
  decisionRef: z.string(),
  decidedOn: dateText,
  recordedBy: z.string(),
  createdAt: isoInstant,
  revokedOn: dateText.nullable(),
  revokeReason: z.string().nullable(),
  revokedAt: isoInstant.nullable(),
  revokedBy: z.string().nullable(),
});
export type ExemptionRow = z.output<typeof exemptionRow>;

const COLUMNS = `e.id, e.scope_unit_id AS "scopeUnitId", e.kind, e.occupational_categories AS "occupationalCategories",
  e.valid_from::text AS "validFrom", e.valid_to::text AS "validTo", e.cost_ceiling_sek::float8 AS "costCeilingSek",
  e.reason, e.decision_body AS "decisionBody", e.decision_ref AS "decisionRef", e.decided_on::text AS "decidedOn",
  e.recorded_by AS "recordedBy", e.created_at AS "createdAt", e.revoked_on::text AS "revokedOn",
  e.revoke_reason AS "revokeReason", e.revoked_at AS "revokedAt", e.revoked_by AS "revokedBy"`;

/** Division of an org unit (a division is its own). */
const DIVISION_OF = `(SELECT COALESCE(o.parent_id, o.id) FROM org_units o WHERE o.id = e.scope_unit_id)`;

/** General exemptions from special review (`exemptions`). */
export class ExemptionsRepository {
  constructor(private readonly db: Queryable) {}

  /** A page of the exemptions within `divisions` (null: the whole region), latest first. */
  list(divisions: string[] | null, page: PageOf) {
    return many(
      this.db,
      exemptionRow.extend(windowTotal),
      `SELECT ${COLUMNS}, ${TOTAL_COLUMN} FROM exemptions e
        WHERE $1::uuid[] IS NULL OR ${DIVISION_OF} = ANY($1::uuid[])
        ORDER BY e.valid_from DESC, e.created_at DESC, e.id ${pageSql(page)}`,
      [divisions],
    );
  }

  byId(id: string) {
    return first(this.db, exemptionRow, `SELECT ${COLUMNS} FROM exemptions e WHERE e.id = $1`, [id]);
  }

  /** Inside a transaction: the exemption and its division, locked until the transaction ends. */
  lockedWithDivision(id: string) {
    return first(
      this.db,
      exemptionRow.extend({ divisionId: z.string() }),
      `SELECT ${COLUMNS}, ${DIVISION_OF} AS "divisionId" FROM exemptions e WHERE e.id = $1 FOR UPDATE`,
      [id],
    );
  }

  /** The active exemptions of `kind` for the unit or its division on `date`, oldest first. */
  activeOn(subject: { kind: RequestKind; unitId: string; divisionId: string; date: string }) {
    return many(
      this.db,
      exemptionRow,
      `SELECT ${COLUMNS} FROM exemptions e
        WHERE e.kind = $1 AND e.scope_unit_id IN ($2, $3) AND (e.revoked_on IS NULL OR e.revoked_on > $4)
          AND e.valid_from <= $4 AND e.valid_to >= $4
        ORDER BY e.created_at`,
      [subject.kind, subject.unitId, subject.divisionId, subject.date],
    );
  }

  /** Whether the exemption is gone or revoked (the lapse warnings stop then). */
  async isRevoked(id: string): Promise<boolean> {
    const row = await first(
      this.db,
      z.object({ revokedAt: timestamp.nullable() }),
      `SELECT revoked_at AS "revokedAt" FROM exemptions WHERE id = $1`,
      [id],
    );
    return !row || row.revokedAt !== null;
  }

  async insert(input: NewExemption, recordedBy: string): Promise<string> {
    const row = await first(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO exemptions (scope_unit_id, kind, occupational_categories, valid_from, valid_to, cost_ceiling_sek,
                               reason, decision_body, decision_ref, decided_on, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        input.scopeUnitId,
        input.kind,
        input.occupationalCategories,
        input.validFrom,
        input.validTo,
        input.costCeilingSek ?? null,
        input.reason,
        input.decisionBody,
        input.decisionRef,
        input.decidedOn,
        recordedBy,
      ],
    );
    return row!.id;
  }

  /** Ends the exemption from `revokedOn` (the first day it no longer covers), recording who and why. */
  revoke(id: string, revocation: Revocation, revokedBy: string) {
    return execute(
      this.db,
      `UPDATE exemptions SET revoked_at = now(), revoked_by = $2, revoked_on = $3, revoke_reason = $4 WHERE id = $1`,
      [id, revokedBy, revocation.revokedOn, revocation.reason],
    );
  }
}
