import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { exemptionListSchema, exemptionSchema } from '@contracts/exemptions';
import { MAX_PAGE_SIZE, pageQuery } from '@contracts/paging';
import { parseBody } from '../common/parse-body';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi-responses';
import { newExemptionSchema, revocationSchema } from '@domain/exemptions';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { ExemptionsService } from './exemptions.service';

const pageQuerySchema = z.object(pageQuery(MAX_PAGE_SIZE)).strict();

@ApiTags('exemptions')
@ApiBearerAuth()
@Controller('exemptions')
export class ExemptionsController {
  constructor(private readonly exemptions: ExemptionsService) {}

  @Get()
  @Can('read', 'Exemption')
  @ApiQueryFrom(pageQuerySchema)
  @ApiOkResponse({
    description:
      'A page of the general exemptions the caller may see (a director: their division, read only), newest first',
    schema: openApiResponseSchema(exemptionListSchema),
  })
  @ApiProblems(401, 403)
  list(@Query() query: unknown, @User() user: CurrentUser) {
    return this.exemptions.list(user, parseBody(pageQuerySchema, query));
  }

  @Post()
  @Can('create', 'Exemption')
  @ApiBody({ schema: openApiSchema(newExemptionSchema) })
  @ApiCreatedResponse({
    description: 'The recorded exemption, with the decision behind it',
    schema: openApiResponseSchema(exemptionSchema),
  })
  @ApiProblems(
    400,
    401,
    [403, 'Only the executive or the admin records an exemption'],
    413,
    [422, 'No division or unit with scopeUnitId'],
    [503, 'The exemption watch could not be started in Temporal, or the database is unavailable'],
  )
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.exemptions.create(body, user);
  }

  @Post(':id/revoke')
  @Can('revoke', 'Exemption')
  @ApiBody({ schema: openApiSchema(revocationSchema) })
  @ApiCreatedResponse({
    description: 'The exemption, now revoked',
    schema: openApiResponseSchema(exemptionSchema),
  })
  @ApiProblems(
    400,
    401,
    [403, 'Only the executive or the admin revokes an exemption'],
    [404, 'No exemption with this id'],
    [409, 'The exemption is already revoked'],
    413,
  )
  revoke(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.exemptions.revoke(id, body, user);
  }
}
