import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { newDelegationSchema } from '@domain/delegation';
import { Allow } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { openApiSchema } from '../common/openapi-schema';
import { DelegationsService } from './delegations.service';

const REVIEWERS = ['hr_reviewer', 'hr_lead', 'director', 'executive'] as const;

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Get()
  @Allow(...REVIEWERS, 'admin')
  list(@User() user: CurrentUser) {
    return this.delegations.list(user);
  }

  @Post()
  @Allow(...REVIEWERS)
  @ApiBody({ schema: openApiSchema(newDelegationSchema) })
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.delegations.create(body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(...REVIEWERS)
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @User() user: CurrentUser) {
    await this.delegations.revoke(id, user);
  }
}
