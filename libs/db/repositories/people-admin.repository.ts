import { z } from 'zod';
import { ROLES, type Role } from '@domain/enums';
import { STOCKHOLM_TODAY, validOn } from './period-validity';
import {
  execute,
  first,
  many,
  pageSql,
  type PageOf,
  type Queryable,
  TOTAL_COLUMN,
  updated,
  windowTotal,
} from './rows';

const assignmentRow = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  scopeUnitId: z.string().nullable(),
  scopeUnitCode: z.string().nullable(),
  scopeUnitName: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  inForce: z.boolean(),
});
const personRow = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  employeeId: z.string().nullable(),
  active: z.boolean(),
  externalIssuer: z.string().nullable(),
  externalSubject: z.string().nullable(),
  createdAt: z.date(),
  roles: z.array(assignmentRow),
});
export type AdminPersonRow = z.output<typeof personRow>;
export type AdminAssignmentRow = z.output<typeof assignmentRow>;

export interface PeopleFilter {
  /** Part of the name, username, e-mail or employee id, without case. */
  q?: string;
  /** People holding this role now or later (an ended grant is history, not a filter match). */
  role?: Role;
  /** People with a grant over this unit, or over this division or one of its units. */
  scopeUnitId?: string;
  active: 'true' | 'false' | 'all';
  /** Whether an identity provider's identity is linked. */
  linked?: boolean;
}

const PERSON_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.email, u.employee_id AS "employeeId", u.active,
  u.external_issuer AS "externalIssuer", u.external_subject AS "externalSubject", u.created_at AS "createdAt",
  COALESCE((SELECT json_agg(json_build_object(
             'id', r.id, 'role', r.role, 'scopeUnitId', r.scope_unit_id, 'scopeUnitCode', o.code,
             'scopeUnitName', o.name, 'validFrom', r.valid_from::text, 'validTo', r.valid_to::text,
             'inForce', (${validOn('r')}))
             ORDER BY (r.valid_to IS NOT NULL AND r.valid_to < ${STOCKHOLM_TODAY}), r.role, o.code NULLS FIRST, r.valid_from)
              FROM role_assignments r LEFT JOIN org_units o ON o.id = r.scope_unit_id
             WHERE r.user_id = u.id), '[]') AS roles`;

/** `%`, `_` and `\` in a search are letters, not patterns. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The admin's view of users and their role assignments, and its writes (`users`, `role_assignments`). */
export class PeopleAdminRepository {
  constructor(private readonly db: Queryable) {}

  /** A page of people by name, matching every filter given. */
  page(f: PeopleFilter & PageOf) {
    return many(
      this.db,
      personRow.extend(windowTotal),
      `SELECT ${PERSON_COLUMNS}, ${TOTAL_COLUMN}
         FROM users u
        WHERE ($1::text IS NULL OR u.display_name ILIKE $1 OR u.username ILIKE $1 OR u.email ILIKE $1
               OR u.employee_id ILIKE $1)
          AND ($2::text = 'all' OR u.active = ($2::text = 'true'))
          AND ($3::boolean IS NULL OR (u.external_subject IS NOT NULL) = $3)
          AND ($4::text IS NULL AND $5::uuid IS NULL OR EXISTS (
                SELECT 1 FROM role_assignments m
                 WHERE m.user_id = u.id AND (m.valid_to IS NULL OR m.valid_to >= ${STOCKHOLM_TODAY})
                   AND ($4::text IS NULL OR m.role = $4)
                   AND ($5::uuid IS NULL OR m.scope_unit_id = $5
                        OR m.scope_unit_id IN (SELECT id FROM org_units WHERE parent_id = $5))))
        ORDER BY u.display_name, u.id ${pageSql(f)}`,
      [
        f.q ? `%${likeEscape(f.q)}%` : null,
        f.active,
        f.linked ?? null,
        f.role ?? null,
        f.scopeUnitId ?? null,
      ],
    );
  }

  byId(id: string): Promise<AdminPersonRow | undefined> {
    return first(this.db, personRow, `SELECT ${PERSON_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  }

  /**
   * The person, their row locked until the transaction ends: two admins changing the same person's roles at once
   * take turns, so the overlap check of one sees the other's grant.
   */
  async lockPerson(id: string): Promise<boolean> {
    const rows = await many(
      this.db,
      z.object({ id: z.string() }),
      `SELECT id FROM users WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows.length > 0;
  }

  /** Which of `username` and `employeeId` another user (not `exceptId`) already has. */
  async taken(v: { username?: string; employeeId?: string | null }, exceptId: string | null) {
    const [row] = await many(
      this.db,
      z.object({ username: z.boolean(), employeeId: z.boolean() }),
      `SELECT EXISTS (SELECT 1 FROM users WHERE username = $1 AND id IS DISTINCT FROM $3::uuid) AS username,
              EXISTS (SELECT 1 FROM users WHERE employee_id = $2 AND id IS DISTINCT FROM $3::uuid) AS "employeeId"`,
      [v.username ?? null, v.employeeId ?? null, exceptId],
    );
    return row;
  }

  async insertUser(u: { username: string; displayName: string; email: string | null; employeeId: string }) {
    const [row] = await many(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO users (username, display_name, email, employee_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [u.username, u.displayName, u.email, u.employeeId],
    );
    return row.id;
  }

  /** Sets the given fields; `identity: null` unlinks, so the next sign-in links again. */
  async updateUser(
    id: string,
    u: {
      displayName?: string;
      email?: string | null;
      employeeId?: string | null;
      active?: boolean;
      unlink?: boolean;
    },
  ): Promise<void> {
    await execute(
      this.db,
      `UPDATE users SET display_name = COALESCE($2, display_name),
              email = CASE WHEN $3::boolean THEN $4 ELSE email END,
              employee_id = CASE WHEN $5::boolean THEN $6 ELSE employee_id END,
              active = COALESCE($7, active),
              external_issuer = CASE WHEN $8::boolean THEN NULL ELSE external_issuer END,
              external_subject = CASE WHEN $8::boolean THEN NULL ELSE external_subject END
        WHERE id = $1`,
      [
        id,
        u.displayName ?? null,
        u.email !== undefined,
        u.email ?? null,
        u.employeeId !== undefined,
        u.employeeId ?? null,
        u.active ?? null,
        u.unlink === true,
      ],
    );
  }

  /** The unit a grant would cover; undefined when there is none. */
  unit(id: string) {
    return first(
      this.db,
      z.object({ code: z.string(), validFrom: z.string().nullable(), validTo: z.string().nullable() }),
      `SELECT code, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM org_units WHERE id = $1`,
      [id],
    );
  }

  async insertGrant(g: {
    userId: string;
    role: Role;
    scopeUnitId: string | null;
    validFrom: string | null;
    validTo: string | null;
  }): Promise<string> {
    const [row] = await many(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO role_assignments (user_id, role, scope_unit_id, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [g.userId, g.role, g.scopeUnitId, g.validFrom, g.validTo],
    );
    return row.id;
  }

  async setGrantEnd(id: string, validTo: string): Promise<void> {
    await updated(this.db, z.unknown(), `UPDATE role_assignments SET valid_to = $2 WHERE id = $1`, [
      id,
      validTo,
    ]);
  }

  /** A grant that never began (so never counted) taken away; the admin audit log keeps it. */
  async removeGrant(id: string): Promise<void> {
    await execute(this.db, `DELETE FROM role_assignments WHERE id = $1`, [id]);
  }
}
