import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ROLES } from '@domain/enums';
import type { CurrentUser } from '../auth/current-user';
import { UsersRepository } from '@db/repositories/users.repository';
import { pageQuery } from '../common/paging';
import { DATA_SOURCE } from '../tokens';

export const userQuerySchema = z
  .object({
    role: z.enum(ROLES).optional(),
    /** Users with the role in this division or unit, or region-wide (a region-wide grant covers every scope). */
    scopeUnitId: z.string().uuid().optional(),
    ...pageQuery,
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

  list(q: UserQuery): Promise<(CurrentUser & { __total: number })[]> {
    return this.users.list(q);
  }

  /** The seeded users for the dev sign-in list. */
  async devUsers() {
    const users = await this.list({ page: 1, pageSize: 100 });
    return users.map(({ username, displayName, grants }) => ({ username, displayName, grants }));
  }
}
