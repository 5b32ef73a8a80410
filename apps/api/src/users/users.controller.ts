import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppConfig } from '@config/config';
import { Can, Public } from '../auth/allow.decorator';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiProblems, arrayOf, currentUserSchema, devUserSchema } from '../common/openapi-responses';
import { parseBody } from '../common/parse-body';
import { withTotal } from '../common/paging';
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
    description: 'Users with their roles (no contact details), by name; total in X-Total-Count',
    schema: arrayOf(currentUserSchema),
  })
  @ApiProblems(400, 401, 403)
  async list(@Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    return withTotal(await this.users.list(parseBody(userQuerySchema, query)), res);
  }

  @Get('auth/dev-users')
  @Public()
  @ApiOkResponse({
    description: 'The users one may sign in as (only with AUTH_MODE=dev)',
    schema: arrayOf(devUserSchema),
  })
  @ApiProblems([404, 'Dev sign-in is not enabled (AUTH_MODE is not dev)'])
  async devUsers() {
    if (this.config.auth.mode !== 'dev')
      throw new ProblemException(problem(404, 'Dev sign-in is not enabled'));
    return this.users.devUsers();
  }
}
