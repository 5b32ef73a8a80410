import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MAX_RANGE_YEARS } from '@domain/stats-range';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ApiQueryFrom } from '../common/openapi-query';
import { breakdownSchema, summarySchema, timeseriesSchema } from '@contracts/stats';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema } from '../common/openapi-schema';
import { breakdownParams, exportParams, summaryParams, timeseriesParams } from './stats-params';
import { StatsService } from './stats.service';

const SCOPE =
  'Directors see their own division, the executive every division. Dates are Stockholm calendar dates, `to` ' +
  `inclusive; by default the last twelve months up to today; at most ${MAX_RANGE_YEARS} years (a longer range is ` +
  'answered 400 naming `from` or `to`).';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('summary')
  @Can('read', 'Statistics')
  @ApiQueryFrom(summaryParams)
  @ApiOkResponse({
    description: `Headline figures for the range. ${SCOPE}`,
    schema: openApiResponseSchema(summarySchema),
  })
  @ApiProblems(400, 401, 403)
  summary(@Query() query: unknown, @User() user: CurrentUser) {
    return this.stats.summary(query, user);
  }

  @Get('timeseries')
  @Can('read', 'Statistics')
  @ApiQueryFrom(timeseriesParams)
  @ApiOkResponse({
    description: `The figures per month or ISO week, with agency cost a year earlier. ${SCOPE}`,
    schema: openApiResponseSchema(timeseriesSchema),
  })
  @ApiProblems(400, 401, 403)
  timeseries(@Query() query: unknown, @User() user: CurrentUser) {
    return this.stats.timeseries(query, user);
  }

  @Get('breakdown')
  @Can('read', 'Statistics')
  @ApiQueryFrom(breakdownParams)
  @ApiOkResponse({
    description: `The figures per division, unit, occupational category, kind or review stage. ${SCOPE}`,
    schema: openApiResponseSchema(breakdownSchema),
  })
  @ApiProblems(400, 401, 403)
  breakdown(@Query() query: unknown, @User() user: CurrentUser) {
    return this.stats.breakdown(query, user);
  }

  @Get('export.csv')
  @Can('read', 'Statistics')
  @ApiQueryFrom(exportParams)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'One row per group and month for the board’s monthly report: UTF-8 with BOM, semicolons, decimal ' +
      `commas, CRLF, Swedish headers, as Swedish Excel opens it. ${SCOPE}`,
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="provning-statistik.csv"')
  async exportCsv(@Query() query: unknown, @User() user: CurrentUser) {
    return new StreamableFile(await this.stats.exportCsv(query, user));
  }
}
