/** What one run of the resend job did. */
export interface MailResendResult {
  /** Outbox mails claimed: unsent past the grace period. */
  claimed: number;
  sent: number;
  failed: number;
  /** Of the failed, those given up for good (attempts exhausted or a permanent refusal). */
  gaveUp: number;
  /** True when the worker has no mailer (SMTP_URL unset): nothing was claimed. */
  noMailer: boolean;
}

/** What the mail outbox workflow asks of the worker. */
export interface MailOutboxActivities {
  /** Sends the outbox mails left unsent past the grace period (a crash after commit, a failed send). */
  resendUnsentMails(input: Record<string, never>): Promise<MailResendResult>;
}
