import { z } from 'zod';
import { ROLES, type LinkField, type Role } from '@domain/enums';
import { validOn } from './period-validity';
import { many, pageSql, updated, type PageOf, type Queryable, TOTAL_COLUMN, windowTotal } from './rows';

const grant = z.object({ role: z.enum(ROLES), scopeUnitId: z.string().nullable() });
const userWithGrantsRow = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  grants: z.array(grant),
});
export type UserWithGrants = z.output<typeof userWithGrantsRow>;

const grantRow = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES).nullable(),
  scopeUnitId: z.string().nullable(),
});

const LINK_COLUMNS: Record<LinkField, string> = {
  username: 'username',
  email: 'lower(email)',
  employeeId: 'employee_id',
};

/** The column a link field compares and the value it compares with (e-mail addresses without case). */
function linkComparison(match: { field: LinkField; value: string }): { column: string; value: string } {
  return {
    column: LINK_COLUMNS[match.field],
    value: match.field === 'email' ? match.value.toLowerCase() : match.value,
  };
}

/** Users and their role assignments (`users`, `role_assignments`). */
export class UsersRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * An active user with every role they hold; undefined when there is none by that id, username or identity
   * (a deactivated user signs in as nobody).
   */
  async withGrants(
    by: { id: string } | { username: string } | { issuer: string; subject: string },
  ): Promise<UserWithGrants | undefined> {
    const [where, values] =
      'id' in by
        ? ['u.id = $1', [by.id]]
        : 'username' in by
          ? ['u.username = $1', [by.username]]
          : ['u.external_issuer = $1 AND u.external_subject = $2', [by.issuer, by.subject]];
    const rows = await many(
      this.db,
      grantRow,
      `SELECT u.id, u.username, u.display_name AS "displayName", r.role, r.scope_unit_id AS "scopeUnitId"
         FROM users u LEFT JOIN role_assignments r ON r.user_id = u.id AND ${validOn('r')}
        WHERE u.active AND ${where}`,
      values,
    );
    if (rows.length === 0) return undefined;
    return {
      id: rows[0].id,
      username: rows[0].username,
      displayName: rows[0].displayName,
      grants: rows.flatMap((r) => (r.role ? [{ role: r.role, scopeUnitId: r.scopeUnitId }] : [])),
    };
  }

  /**
   * Links an identity provider's (issuer, subject) to the active user whose `field` equals `value` and who has no
   * identity yet, in one statement so two first sign-ins cannot both win (the second finds the row taken); answers the user's id, or undefined when
   * no such user is free to link.
   */
  async linkIdentity(
    match: { field: LinkField; value: string },
    identity: { issuer: string; subject: string },
  ): Promise<string | undefined> {
    const { column, value } = linkComparison(match);
    // Linking on a value two users share would hand one of them the other's account: only a unique match links.
    const rows = await updated(
      this.db,
      z.object({ id: z.string() }),
      `UPDATE users SET external_issuer = $2, external_subject = $3
        WHERE active AND external_subject IS NULL AND ${column} = $1
          AND (SELECT count(*) FROM users WHERE ${column} = $1) = 1
          AND NOT EXISTS (SELECT 1 FROM users WHERE external_issuer = $2 AND external_subject = $3)
        RETURNING id`,
      [value, identity.issuer, identity.subject],
    );
    return rows[0]?.id;
  }

  /**
   * A new active user with no roles, bound to the provider's (issuer, subject), for a first sign-in whose claim
   * names nobody. Nothing is created when any user (active or not, linked or not) already holds the claim's value
   * in the link field, when the identity is bound already, or when the username is taken: a second subject
   * presenting someone's username must not get an account beside theirs. Answers the new id, or undefined.
   */
  async createForIdentity(
    match: { field: LinkField; value: string },
    identity: { issuer: string; subject: string },
    user: { username: string; displayName: string; email: string | null },
  ): Promise<string | undefined> {
    const { column, value } = linkComparison(match);
    const rows = await many(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO users (username, display_name, email, employee_id, external_issuer, external_subject)
       SELECT $3, $4, $5, $6, $1, $2
        WHERE NOT EXISTS (SELECT 1 FROM users WHERE ${column} = $7)
          AND NOT EXISTS (SELECT 1 FROM users WHERE external_issuer = $1 AND external_subject = $2)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        identity.issuer,
        identity.subject,
        user.username,
        user.displayName,
        user.email?.toLowerCase() ?? null,
        match.field === 'employeeId' ? match.value : null,
        value,
      ],
    );
    return rows[0]?.id;
  }

  /** A new user; answers its id. */
  async insert(user: { username: string; displayName: string; email: string | null }): Promise<string> {
    const [row] = await many(
      this.db,
      z.object({ id: z.string() }),
      `INSERT INTO users (username, display_name, email) VALUES ($1, $2, $3) RETURNING id`,
      [user.username, user.displayName, user.email],
    );
    return row.id;
  }

  /** A role over a division or unit (`null`: region-wide). */
  async assignRole(userId: string, role: Role, scopeUnitId: string | null): Promise<void> {
    await this.db.query(`INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, $2, $3)`, [
      userId,
      role,
      scopeUnitId,
    ]);
  }

  /**
   * A page of the users holding `role` (any role when absent) over `scopeUnitId`: in that division or unit, in the
   * unit's division, or region-wide (a region-wide grant covers every scope). By name. `within`, when given, keeps
   * to the grants that touch those scope units (on one of them, a unit of one, its division) or are region-wide.
   */
  list(q: { role?: string; scopeUnitId?: string; within?: string[] } & PageOf) {
    return many(
      this.db,
      userWithGrantsRow.extend(windowTotal),
      `SELECT u.id, u.username, u.display_name AS "displayName",
              json_agg(json_build_object('role', r.role, 'scopeUnitId', r.scope_unit_id) ORDER BY r.role) AS grants,
              ${TOTAL_COLUMN}
         FROM users u JOIN role_assignments r ON r.user_id = u.id AND ${validOn('r')}
        WHERE EXISTS (SELECT 1 FROM role_assignments m
                       WHERE m.user_id = u.id AND ${validOn('m')} AND ($1::text IS NULL OR m.role = $1)
                         AND ($2::uuid IS NULL OR m.scope_unit_id IS NULL OR m.scope_unit_id = $2
                              OR m.scope_unit_id = (SELECT parent_id FROM org_units WHERE id = $2))
                         AND ($3::uuid[] IS NULL OR m.scope_unit_id IS NULL
                              OR m.scope_unit_id IN (SELECT o.id FROM org_units o
                                                      WHERE o.id = ANY($3) OR o.parent_id = ANY($3)
                                                         OR o.id IN (SELECT parent_id FROM org_units
                                                                      WHERE id = ANY($3)))))
        GROUP BY u.id ORDER BY u.display_name, u.id ${pageSql(q)}`,
      [q.role ?? null, q.scopeUnitId ?? null, q.within ?? null],
    );
  }
}
