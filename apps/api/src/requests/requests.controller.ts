import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { decisionInputSchema } from '@domain/decision-input';
import { requestInputSchema } from '@domain/request-input';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import {
  decisionResultSchema,
  reassignmentSchema,
  requestDetailSchema,
  requestListSchema,
  resubmissionSchema,
  submissionSchema,
  timelineSchema,
  withdrawalSchema,
} from '@contracts/requests';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { ApiProblems } from '../common/openapi-responses';
import { listQuerySchema, RequestsService, resubmitSchema, withdrawSchema } from './requests.service';
import { ApiQueryFrom } from '../common/openapi-query';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @Can('submit', 'Request')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result',
  })
  @ApiBody({ schema: openApiSchema(requestInputSchema) })
  @ApiCreatedResponse({
    description:
      'The recorded request: in review with its first stage, or not_required / exempted without review. ' +
      'A repeat with the same Idempotency-Key answers the same request.',
    schema: openApiResponseSchema(submissionSchema),
  })
  @ApiProblems(
    [400, 'The body has invalid fields, or the Idempotency-Key header is not valid'],
    401,
    [403, 'The caller may not submit requests, or not for this unit'],
    [409, 'The review of this request has already finished'],
    413,
    [422, 'No unit with unitId, or the Idempotency-Key was used with a different body'],
    [503, 'The review engine (Temporal) is unavailable, or the database is; retry after Retry-After'],
  )
  submit(
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @User() user: CurrentUser,
  ) {
    return this.requests.submit(body, key, user);
  }

  @Get()
  @Can('read', 'Request')
  @ApiQueryFrom(listQuerySchema)
  @ApiOkResponse({
    description: 'A page of the requests the caller may see',
    schema: openApiResponseSchema(requestListSchema),
  })
  @ApiProblems(400, 401)
  list(@Query() query: unknown, @User() user: CurrentUser) {
    return this.requests.list(query, user);
  }

  @Get(':id')
  @Can('read', 'Request')
  @ApiOkResponse({
    description: 'The request with its stages and decisions',
    schema: openApiResponseSchema(requestDetailSchema),
  })
  @ApiProblems(400, 401, [404, 'No request with this id that the caller may see'])
  get(@Param('id', uuid) id: string, @User() user: CurrentUser) {
    return this.requests.get(id, user);
  }

  @Get(':id/timeline')
  @Can('read', 'Request')
  @ApiOkResponse({
    description: 'The audit trail of the request, oldest first',
    schema: openApiResponseSchema(timelineSchema),
  })
  @ApiProblems(400, 401, [404, 'No request with this id that the caller may see'])
  timeline(@Param('id', uuid) id: string, @User() user: CurrentUser) {
    return this.requests.timeline(id, user);
  }

  @Post(':id/decisions')
  @Can('decide', 'Request')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retried decision harmless' })
  @ApiBody({ schema: openApiSchema(decisionInputSchema) })
  @ApiCreatedResponse({
    description:
      'The recorded decision and the stage opened next, if any. A retry with the same Idempotency-Key answers ' +
      'the first decision (then without nextStage).',
    schema: openApiResponseSchema(decisionResultSchema),
  })
  @ApiProblems(
    [400, 'The decision has invalid fields, or the Idempotency-Key header is not valid'],
    401,
    [403, 'The caller may not decide this stage (role, scope, own request, segregation of duties)'],
    [404, 'No request with this id that the caller may see'],
    [409, 'No stage is open for a decision, or not the one named in `stage`'],
    413,
    [503, 'The review engine (Temporal) is unavailable, or the database is; retry after Retry-After'],
  )
  decide(
    @Param('id', uuid) id: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @User() user: CurrentUser,
  ) {
    return this.requests.decide(id, body, key, user);
  }

  @Post(':id/resubmit')
  @Can('resubmit', 'Request')
  @ApiBody({ schema: openApiSchema(resubmitSchema), required: false })
  @ApiCreatedResponse({
    description: 'The request, back in review',
    schema: openApiResponseSchema(resubmissionSchema),
  })
  @ApiProblems(
    [400, 'The body or the changed fields are not valid, or they change kind or unit'],
    401,
    [403, 'Only the requester may resubmit'],
    [404, 'No request with this id that the caller may see'],
    [409, 'The request is not returned'],
    413,
    [503, 'The review engine (Temporal) is unavailable, or the database is; retry after Retry-After'],
  )
  resubmit(@Param('id', uuid) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.requests.resubmit(id, body, user);
  }

  @Post(':id/reassign')
  @Can('reassign', 'Request')
  @ApiCreatedResponse({
    description: 'The open stage, now assigned to the user',
    schema: openApiResponseSchema(reassignmentSchema),
  })
  @ApiProblems(
    400,
    401,
    [403, 'The caller may not reassign this stage'],
    [404, 'No request with this id that the caller may see'],
    [409, 'No stage is open'],
    413,
    [422, 'No user with userId, or the user may not decide the stage'],
    [503, 'The review engine (Temporal) is unavailable, or the database is; retry after Retry-After'],
  )
  @ApiBody({
    schema: {
      type: 'object',
      required: ['userId'],
      properties: { userId: { type: 'string', format: 'uuid' } },
    },
  })
  reassign(@Param('id', uuid) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.requests.reassign(id, body, user);
  }

  @Post(':id/withdraw')
  @Can('withdraw', 'Request')
  @ApiBody({ schema: openApiSchema(withdrawSchema), required: false })
  @ApiCreatedResponse({
    description: 'The withdrawn request',
    schema: openApiResponseSchema(withdrawalSchema),
  })
  @ApiProblems(
    400,
    401,
    [403, 'Only the requester may withdraw'],
    [404, 'No request with this id that the caller may see'],
    [409, 'The request can no longer be withdrawn'],
    413,
    [503, 'The review engine (Temporal) is unavailable, or the database is; retry after Retry-After'],
  )
  withdraw(@Param('id', uuid) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.requests.withdraw(id, body, user);
  }
}
