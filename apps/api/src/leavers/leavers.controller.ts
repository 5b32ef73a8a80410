import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { requesterChangeSchema, requestsWithoutRequesterSchema } from '@contracts/leavers';
import { pageQuery, SCREEN_PAGE_SIZE } from '@contracts/paging';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { parseBody } from '../common/parse-body';
import { LeaversService } from './leavers.service';

const pageQuerySchema = z.object(pageQuery(SCREEN_PAGE_SIZE)).strict();
export const newRequesterSchema = z.object({ userId: z.string().uuid('must be a user id (uuid)') }).strict();
const uuid = new ParseUUIDPipe({ version: undefined });

/** The HR lead's side of leavers (issue 18): requests whose requester left, and moving them to another. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller()
export class LeaversController {
  constructor(private readonly leavers: LeaversService) {}

  @Get('requests-without-requester')
  @Can('change_requester', 'Request')
  @ApiQueryFrom(pageQuerySchema)
  @ApiOkResponse({
    description:
      "Open requests in the HR lead's scope whose requester left or no longer holds a requester role over the unit, oldest first, each with the requesters it may move to",
    schema: openApiResponseSchema(requestsWithoutRequesterSchema),
  })
  @ApiProblems(400, 401, [403, 'Only an HR lead sees them'])
  list(@Query() query: unknown, @User() user: CurrentUser) {
    return this.leavers.withoutRequester(user, parseBody(pageQuerySchema, query));
  }

  @Post('requests/:id/requester')
  @Can('change_requester', 'Request')
  @ApiBody({ schema: openApiSchema(newRequesterSchema) })
  @ApiCreatedResponse({
    description: 'The request is the new requester’s from now on (on its timeline; they are notified)',
    schema: openApiResponseSchema(requesterChangeSchema),
  })
  @ApiProblems(
    [400, 'The id or the body is malformed'],
    401,
    [403, "The caller is no HR lead of the request's division"],
    [404, 'No such request'],
    [409, 'The request needs no new requester (its requester can still act, or it is closed)'],
    413,
    [
      422,
      'userId is no active requester of the unit, is the requester already, or decided one of its stages',
    ],
    [503, 'The review engine (Temporal) is unavailable; retry after Retry-After'],
  )
  changeRequester(@Param('id', uuid) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.leavers.changeRequester(id, parseBody(newRequesterSchema, body).userId, user);
  }
}
