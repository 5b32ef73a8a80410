import { z } from 'zod';
import type { ActualValues, CostUnit } from '@domain/cost-actuals';
import { actualKey } from '@domain/cost-actuals';
import { bigintNumber, execute, many, type Queryable } from './rows';

const unitRow = z.object({
  id: z.string(),
  code: z.string(),
  level: z.enum(['division', 'unit']),
  parentCode: z.string().nullable(),
});
export type CostUnitRow = z.output<typeof unitRow> & CostUnit;

const actualRow = z.object({
  month: z.string(),
  code: z.string(),
  agencyCostSek: bigintNumber,
  ownStaffCostSek: bigintNumber,
});
const ledgerRow = z.object({
  month: z.string(),
  divisionId: z.string(),
  agencySek: bigintNumber,
  ownStaffSek: bigintNumber,
});
export type LedgerRow = z.output<typeof ledgerRow>;

const targetRow = z.object({
  id: z.string(),
  year: z.number().int(),
  divisionId: z.string().nullable(),
  divisionName: z.string().nullable(),
  agencyReductionSek: bigintNumber.nullable(),
  agencyShareCeiling: z.union([z.string(), z.number()]).transform(Number).nullable(),
  note: z.string(),
  setAt: z.date(),
  setByName: z.string().nullable(),
});
export type TargetRow = z.output<typeof targetRow>;

export interface NewActual {
  month: string;
  unitId: string;
  agencyCostSek: number;
  ownStaffCostSek: number;
}
export interface CostAuditEntry {
  entity: 'cost_actual' | 'cost_target';
  entityId: string;
  action: 'create' | 'change' | 'clear';
  before: unknown;
  after: unknown;
}

/** Actuals and targets: the ledger's figures as imported, the board's targets, and their audit entries. */
export class CostRepository {
  constructor(private readonly db: Queryable) {}

  /** Holds the actuals against another import from the read to the commit (readers go on). */
  async lock(): Promise<void> {
    await execute(this.db, `LOCK TABLE cost_actuals IN EXCLUSIVE MODE`);
  }

  /** Every division and unit, closed ones too: a closed unit's past months are still its own. */
  units(): Promise<CostUnitRow[]> {
    return many(
      this.db,
      unitRow,
      `SELECT o.id, o.code, o.level, p.code AS "parentCode"
         FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id`,
    );
  }

  /** What is booked for the months given (first of month), keyed by month and code. */
  async booked(months: string[]): Promise<Map<string, ActualValues>> {
    if (months.length === 0) return new Map();
    const rows = await many(
      this.db,
      actualRow,
      `SELECT a.month::text AS month, o.code, a.agency_cost_sek AS "agencyCostSek",
              a.own_staff_cost_sek AS "ownStaffCostSek"
         FROM cost_actuals a JOIN org_units o ON o.id = a.org_unit_id
        WHERE a.month = ANY($1::date[])`,
      [months],
    );
    return new Map(
      rows.map((r) => [
        actualKey(r.month, r.code),
        { agencyCostSek: r.agencyCostSek, ownStaffCostSek: r.ownStaffCostSek },
      ]),
    );
  }

  async upsert(rows: NewActual[], actorId: string | null): Promise<void> {
    if (rows.length === 0) return;
    await execute(
      this.db,
      `INSERT INTO cost_actuals (month, org_unit_id, agency_cost_sek, own_staff_cost_sek, imported_by)
       SELECT m, u, a, o, $5::uuid FROM unnest($1::date[], $2::uuid[], $3::bigint[], $4::bigint[]) AS t(m, u, a, o)
       ON CONFLICT (month, org_unit_id) DO UPDATE
          SET agency_cost_sek = EXCLUDED.agency_cost_sek, own_staff_cost_sek = EXCLUDED.own_staff_cost_sek,
              imported_by = EXCLUDED.imported_by, imported_at = now()`,
      [
        rows.map((r) => r.month),
        rows.map((r) => r.unitId),
        rows.map((r) => r.agencyCostSek),
        rows.map((r) => r.ownStaffCostSek),
        actorId,
      ],
    );
  }

