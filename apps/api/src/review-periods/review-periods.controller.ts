import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { pageQuery, withTotal } from '../common/paging';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, arrayOf, reviewPeriodSchema } from '../common/openapi-responses';
import { openApiSchema } from '../common/openapi-schema';
import { REQUEST_KINDS } from '@domain/enums';
import { extensionSchema, newPeriodSchema } from '@domain/review-periods';
import { z } from 'zod';
import { parseBody } from '../common/parse-body';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ReviewPeriodsService } from './review-periods.service';

const listQuery = z.object({ kind: z.enum(REQUEST_KINDS).optional(), ...pageQuery }).strict();

@ApiTags('review-periods')
@ApiBearerAuth()
@Controller('review-periods')
export class ReviewPeriodsController {
  constructor(private readonly periods: ReviewPeriodsService) {}

  @Get()
  @Can('read', 'ReviewPeriod')
  @ApiQueryFrom(listQuery)
  @ApiOkResponse({ description: 'Review periods by kind and start', schema: arrayOf(reviewPeriodSchema) })
  @ApiProblems(400, 401)
  async list(@Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const { kind, ...page } = parseBody(listQuery, query);
    return withTotal(await this.periods.list(kind, page), res);
  }

  @Post()
  @Can('create', 'ReviewPeriod')
  @ApiBody({ schema: openApiSchema(newPeriodSchema) })
  @ApiCreatedResponse({
    description: 'The recorded period (a retry of the same creation answers the same period)',
    schema: reviewPeriodSchema,
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
    schema: reviewPeriodSchema,
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
}
