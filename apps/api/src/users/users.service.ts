import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { MAX_PAGE_SIZE, pageQuery } from '@contracts/paging';
import type { DevUser, UserList } from '@contracts/users';
import { isReviewerRole, ROLES } from '@domain/enums';
import { UsersRepository } from '@db/repositories/users.repository';
import type { CurrentUser } from '../auth/current-user';
import { pageFromRows } from '../common/paging';
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
 * The scope units whose people a caller may list, undefined for all: the HR lead, the executive, the admin and
 * anyone with a region-wide reviewer grant see the region; an HR reviewer or a director the people of the
 * divisions and units they review (and the region-wide ones, who are stand-ins and escalation targets for all).
 */
export function directoryScope(caller: CurrentUser): string[] | undefined {
  const regionWide = caller.grants.some(
    (g) =>
      g.role === 'hr_lead' ||
      g.role === 'executive' ||
      g.role === 'admin' ||
      (isReviewerRole(g.role) && g.scopeUnitId === null),
  );
  if (regionWide) return undefined;
  return caller.grants.flatMap((g) => (isReviewerRole(g.role) && g.scopeUnitId ? [g.scopeUnitId] : []));
}

/**
 * The people a reviewer can name as a stand-in and a director or HR lead can reassign a stage to: names and
 * roles only (no e-mail addresses), for choosing in the UI. Which choice is allowed is still decided where the
 * delegation or reassignment is recorded.
 */
@Injectable()
export class UsersService {
  private readonly users: UsersRepository;
  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.users = new UsersRepository(dataSource);
  }

  /** The directory as `caller` may see it (directoryScope). */
  async list(q: UserQuery, caller?: CurrentUser): Promise<UserList> {
    return pageFromRows(await this.users.list({ ...q, within: caller && directoryScope(caller) }), q);
  }

  /** The seeded users for the dev sign-in list. */
  async devUsers(): Promise<DevUser[]> {
    const users = await this.list({ page: 1, pageSize: MAX_PAGE_SIZE });
    return users.items.map(({ username, displayName, grants }) => ({ username, displayName, grants }));
  }
}
