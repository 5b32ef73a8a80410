import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { newDelegationSchema } from '@domain/delegation';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { openApiSchema } from '../common/openapi-schema';
import { DelegationsService } from './delegations.service';

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Get()
  @Can('read', 'Delegation')
  list(@User() user: CurrentUser) {
    return this.delegations.list(user);
  }

  @Post()
  @Can('create', 'Delegation')
  @ApiBody({ schema: openApiSchema(newDelegationSchema) })
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.delegations.create(body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', 'Delegation')
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @User() user: CurrentUser) {
    await this.delegations.revoke(id, user);
  }
}
