import { z } from 'zod';
import { ROLES, type Role } from '@domain/enums';
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

const LEVEL = z.enum(['division', 'unit']);
const unitRow = z.object({
  id: z.string(),
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  level: LEVEL,
  budgetSek: bigintNumber.nullable(),
  staffCostSek: bigintNumber.nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
const grantRow = z.object({
  assignmentId: z.string(),
  role: z.enum(ROLES),
  scopeCode: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
const personRow = z.object({
  userId: z.string(),
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  roles: z.array(grantRow),
});
export type ImportUnitRow = z.output<typeof unitRow>;
export type ImportPersonRow = z.output<typeof personRow>;

const auditRow = z.object({
  id: z.string(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AdminAuditRow = z.output<typeof auditRow>;

export interface UnitValues {
  parentId: string | null;
  code: string;
  name: string;
  level: 'division' | 'unit';
  budgetSek: number | null;
  staffCostSek: number | null;
  validFrom: string | null;
  validTo: string | null;
}
export interface NewGrant {
  userId: string;
  role: Role;
  scopeUnitId: string | null;
  validFrom: string | null;
  validTo: string | null;
}
export interface AuditEntry {
  entity: 'org_unit' | 'user' | 'delegation' | 'review_period';
  entityId: string;
  /** `grant`, `end` (a role), `reactivate` and `unlink` (the identity) come from the admin pages. */
  action: 'create' | 'change' | 'close' | 'deactivate' | 'end' | 'grant' | 'reactivate' | 'unlink';
  before: unknown;
  after: unknown;
}

/**
 * What the organisation import reads and writes: the organisation as the import sees it (units by code, people by
 * employee id with their grants by scope code), the writes of one import in batches (2 000 people are 2 000 rows,
 * not 2 000 round trips), and `admin_audit_log`.
 */
export class OrgImportRepository {
  constructor(private readonly db: Queryable) {}

  /** Today on the Stockholm calendar, as the grants query counts it. */
  async today(): Promise<string> {
    const row = await first(
      this.db,
      z.object({ today: z.string() }),
      `SELECT (now() AT TIME ZONE 'Europe/Stockholm')::date::text AS today`,
    );
    return row!.today;
  }

  /**
   * Holds the organisation against other writers until the transaction ends: the plan is made from what this
   * transaction read, so a second import (or a seed) waits instead of interleaving. Readers (sign-in) go on.
   */
  async lock(): Promise<void> {
    await execute(this.db, `LOCK TABLE org_units, users, role_assignments IN EXCLUSIVE MODE`);
  }

  units(): Promise<ImportUnitRow[]> {
    return many(
      this.db,
      unitRow,
      `SELECT o.id, o.code, p.code AS "parentCode", o.name, o.level, o.budget_sek AS "budgetSek",
              o.staff_cost_sek AS "staffCostSek", o.valid_from::text AS "validFrom", o.valid_to::text AS "validTo"
         FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id ORDER BY o.code`,
    );
  }

  /** The people the import manages: users with an employee id (the demo's and hand-made users have none). */
  people(): Promise<ImportPersonRow[]> {
    return many(
      this.db,
      personRow,
      `SELECT u.id AS "userId", u.employee_id AS id, u.display_name AS name, u.email, u.active,
              COALESCE(json_agg(json_build_object('assignmentId', r.id, 'role', r.role, 'scopeCode', o.code,
                                                  'validFrom', r.valid_from::text, 'validTo', r.valid_to::text))
                         FILTER (WHERE r.id IS NOT NULL), '[]') AS roles
         FROM users u
         LEFT JOIN role_assignments r ON r.user_id = u.id
         LEFT JOIN org_units o ON o.id = r.scope_unit_id
        WHERE u.employee_id IS NOT NULL
        GROUP BY u.id ORDER BY u.employee_id`,
    );
  }

  /** Of `usernames`, those some user already has (a new person signs in by their id until linked). */
  async takenUsernames(usernames: string[]): Promise<string[]> {
    if (usernames.length === 0) return [];
    const rows = await many(
      this.db,
      z.object({ username: z.string() }),
      `SELECT username FROM users WHERE username = ANY($1::text[])`,
      [usernames],
    );
    return rows.map((r) => r.username);
  }

  /** New units in one statement; answers code → id. Parents must already exist (divisions go first). */
  async insertUnits(units: UnitValues[]): Promise<Map<string, string>> {
    if (units.length === 0) return new Map();
    const rows = await many(
      this.db,
      z.object({ id: z.string(), code: z.string() }),
      `INSERT INTO org_units (parent_id, code, name, level, budget_sek, staff_cost_sek, valid_from, valid_to)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::date[], $8::date[])
       RETURNING id, code`,
      columnsOf(units, [
        'parentId',
        'code',
        'name',
        'level',
        'budgetSek',
        'staffCostSek',
        'validFrom',
        'validTo',
      ]),
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  async updateUnit(id: string, unit: UnitValues): Promise<void> {
    await execute(
      this.db,
      `UPDATE org_units SET parent_id = $2, code = $3, name = $4, level = $5, budget_sek = $6, staff_cost_sek = $7,
              valid_from = $8, valid_to = $9 WHERE id = $1`,
      [
        id,
        unit.parentId,
        unit.code,
        unit.name,
        unit.level,
        unit.budgetSek,
        unit.staffCostSek,
        unit.validFrom,
        unit.validTo,
      ],
    );
  }

  /** New users in one statement, signing in by their employee id until an identity is linked; answers id → user id. */
  async insertUsers(people: { employeeId: string; displayName: string; email: string | null }[]) {
    if (people.length === 0) return new Map<string, string>();
    const rows = await many(
      this.db,
      z.object({ id: z.string(), employeeId: z.string() }),
      `INSERT INTO users (username, employee_id, display_name, email)
       SELECT e, e, d, m FROM unnest($1::text[], $2::text[], $3::text[]) AS t(e, d, m)
       RETURNING id, employee_id AS "employeeId"`,
      columnsOf(people, ['employeeId', 'displayName', 'email']),
    );
    return new Map(rows.map((r) => [r.employeeId, r.id]));
  }

  async updateUser(
    id: string,
    user: { displayName: string; email: string | null; active: boolean },
  ): Promise<void> {
    await execute(this.db, `UPDATE users SET display_name = $2, email = $3, active = $4 WHERE id = $1`, [
      id,
      user.displayName,
      user.email,
      user.active,
    ]);
  }

  /** New grants; one the person held before from the same day (and that has ended) is reopened to the new end. */
  async insertGrants(grants: NewGrant[]): Promise<void> {
    if (grants.length === 0) return;
    await execute(
      this.db,
      `INSERT INTO role_assignments (user_id, role, scope_unit_id, valid_from, valid_to)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::date[], $5::date[])
       ON CONFLICT (user_id, role, scope_unit_id, valid_from) DO UPDATE SET valid_to = EXCLUDED.valid_to`,
      columnsOf(grants, ['userId', 'role', 'scopeUnitId', 'validFrom', 'validTo']),
    );
  }

  /** A grant's period changed where it starts the same day: one row, so the unique index holds. */
  async setGrantEnd(assignmentId: string, validTo: string | null): Promise<void> {
    await execute(this.db, `UPDATE role_assignments SET valid_to = $2 WHERE id = $1`, [
      assignmentId,
      validTo,
    ]);
  }

  /**
   * Grants that end today: those that began before today keep their history and end yesterday (they no longer
   * count today); those that had not begun never held and are removed.
   */
  async endGrants(assignmentIds: string[], today: string): Promise<void> {
    if (assignmentIds.length === 0) return;
    await execute(
      this.db,
      `DELETE FROM role_assignments WHERE id = ANY($1::uuid[]) AND valid_from >= $2::date`,
      [assignmentIds, today],
    );
    await execute(
      this.db,
      `UPDATE role_assignments SET valid_to = $2::date - 1
        WHERE id = ANY($1::uuid[]) AND (valid_from IS NULL OR valid_from < $2::date)
          AND (valid_to IS NULL OR valid_to >= $2::date)`,
      [assignmentIds, today],
    );
  }

  async audit(actorId: string | null, entries: AuditEntry[]): Promise<void> {
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

  /** A page of the admin audit log, newest first. */
  auditPage(q: PageOf) {
    return many(
      this.db,
      auditRow.extend(windowTotal),
      `SELECT l.id, l.at, l.actor_id AS "actorId", a.display_name AS "actorName", l.entity,
              l.entity_id AS "entityId", l.action, l.before, l.after, ${TOTAL_COLUMN}
         FROM admin_audit_log l LEFT JOIN users a ON a.id = l.actor_id
        ORDER BY l.at DESC, l.id ${pageSql(q)}`,
    );
  }
}

/** Rows as one array per column, the shape `unnest` takes. */
function columnsOf<T, K extends keyof T>(rows: T[], keys: K[]): unknown[][] {
  return keys.map((k) => rows.map((r) => r[k] ?? null));
}
