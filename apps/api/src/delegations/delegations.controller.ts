import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { delegationListSchema, delegationSchema } from '@contracts/delegations';
import { MAX_PAGE_SIZE, pageQuery } from '@contracts/paging';
import { parseBody } from '../common/parse-body';
import { ApiQueryFrom } from '../common/openapi-query';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi-responses';
import { newDelegationSchema } from '@domain/delegation';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { DelegationsService } from './delegations.service';

const pageQuerySchema = z.object(pageQuery(MAX_PAGE_SIZE)).strict();

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Get()
  @Can('read', 'Delegation')
  @ApiQueryFrom(pageQuerySchema)
  @ApiOkResponse({
    description: 'A page of the delegations in force that the caller may see, newest first',
    schema: openApiResponseSchema(delegationListSchema),
  })
  @ApiProblems(401, 403)
  list(@Query() query: unknown, @User() user: CurrentUser) {
    return this.delegations.list(user, parseBody(pageQuerySchema, query));
  }

  @Post()
  @Can('create', 'Delegation')
  @ApiBody({ schema: openApiSchema(newDelegationSchema) })
  @ApiCreatedResponse({
    description: 'The recorded delegation',
    schema: openApiResponseSchema(delegationSchema),
  })
  @ApiProblems(400, 401, [403, 'The caller may not record delegations, or not for this reviewer'], 413, [
    422,
    'A user is unknown, the delegator is no reviewer, or the delegate lacks the role or scope',
  ])
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.delegations.create(body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', 'Delegation')
  @ApiNoContentResponse({ description: 'The delegation is revoked' })
  @ApiProblems(
    400,
    401,
    [403, 'The caller may not end this delegation'],
    [404, 'No delegation in force with this id'],
    [422, 'The delegation no longer fits the roles of those it names'],
  )
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @User() user: CurrentUser) {
    await this.delegations.revoke(id, user);
  }
}