  /**
   * Agency and own staff cost per month and division from `from` to `to` (first of month, inclusive): a division's
   * figure is its own rows plus its units' rows. Only the divisions given (all when undefined), or one unit's rows.
   */
  ledger(q: { from: string; to: string; divisionIds?: string[]; unitId?: string }): Promise<LedgerRow[]> {
    return many(
      this.db,
      ledgerRow,
      `SELECT to_char(a.month, 'YYYY-MM') AS month, COALESCE(o.parent_id, o.id) AS "divisionId",
              sum(a.agency_cost_sek)::text AS "agencySek", sum(a.own_staff_cost_sek)::text AS "ownStaffSek"
         FROM cost_actuals a JOIN org_units o ON o.id = a.org_unit_id
        WHERE a.month BETWEEN $1::date AND $2::date
          AND ($3::uuid[] IS NULL OR COALESCE(o.parent_id, o.id) = ANY($3::uuid[]))
          AND ($4::uuid IS NULL OR o.id = $4::uuid)
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [q.from, q.to, q.divisionIds ?? null, q.unitId ?? null],
    );
  }

  /** When the ledger figures of the months and divisions given were last imported (null: none booked). */
  async lastImportedAt(q: { from: string; to: string; divisionIds?: string[] }): Promise<Date | null> {
    const [row] = await this.db.query(
      `SELECT max(a.imported_at) AS at FROM cost_actuals a JOIN org_units o ON o.id = a.org_unit_id
        WHERE a.month BETWEEN $1::date AND $2::date
          AND ($3::uuid[] IS NULL OR COALESCE(o.parent_id, o.id) = ANY($3::uuid[]))`,
      [q.from, q.to, q.divisionIds ?? null],
    );
    return row?.at ? new Date(row.at) : null;
  }

  /** The targets of the years given, for the whole region (divisionId null) and the divisions given (all: undefined). */
  targets(q: { fromYear: number; toYear: number; divisionIds?: string[] }): Promise<TargetRow[]> {
    return many(
      this.db,
      targetRow,
      `SELECT t.id, t.year, t.division_id AS "divisionId", d.name AS "divisionName",
              t.agency_reduction_sek AS "agencyReductionSek", t.agency_share_ceiling AS "agencyShareCeiling",
              t.note, t.set_at AS "setAt", s.display_name AS "setByName"
         FROM cost_targets t LEFT JOIN org_units d ON d.id = t.division_id LEFT JOIN users s ON s.id = t.set_by
        WHERE t.year BETWEEN $1 AND $2
          AND ($3::uuid[] IS NULL OR t.division_id = ANY($3::uuid[]))
        ORDER BY t.year, t.division_id NULLS FIRST, d.name`,
      [q.fromYear, q.toYear, q.divisionIds ?? null],
    );
  }

  async target(year: number, divisionId: string | null): Promise<TargetRow | undefined> {
    const rows = await many(
      this.db,
      targetRow,
      `SELECT t.id, t.year, t.division_id AS "divisionId", d.name AS "divisionName",
              t.agency_reduction_sek AS "agencyReductionSek", t.agency_share_ceiling AS "agencyShareCeiling",
              t.note, t.set_at AS "setAt", s.display_name AS "setByName"
         FROM cost_targets t LEFT JOIN org_units d ON d.id = t.division_id LEFT JOIN users s ON s.id = t.set_by
        WHERE t.year = $1 AND t.division_id IS NOT DISTINCT FROM $2::uuid
        FOR UPDATE OF t`,
      [year, divisionId],
    );
    return rows[0];
  }

  async isDivision(id: string): Promise<boolean> {
    const rows = await many(
      this.db,
      z.object({ id: z.string() }),
      `SELECT id FROM org_units WHERE id = $1 AND level = 'division'`,
      [id],
    );
    return rows.length > 0;
  }

  /** Sets the year's target for the division (or the region), replacing the one it had. Answers its id. */
  async setTarget(
    t: {
      year: number;
      divisionId: string | null;
      agencyReductionSek: number | null;
      agencyShareCeiling: number | null;
      note: string;
    },
    actorId: string | null,
  ): Promise<string> {
    const rows = await many(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO cost_targets (year, division_id, agency_reduction_sek, agency_share_ceiling, note, set_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (year, COALESCE(division_id, '00000000-0000-0000-0000-000000000000'::uuid)) DO UPDATE
          SET agency_reduction_sek = EXCLUDED.agency_reduction_sek,
              agency_share_ceiling = EXCLUDED.agency_share_ceiling, note = EXCLUDED.note,
              set_by = EXCLUDED.set_by, set_at = now()
       RETURNING id`,
      [t.year, t.divisionId, t.agencyReductionSek, t.agencyShareCeiling, t.note, actorId],
    );
    return rows[0].id;
  }

  async clearTarget(id: string): Promise<void> {
    await execute(this.db, `DELETE FROM cost_targets WHERE id = $1`, [id]);
  }

  async audit(actorId: string | null, entries: CostAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await execute(
      this.db,
      `INSERT INTO admin_audit_log (actor_id, entity, entity_id, action, before, after)
       SELECT $1::uuid, e, i, a, b, f FROM unnest($2::text[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[]) AS t(e, i, a, b, f)`,
      [
        actorId,
        entries.map((e) => e.entity),
        entries.map((e) => e.entityId),
        entries.map((e) => e.action),
        entries.map((e) => (e.before === null ? null : JSON.stringify(e.before))),
        entries.map((e) => (e.after === null ? null : JSON.stringify(e.after))),
      ],
    );
  }
}
