import { z } from 'zod';
import { OPEN_STATUSES } from '@domain/review-state';
import { validOn } from './period-validity';
import {
  bigintNumber,
  execute,
  first,
  many,
  pageSql,
  type PageOf,
  type Queryable,
  TOTAL_COLUMN,
  windowTotal,
} from './rows';

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
  /** Open on today's Stockholm date (the unit itself; a closed division's units are closed with it). */
  open: z.boolean(),
});
export type OrgUnitRow = z.output<typeof orgUnitRow>;

/** A division or unit as the admin page lists it: the whole row, its parent's code and name, and what hangs on it. */
const adminUnitRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: LEVEL,
  parentId: z.string().nullable(),
  parentCode: z.string().nullable(),
  parentName: z.string().nullable(),
  budgetSek: bigintNumber.nullable(),
  staffCostSek: bigintNumber.nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  open: z.boolean(),
  openRequests: z.number().int(),
  people: z.number().int(),
});
export type AdminUnitRow = z.output<typeof adminUnitRow>;
export type OrgUnitStatus = 'open' | 'closed' | 'all';

/** Open on today's Stockholm date (the rule `placed` applies to the unit itself). */
const OPEN_TODAY = (a: string) => `(${validOn(a)})`;

/** The admin row's columns; $1 is the open request statuses. */
const ADMIN_SELECT = `SELECT o.id, o.code, o.name, o.level, o.parent_id AS "parentId", p.code AS "parentCode",
       p.name AS "parentName", o.budget_sek AS "budgetSek", o.staff_cost_sek AS "staffCostSek",
       o.valid_from::text AS "validFrom", o.valid_to::text AS "validTo", ${OPEN_TODAY('o')} AS open,
       (SELECT count(*)::int FROM requests r
         WHERE (r.unit_id = o.id OR r.division_id = o.id) AND r.status = ANY($1::text[])) AS "openRequests",
       (SELECT count(DISTINCT g.user_id)::int FROM role_assignments g
         WHERE g.scope_unit_id IN (SELECT c.id FROM org_units c WHERE c.id = o.id OR c.parent_id = o.id)
           AND ${validOn('g')}) AS people`;
const ADMIN_FROM = `FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id`;

const COLUMNS = `id, parent_id AS "parentId", level, code, name, budget_sek AS "budgetSek", staff_cost_sek AS "staffCostSek",
       ${OPEN_TODAY('org_units')} AS open`;

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
                           WHERE c.id IN (o.id, o.parent_id) AND NOT ${OPEN_TODAY('c')}) AS open
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
    await this.lockForWriting();
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

  /**
   * A page of the divisions and units for the admin page, each division followed by its units, with the requests
   * still under review there and the people holding a role there today (a division's counts include its units').
   * `q` searches code and name; `status` is whether the unit itself is open today.
   */
  adminPage(filter: { q?: string; status: OrgUnitStatus }, at: PageOf) {
    const where: string[] = [];
    const params: unknown[] = [[...OPEN_STATUSES]];
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(o.code ILIKE $${params.length} OR o.name ILIKE $${params.length})`);
    }
    if (filter.status !== 'all') where.push(`${filter.status === 'open' ? '' : 'NOT '}${OPEN_TODAY('o')}`);
    return many(
      this.db,
      adminUnitRow.extend(windowTotal),
      `${ADMIN_SELECT}, ${TOTAL_COLUMN} ${ADMIN_FROM}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY COALESCE(p.code, o.code), o.level = 'unit', o.code ${pageSql(at)}`,
      params,
    );
  }

  /** One division or unit as `adminPage` lists it. */
  adminById(id: string): Promise<AdminUnitRow | undefined> {
    return first(this.db, adminUnitRow, `${ADMIN_SELECT} ${ADMIN_FROM} WHERE o.id = $2`, [
      [...OPEN_STATUSES],
      id,
    ]);
  }

  /**
   * Holds the organisation against other writers (the import, another admin) until the transaction ends, so the
   * tree a change was checked against is the tree it lands in. Readers go on.
   */
  async lockForWriting(): Promise<void> {
    await execute(this.db, `LOCK TABLE org_units IN EXCLUSIVE MODE`);
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
