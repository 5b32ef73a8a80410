import type { DataSource } from 'typeorm';
import { createLogger } from '@config/logger';
import { parseReportMonth } from '@domain/report-period';
import { statisticsScope } from '@domain/stats-scope';
import { BoardReportMailingsRepository } from '@db/repositories/board-report-mailings.repository';
import { boardReportPdf } from '../libs/reports/board-report-pdf';
import { boardReportXlsx } from '../libs/reports/board-report-xlsx';
import { buildBoardReport } from '../libs/reports/build-board-report';
import { fileName } from '../libs/reports/report-texts';
import type { BoardReport } from '@contracts/board-report';
import type { BoardReportActivities, BoardReportGroup } from './board-report-activities.types';
import type { Mailer } from './mailer';

export interface BoardReportActivitiesDeps {
  dataSource: DataSource;
  /** Absent (SMTP_URL unset): the reports are not mailed, and the log says so. */
  mailer?: Mailer;
  log?: (message: string) => void;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function mailText(report: BoardReport): string {
  return [
    'Hej!',
    '',
    `Här är styrelserapporten för särskild prövning av anställningar och inhyrd personal, ${report.period.label}, ` +
      `${report.scope.label}. Den är bifogad som Excel-fil och som PDF.`,
    '',
    'Siffrorna är desamma som statistiksidan i Prövning visar för samma period och omfattning. Rapporten skickas ' +
      'automatiskt första arbetsdagen varje månad till den som har rollen uppföljare.',
    '',
    'Prövning',
  ].join('\n');
}

export function createBoardReportActivities(deps: BoardReportActivitiesDeps): BoardReportActivities {
  const log = deps.log ?? createLogger('board-report');
  return {
    async boardReportGroups({ day }) {
      const recipients = await new BoardReportMailingsRepository(deps.dataSource).followUpRecipients(day);
      const groups = new Map<string, BoardReportGroup>();
      for (const r of recipients) {
        // The scope rule the statistics API applies to the same grants: the region, or their divisions.
        const seen = statisticsScope(r.scopes.map((scopeUnitId) => ({ role: 'follow_up', scopeUnitId })));
        if (seen !== 'region' && seen.length === 0) continue;
        const divisionIds = seen === 'region' ? null : [...seen].sort();
        const scope = divisionIds ? divisionIds.join(',') : 'region';
        const group = groups.get(scope) ?? { scope, divisionIds, recipients: [] };
        group.recipients.push({ userId: r.userId, email: r.email });
        groups.set(scope, group);
      }
      return [...groups.values()].sort((a, b) => a.scope.localeCompare(b.scope));
    },

    async mailBoardReport({ month, group, at }) {
      const result = { sent: 0, alreadySent: 0, noMailer: 0 };
      const period = parseReportMonth(month);
      if (!period) throw new Error(`not a report month: ${month}`);
      const mailer = deps.mailer;
      if (!mailer) {
        log(`board report ${month} (${group.scope}) not mailed: SMTP_URL unset`);
        return { ...result, noMailer: group.recipients.length };
      }
      const done = await new BoardReportMailingsRepository(deps.dataSource).sentTo(
        month,
        group.recipients.map((r) => r.userId),
      );
      if (done.size === group.recipients.length) return { ...result, alreadySent: done.size };
      const report = await buildBoardReport(
        deps.dataSource,
        { period, ...(group.divisionIds && { divisionIds: group.divisionIds }) },
        new Date(at),
      );
      const attachments = [
        { filename: fileName(report, 'xlsx'), content: await boardReportXlsx(report), contentType: XLSX },
        {
          filename: fileName(report, 'pdf'),
          content: await boardReportPdf(report),
          contentType: 'application/pdf',
        },
      ];
      for (const recipient of group.recipients) {
        // The row's lock is held while the mail goes out: a second run waits, then finds it sent.
        const sent = await deps.dataSource.transaction(async (db) => {
          const mailings = new BoardReportMailingsRepository(db);
          if (!(await mailings.claim(month, recipient.userId, group.scope, recipient.email))) return false;
          await mailer.send({
            to: recipient.email,
            subject: `Styrelserapport ${report.period.label} – ${report.scope.label}`,
            text: mailText(report),
            messageId: `<board-report-${month}-${recipient.userId}@provning>`,
            attachments,
          });
          await mailings.markSent(month, recipient.userId, new Date().toISOString());
          return true;
        });
        if (sent) result.sent += 1;
        else result.alreadySent += 1;
      }
      return result;
    },
  };
}
