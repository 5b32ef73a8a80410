import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { MAX_PAGE_SIZE, pageQuery } from '@contracts/paging';
import { reviewPeriodListSchema, reviewPeriodSchema } from '@contracts/review-periods';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { REQUEST_KINDS } from '@domain/enums';
import {
  earlyEndSchema,
  extensionSchema,
  newPeriodSchema,
  periodCorrectionSchema,
} from '@domain/review-periods';
import { z } from 'zod';
import { parseBody } from '../common/parse-body';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ReviewPeriodsService } from './review-periods.service';

const listQuery = z.object({ kind: z.enum(REQUEST_KINDS).optional(), ...pageQuery(MAX_PAGE_SIZE) }).strict();

@ApiTags('review-periods')
@ApiBearerAuth()
@Controller('review-periods')
export class ReviewPeriodsController {
  constructor(private readonly periods: ReviewPeriodsService) {}

  @Get()
  @Can('read', 'ReviewPeriod')
  @ApiQueryFrom(listQuery)
  @ApiOkResponse({
    description: 'A page of the review periods, by kind and start',
    schema: openApiResponseSchema(reviewPeriodListSchema),
  })
  @ApiProblems(400, 401)
  list(@Query() query: unknown) {
    const { kind, ...page } = parseBody(listQuery, query);
    return this.periods.list(kind, page);
  }

  @Post()
  @Can('create', 'ReviewPeriod')
  @ApiBody({ schema: openApiSchema(newPeriodSchema) })
  @ApiCreatedResponse({
    description: 'The recorded period (a retry of the same creation answers the same period)',
    schema: openApiResponseSchema(reviewPeriodSchema),
  })
  @ApiProblems(400, 401, 403, [409, 'Overlaps a period of the same kind'], 413, [
    503,
    'The period watch could not be started in Temporal (retry), or the database is unavailable',
  ])
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.periods.create(body, user);
  }

  @Post(':id/extensions')
  @Can('extend', 'ReviewPeriod')
  @ApiBody({ schema: openApiSchema(extensionSchema) })
  @ApiCreatedResponse({
    description: 'The extension, a new period starting the day after',
    schema: openApiResponseSchema(reviewPeriodSchema),
  })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No review period with this id'],
    [409, 'Overlaps a period of the same kind, or the period has already been extended'],
    413,
    [503, 'The period watch could not be started in Temporal (retry), or the database is unavailable'],
  )
  extend(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.periods.extend(id, body, user);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Can('extend', 'ReviewPeriod')
  @ApiBody({ schema: openApiSchema(earlyEndSchema) })
  @ApiOkResponse({
    description: 'The period, ended early on validTo by the decision given (audited)',
    schema: openApiResponseSchema(reviewPeriodSchema),
  })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No review period with this id'],
    [409, 'The period has an extension (end that instead)'],
    413,
    [503, 'The period watch could not be replaced in Temporal, or the database is unavailable'],
  )
  endEarly(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.periods.endEarly(id, body, user);
  }

  @Patch(':id')
  @Can('extend', 'ReviewPeriod')
  @ApiBody({ schema: openApiSchema(periodCorrectionSchema) })
  @ApiOkResponse({
    description: 'The corrected period (audited with the period before and after)',
    schema: openApiResponseSchema(reviewPeriodSchema),
  })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No review period with this id'],
    [
      409,
      'A request reviewed under the period would fall outside it, or it would overlap another period or break an extension',
    ],
    413,
    [503, 'The period watch could not be replaced in Temporal, or the database is unavailable'],
  )
  correct(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.periods.correct(id, body, user);
  }
}
