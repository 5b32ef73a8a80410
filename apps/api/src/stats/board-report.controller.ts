import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiProblems } from '../common/openapi-responses';
import { BoardReportService, type ReportFile } from './board-report.service';
import { reportParams } from './stats-params';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';

const ABOUT =
  'The board report (styrelserapport) for a month (`month=2026-11`) or a tertial (`tertial=2026-T1`: T1 ' +
  'January–April, T2 May–August, T3 September–December): exactly one of them, else 400 naming the field. The ' +
  'figures are the statistics endpoints’ for the same range and scope. Directors get their own division, the ' +
  'executive, HR lead and follow-up role their grant’s scope; `divisionId` narrows it to one division (403 if ' +
  'outside the scope). The file is named `styrelserapport-<period>[-division].<ext>`.';

function send(res: Response, type: string, file: ReportFile): StreamableFile {
  res.setHeader('Content-Type', type);
  // The name is ASCII (period key and fixed words), so the plain filename parameter is enough.
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  return new StreamableFile(file.body);
}

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('stats')
export class BoardReportController {
  constructor(private readonly reports: BoardReportService) {}

  @Get('report.xlsx')
  @Can('read', 'Statistics')
  @ApiQueryFrom(reportParams)
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: `${ABOUT} A workbook with a sheet per view, Swedish number formats and totals as formulas.`,
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 401, 403)
  async xlsx(@Query() query: unknown, @User() user: CurrentUser, @Res({ passthrough: true }) res: Response) {
    return send(res, XLSX, await this.reports.xlsx(query, user));
  }

  @Get('report.pdf')
  @Can('read', 'Statistics')
  @ApiQueryFrom(reportParams)
  @ApiProduces(PDF)
  @ApiOkResponse({
    description: `${ABOUT} An A4 PDF in Swedish with the headline figures, cost tables, divisions and charts.`,
    content: { [PDF]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 401, 403)
  async pdf(@Query() query: unknown, @User() user: CurrentUser, @Res({ passthrough: true }) res: Response) {
    return send(res, PDF, await this.reports.pdf(query, user));
  }
}
