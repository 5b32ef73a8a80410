import { z } from 'zod';
import { bigintNumber, first, many, type Queryable } from './rows';

const idRow = z.object({ id: z.string() });

const LEVEL = z.enum(['division', 'unit']);

const placedUnitRow = z.object({
  id: z.string(),
  level: LEVEL,
  divisionId: z.string(),
  /** Whether the unit (and its division) is open on today's Stockholm date: a closed unit takes no new requests. */
  open: z.boolean(),
});
const orgUnitRow = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: LEVEL,
  code: z.string(),
  name: z.string(),
  budgetSek: bigintNumber.nullable(),
  staffCostSek: bigintNumber.nullable(),
});
export type OrgUnitRow = z.output<typeof orgUnitRow>;

const COLUMNS = `id, parent_id AS "parentId", level, code, name, budget_sek AS "budgetSek", staff_cost_sek AS "staffCostSek"`;

/** Divisions and units (`org_units`, one tree two levels deep). */
export class OrgUnitsRepository {
  constructor(private readonly db: Queryable) {}

  /** A division or unit with the division it belongs to (a division is its own). */
  placed(id: string) {
    return first(
      this.db,
      placedUnitRow,
      `SELECT o.id, o.level, COALESCE(o.parent_id, o.id) AS "divisionId",
              NOT EXISTS (SELECT 1 FROM org_units c
                           WHERE c.id IN (o.id, o.parent_id)
                             AND (c.valid_from > (now() AT TIME ZONE 'Europe/Stockholm')::date
                                  OR c.valid_to < (now() AT TIME ZONE 'Europe/Stockholm')::date)) AS open
         FROM org_units o WHERE o.id = $1`,
      [id],
    );
  }

  /** The division of a unit; undefined when `unitId` names no unit. */
  async divisionOfUnit(unitId: string): Promise<string | undefined> {
    const row = await first(
      this.db,
      z.object({ parentId: z.string() }),
      `SELECT parent_id AS "parentId" FROM org_units WHERE id = $1 AND level = 'unit'`,
      [unitId],
    );
    return row?.parentId;
  }

  /**
   * Whether the organisation is still empty, holding the table against other writers until the transaction ends:
   * a seed's check and its inserts are one decision, so two starters cannot both seed.
   */
  async lockIfEmpty(): Promise<boolean> {
    await this.db.query(`LOCK TABLE org_units IN EXCLUSIVE MODE`);
    const [{ count }] = await many(
      this.db,
      z.object({ count: z.number().int() }),
      `SELECT count(*)::int AS count FROM org_units`,
    );
    return count === 0;
  }

  /** A new division (no parent) or unit; answers its id. */
  async insert(unit: {
    parentId: string | null;
    level: z.infer<typeof LEVEL>;
    code: string;
    name: string;
    budgetSek?: number | null;
    staffCostSek?: number | null;
  }): Promise<string> {
    const [row] = await many(
      this.db,
      idRow,
      `INSERT INTO org_units (parent_id, level, code, name, budget_sek, staff_cost_sek)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [unit.parentId, unit.level, unit.code, unit.name, unit.budgetSek ?? null, unit.staffCostSek ?? null],
    );
    return row.id;
  }

  /** Every division and unit, in the order given (PostgreSQL's collation, as the lists have always sorted). */
  all(order: 'code' | 'name'): Promise<OrgUnitRow[]> {
    return many(
      this.db,
      orgUnitRow,
      `SELECT ${COLUMNS} FROM org_units ORDER BY ${order === 'code' ? 'code' : 'name'}`,
    );
  }
}
