import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  adminPersonPageSchema,
  adminPersonSchema,
  endRoleAssignmentSchema,
  newPersonSchema,
  newRoleAssignmentSchema,
  peopleQuerySchema,
  personPatchSchema,
} from '@contracts/people-admin';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { parseBody } from '../common/parse-body';
import { PeopleAdminService } from './people-admin.service';

const person = { schema: openApiResponseSchema(adminPersonSchema) };
const uuidPipe = new ParseUUIDPipe();

/** People and their role assignments, for the admin (the organisation's own records). */
@ApiTags('people-admin')
@ApiBearerAuth()
@Controller('admin/people')
export class PeopleAdminController {
  constructor(private readonly people: PeopleAdminService) {}

  @Get()
  @Can('administer', 'Organisation')
  @ApiQueryFrom(peopleQuerySchema)
  @ApiOkResponse({
    description:
      'A page of the people matching the search and filters, by name, each with every role assignment',
    schema: openApiResponseSchema(adminPersonPageSchema),
  })
  @ApiProblems(400, 401, 403)
  list(@Query() query: unknown) {
    return this.people.list(parseBody(peopleQuerySchema, query));
  }

  @Get(':id')
  @Can('administer', 'Organisation')
  @ApiOkResponse({ description: 'The person with every role assignment', ...person })
  @ApiProblems(400, 401, 403, [404, 'No person with this id'])
  get(@Param('id', uuidPipe) id: string) {
    return this.people.get(id);
  }

  @Post()
  @Can('administer', 'Organisation')
  @ApiBody({ schema: openApiSchema(newPersonSchema) })
  @ApiCreatedResponse({ description: 'The new person, active, with no roles', ...person })
  @ApiProblems(400, 401, 403, [409, 'The username or employee id is another user’s'], 413)
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.people.create(body, user.id);
  }

  @Patch(':id')
  @Can('administer', 'Organisation')
  @ApiBody({ schema: openApiSchema(personPatchSchema) })
  @ApiOkResponse({ description: 'The person as changed', ...person })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No person with this id'],
    [409, 'The employee id is another user’s'],
    413,
    [422, 'An admin deactivating themselves'],
  )
  update(@Param('id', uuidPipe) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.people.update(id, body, user.id);
  }

  @Post(':id/roles')
  @Can('administer', 'Organisation')
  @ApiBody({ schema: openApiSchema(newRoleAssignmentSchema) })
  @ApiCreatedResponse({ description: 'The person with the new role assignment', ...person })
  @ApiProblems(400, 401, 403, [404, 'No person with this id'], 413, [
    422,
    'The scope is no unit or is closed, the period ends before it starts or starts in the past, or the same ' +
      'role over the same scope overlaps',
  ])
  addRole(@Param('id', uuidPipe) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.people.addRole(id, body, user.id);
  }

  @Post(':id/roles/:assignmentId/end')
  @HttpCode(200)
  @Can('administer', 'Organisation')
  @ApiBody({ schema: openApiSchema(endRoleAssignmentSchema) })
  @ApiOkResponse({
    description:
      'The person with the role ended on the day given (today by default); a role that has not begun is taken ' +
      'away. The assignment stays, with its history in the admin audit log',
    ...person,
  })
  @ApiProblems(400, 401, 403, [404, 'No person, or no such assignment of theirs'], 413, [
    422,
    'The end is in the past or after the current end, the role has ended, or it is your own admin role',
  ])
  endRole(
    @Param('id', uuidPipe) id: string,
    @Param('assignmentId', uuidPipe) assignmentId: string,
    @Body() body: unknown,
    @User() user: CurrentUser,
  ) {
    return this.people.endRole(id, assignmentId, body, user.id);
  }
}
