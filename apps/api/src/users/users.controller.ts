import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@config/config';
import { devUsersSchema, userListSchema } from '@contracts/users';
import { Can, Public } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema } from '../common/openapi-schema';
import { parseBody } from '../common/parse-body';
import { problem, ProblemException } from '../common/problem';
import { CONFIG } from '../tokens';
import { userQuerySchema, UsersService } from './users.service';

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('users')
  @Can('read', 'User')
  @ApiBearerAuth()
  @ApiQueryFrom(userQuerySchema)
  @ApiOkResponse({
    description:
      'A page of the users with their roles (no contact details), by name. An HR reviewer or director sees the ' +
      'users of their own divisions and units and the region-wide ones; the HR lead, executive and admin everyone',
    schema: openApiResponseSchema(userListSchema),
  })
  @ApiProblems(400, 401, 403)
  list(@Query() query: unknown, @User() user: CurrentUser) {
    return this.users.list(parseBody(userQuerySchema, query), user);
  }

  @Get('auth/dev-users')
  @Public()
  @ApiOkResponse({
    description: 'The users one may sign in as (only with AUTH_MODE=dev)',
    schema: openApiResponseSchema(devUsersSchema),
  })
  @ApiProblems([404, 'Dev sign-in is not enabled (AUTH_MODE is not dev)'])
  async devUsers() {
    if (this.config.auth.mode !== 'dev')
      throw new ProblemException(problem(404, 'Dev sign-in is not enabled'));
    return this.users.devUsers();
  }
}
