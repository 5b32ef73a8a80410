import * as wf from '@temporalio/workflow';
import type { BoardReportActivities } from '@activities/board-report-activities.types';
import { stockholmDate } from '@domain/calendar';
import { reportDueOn, reportPeriodKey } from '@domain/report-period';

export interface BoardReportInput {
  /** The Stockholm day to act for; absent, the day the workflow starts (as the schedule starts it). */
  day?: string;
}

export interface BoardReportResult {
  day: string;
  /** The month whose report was due, or null when the day is not the first business day of its month. */
  month: string | null;
  groups: number;
  sent: number;
  alreadySent: number;
  noMailer: number;
}

const acts = wf.proxyActivities<BoardReportActivities>({
  // Building a month's report over a large history takes seconds; the SMTP sends are bounded by the mailer.
  startToCloseTimeout: '5 minutes',
  // About a day of retries (a mail server down overnight), then the run fails and says so; with the schedule's
  // overlap policy a run retrying for ever would skip every later day, next month's first business day included.
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '30 minutes',
    maximumAttempts: 55,
  },
});

/**
 * Started every morning by the schedule (board-report-schedule.ts): on the first business day of a month it mails
 * the previous month's board report to the follow-up role, a report per scope. The day is read from the
 * workflow's clock, which replays the same; the calendar rule is a pure function of libs/domain.
 */
export async function boardReportWorkflow(input: BoardReportInput = {}): Promise<BoardReportResult> {
  const day = input.day ?? stockholmDate(new Date(Date.now()));
  const result: BoardReportResult = { day, month: null, groups: 0, sent: 0, alreadySent: 0, noMailer: 0 };
  const due = reportDueOn(day);
  if (!due) return result;
  result.month = reportPeriodKey(due);
  const groups = await acts.boardReportGroups({ day });
  result.groups = groups.length;
  for (const group of groups) {
    const sent = await acts.mailBoardReport({
      month: result.month,
      group,
      at: new Date(Date.now()).toISOString(),
    });
    result.sent += sent.sent;
    result.alreadySent += sent.alreadySent;
    result.noMailer += sent.noMailer;
  }
  return result;
}
