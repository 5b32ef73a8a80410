import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import { openApiSchema } from '../common/openapi-schema';
import { REQUEST_KINDS } from '@domain/enums';
import { extensionSchema, newPeriodSchema } from '@domain/review-periods';
import { z } from 'zod';
import { parseBody } from '../common/parse-body';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ReviewPeriodsService } from './review-periods.service';

const listQuery = z.object({ kind: z.enum(REQUEST_KINDS).optional() }).strict();

@ApiTags('review-periods')
@ApiBearerAuth()
@Controller('review-periods')
export class ReviewPeriodsController {
  constructor(private readonly periods: ReviewPeriodsService) {}

  @Get()
  @Can('read', 'ReviewPeriod')
  @ApiQuery({ name: 'kind', required: false, enum: REQUEST_KINDS })
  list(@Query() query: unknown) {
    return this.periods.list(parseBody(listQuery, query).kind);
  }

  @Post()
  @Can('create', 'ReviewPeriod')
  @ApiBody({ schema: openApiSchema(newPeriodSchema) })
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.periods.create(body, user);
  }

  @Post(':id/extensions')
  @Can('extend', 'ReviewPeriod')
  @ApiBody({ schema: openApiSchema(extensionSchema) })
  extend(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.periods.extend(id, body, user);
  }
}
