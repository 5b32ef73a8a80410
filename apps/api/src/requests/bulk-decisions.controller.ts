import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { bulkDecisionInputSchema, bulkDecisionResultSchema, MAX_BULK_ITEMS } from '@contracts/bulk-decisions';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { BulkDecisionsService } from './bulk-decisions.service';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('decisions')
export class BulkDecisionsController {
  constructor(private readonly bulk: BulkDecisionsService) {}

  @Post('bulk')
  @HttpCode(200)
  @Can('decide', 'Request')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'Required. Each request’s decision is named from it, so a retried call answers the decisions already made ' +
      'instead of making them again',
  })
  @ApiBody({ schema: openApiSchema(bulkDecisionInputSchema) })
  @ApiOkResponse({
    description:
      `Approves (or recommends approval of) 1–${MAX_BULK_ITEMS} requests at one stage. Each request is decided on ` +
      'its own as a single decision is, at most 5 at a time; one refused request stops no other. 200 whatever ' +
      'each request’s result: `items` says per request whether it was decided or refused, with the code and ' +
      'status a single decision would have been refused with (e.g. not_found for a request outside the ' +
      "caller's scope, stage_not_open for one decided since).",
    schema: openApiResponseSchema(bulkDecisionResultSchema),
  })
  @ApiProblems(
    [
      400,
      'The body has invalid fields (no items, more than 50, mixed stages, a request twice, an outcome other ' +
        'than approve or recommend_approve), or the Idempotency-Key header is missing or not valid',
    ],
    401,
    [403, 'The caller has no reviewing role'],
    413,
  )
  decide(
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @User() user: CurrentUser,
  ) {
    return this.bulk.decide(body, key, user);
  }
}
