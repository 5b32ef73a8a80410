import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { parseReportMonth, parseReportTertial } from '@domain/report-period';
import type { BoardReport } from '@contracts/board-report';
import { buildBoardReport } from '../../../../libs/reports/build-board-report';
import { boardReportPdf } from '../../../../libs/reports/board-report-pdf';
import { boardReportXlsx } from '../../../../libs/reports/board-report-xlsx';
import { fileName } from '../../../../libs/reports/report-texts';
import type { CurrentUser } from '../auth/current-user';
import { parseBody } from '../common/parse-body';
import { DATA_SOURCE } from '../tokens';
import { reportQuery } from './stats-params';
import { StatsService } from './stats.service';

export interface ReportFile {
  body: Buffer;
  fileName: string;
}

/** The board report for a month or tertial, over what the caller may see (StatsService's scope rule). */
@Injectable()
export class BoardReportService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly stats: StatsService,
  ) {}

  async xlsx(query: unknown, user: CurrentUser, now = new Date()): Promise<ReportFile> {
    const report = await this.build(query, user, now);
    return { body: await boardReportXlsx(report), fileName: fileName(report, 'xlsx') };
  }

  async pdf(query: unknown, user: CurrentUser, now = new Date()): Promise<ReportFile> {
    const report = await this.build(query, user, now);
    return { body: await boardReportPdf(report), fileName: fileName(report, 'pdf') };
  }

  private build(query: unknown, user: CurrentUser, now: Date): Promise<BoardReport> {
    const q = parseBody(reportQuery, query);
    const period = q.month ? parseReportMonth(q.month)! : parseReportTertial(q.tertial!)!;
    return buildBoardReport(
      this.dataSource,
      { period, divisionIds: this.stats.divisionsFor(q.divisionId, user) },
      now,
    );
  }
}
