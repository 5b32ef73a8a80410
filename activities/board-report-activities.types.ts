/** Recipients who get the same report: the follow-up role over the region, or over the same divisions. */
export interface BoardReportGroup {
  /** `region`, or the division ids joined by commas (sorted): the row's `scope` in board_report_mailings. */
  scope: string;
  divisionIds: string[] | null;
  recipients: { userId: string; email: string }[];
}

export interface BoardReportMailInput {
  /** The report's month, YYYY-MM. */
  month: string;
  group: BoardReportGroup;
  /** The instant the report is generated at (the workflow's time): its "generated" line and open count. */
  at: string;
}

export interface BoardReportMailResult {
  sent: number;
  /** Already sent by an earlier attempt or run. */
  alreadySent: number;
  /** Not sent because the worker has no mailer (SMTP_URL unset). */
  noMailer: number;
}

/** What the board report workflow asks of the worker. Both are idempotent per month and recipient. */
export interface BoardReportActivities {
  /** The follow-up role's holders on `day`, grouped by the report their scope gets. */
  boardReportGroups(input: { day: string }): Promise<BoardReportGroup[]>;
  /** Builds the group's report (XLSX and PDF) and mails it to each recipient not yet sent this month's. */
  mailBoardReport(input: BoardReportMailInput): Promise<BoardReportMailResult>;
}
