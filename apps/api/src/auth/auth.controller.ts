import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import * as users from '@contracts/users';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema } from '../common/openapi-schema';
import { z } from 'zod';
import { parseBody } from '../common/parse-body';
import { Can, Public } from './allow.decorator';
import { AuthService } from './auth.service';
import { type CurrentUser, User } from './current-user';

const devLoginSchema = z.object({ username: z.string().min(1).max(100) }).strict();

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/dev-login')
  @HttpCode(200)
  @Public()
  @ApiBody({
    schema: { type: 'object', required: ['username'], properties: { username: { type: 'string' } } },
  })
  @ApiOkResponse({
    description: 'A signed token for a seeded user (only with AUTH_MODE=dev)',
    schema: openApiResponseSchema(users.devLoginResultSchema),
  })
  @ApiProblems(
    400,
    413,
    [404, 'Dev sign-in is not enabled (AUTH_MODE is not dev)'],
    [422, 'No user has this username'],
  )
  async devLogin(@Body() body: unknown): Promise<users.DevLoginResult> {
    const { username } = parseBody(devLoginSchema, body);
    return this.auth.devLogin(username);
  }

  @Get('auth/settings')
  @Public()
  @ApiOkResponse({
    description:
      'How the web app signs in (mode, OpenID Provider, client) and whom a person with no roles asks',
    schema: openApiResponseSchema(users.authSettingsSchema),
  })
  settings(): users.AuthSettings {
    return this.auth.settings();
  }

  @Get('me')
  @Can('read', 'Me')
  @ApiBearerAuth()
  @ApiOkResponse({
    description: 'The signed-in user with their roles',
    schema: openApiResponseSchema(users.userSchema),
  })
  @ApiProblems(401)
  me(@User() user: CurrentUser): users.User {
    return user;
  }
}
