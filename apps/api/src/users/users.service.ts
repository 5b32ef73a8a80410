import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { MAX_PAGE_SIZE, pageOf, pageQuery } from '@contracts/paging';
import type { DevUser, UserList } from '@contracts/users';
import { ROLES } from '@domain/enums';
import type { CurrentUser } from '../auth/current-user';
import { pageSql, TOTAL_COLUMN } from '../common/paging';
import { DATA_SOURCE } from '../tokens';

export const userQuerySchema = z
  .object({
    role: z.enum(ROLES).optional(),
    /** Users with the role in this division or unit, or region-wide (a region-wide grant covers every scope). */
    scopeUnitId: z.string().uuid().optional(),
    ...pageQuery(MAX_PAGE_SIZE),
  })
  .strict();
export type UserQuery = z.infer<typeof userQuerySchema>;

/**
 * The people a reviewer can name as a stand-in and a director or HR lead can reassign a stage to: names and
 * roles only (no e-mail addresses), for choosing in the UI. Which choice is allowed is still decided where the
 * delegation or reassignment is recorded.
 */
@Injectable()
export class UsersService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(q: UserQuery): Promise<UserList> {
    const params: unknown[] = [q.role ?? null, q.scopeUnitId ?? null];
    const rows: {
      id: string;
      username: string;
      display_name: string;
      grants: CurrentUser['grants'];
      __total: number;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name,
                json_agg(json_build_object('role', r.role, 'scopeUnitId', r.scope_unit_id) ORDER BY r.role) AS grants,
                ${TOTAL_COLUMN}
           FROM users u JOIN role_assignments r ON r.user_id = u.id
          WHERE EXISTS (SELECT 1 FROM role_assignments m
                         WHERE m.user_id = u.id AND ($1::text IS NULL OR m.role = $1)
                           AND ($2::uuid IS NULL OR m.scope_unit_id IS NULL OR m.scope_unit_id = $2
                                OR m.scope_unit_id = (SELECT parent_id FROM org_units WHERE id = $2)))
          GROUP BY u.id ORDER BY u.display_name, u.id ${pageSql(q)}`,
      params,
    );
    const users = rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      grants: r.grants,
    }));
    return pageOf(users, rows[0]?.__total ?? 0, q);
  }

  /** The seeded users for the dev sign-in list. */
  async devUsers(): Promise<DevUser[]> {
    const users = await this.list({ page: 1, pageSize: MAX_PAGE_SIZE });
    return users.items.map(({ username, displayName, grants }) => ({ username, displayName, grants }));
  }
}
