import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { MAX_PAGE_SIZE, pageQuery } from '@contracts/paging';
import type { DevUser, UserList } from '@contracts/users';
import { ROLES } from '@domain/enums';
import { UsersRepository } from '@db/repositories/users.repository';
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

  async list(q: UserQuery): Promise<UserList> {
    return pageFromRows(await this.users.list(q), q);
  }

  /** The seeded users for the dev sign-in list. */
  async devUsers(): Promise<DevUser[]> {
    const users = await this.list({ page: 1, pageSize: MAX_PAGE_SIZE });
    return users.items.map(({ username, displayName, grants }) => ({ username, displayName, grants }));
  }
}
