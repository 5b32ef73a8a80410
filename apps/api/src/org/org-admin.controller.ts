import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { adminOrgUnitPageSchema, adminOrgUnitSchema } from '@contracts/org-admin';
import { MAX_PAGE_SIZE, pageQuery } from '@contracts/paging';
import { closeOrgUnitSchema, newOrgUnitSchema, orgUnitChangeSchema } from '@domain/org-tree';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { parseBody } from '../common/parse-body';
import { OrgAdminService } from './org-admin.service';

const listQuery = z
  .object({
    q: z.string().trim().max(100).optional().describe('Part of a code or name'),
    status: z
      .enum(['open', 'closed', 'all'])
      .default('all')
      .describe('open: takes new requests today; closed: past its last day or not yet open'),
    ...pageQuery(MAX_PAGE_SIZE),
  })
  .strict();
/** The path's id, checked like a body field so a malformed one is a 400 naming `id`. */
const idParam = z.object({ id: z.string().uuid('must be a uuid') });
const unitId = (id: string) => parseBody(idParam, { id }).id;

const REFUSED =
  'The change does not fit the organisation (unknown parent, a parent that is a unit, a cycle, a code taken, ' +
  'a period that ends before it starts, a division closing before its units); `errors` names the fields';

@ApiTags('org-admin')
@ApiBearerAuth()
@Controller('admin/org-units')
export class OrgAdminController {
  constructor(private readonly units: OrgAdminService) {}

  @Get()
  @Can('administer', 'Organisation')
  @ApiQueryFrom(listQuery)
  @ApiOkResponse({
    description:
      'A page of every division and unit, closed ones included, each division followed by its units',
    schema: openApiResponseSchema(adminOrgUnitPageSchema),
  })
  @ApiProblems(400, 401, 403)
  list(@Query() query: unknown) {
    const { q, status, ...page } = parseBody(listQuery, query);
    return this.units.list({ q: q || undefined, status }, page);
  }

  @Post()
  @Can('administer', 'Organisation')
  @ApiBody({ schema: openApiSchema(newOrgUnitSchema) })
  @ApiCreatedResponse({
    description: 'The new division or unit',
    schema: openApiResponseSchema(adminOrgUnitSchema),
  })
  @ApiProblems(400, 401, 403, 413, [422, REFUSED])
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.units.create(parseBody(newOrgUnitSchema, body), user.id);
  }

  @Patch(':id')
  @Can('administer', 'Organisation')
  @ApiBody({ schema: openApiSchema(orgUnitChangeSchema) })
  @ApiOkResponse({
    description: 'The division or unit as changed (name, parent, budget, staff cost, dates)',
    schema: openApiResponseSchema(adminOrgUnitSchema),
  })
  @ApiProblems(400, 401, 403, [404, 'No division or unit with this id'], 413, [422, REFUSED])
  change(@Param('id') id: string, @Body() body: unknown, @User() user: CurrentUser) {
    const at = unitId(id);
    return this.units.change(at, parseBody(orgUnitChangeSchema, body), user.id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Can('administer', 'Organisation')
  @ApiBody({ schema: openApiSchema(closeOrgUnitSchema) })
  @ApiOkResponse({
    description:
      'The unit closed on validTo, its last open day (today or later): it keeps its history and takes no new ' +
      'requests after that day',
    schema: openApiResponseSchema(adminOrgUnitSchema),
  })
  @ApiProblems(400, 401, 403, [404, 'No division or unit with this id'], 413, [
    422,
    'The day is in the past, the unit is already closed, or a division still has units open after that day',
  ])
  close(@Param('id') id: string, @Body() body: unknown, @User() user: CurrentUser) {
    const at = unitId(id);
    return this.units.close(at, parseBody(closeOrgUnitSchema, body).validTo, user.id);
  }
}
