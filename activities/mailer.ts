import { createTransport } from 'nodemailer';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /**
   * The notification the mail copies: it becomes the Message-ID (`<notification-<id>@provning>`), so a mail
   * system can tell one notification's copies apart from another's.
   */
  notificationId?: string;
  /** A Message-ID of the mail's own (`<…@provning>`), for a mail that copies no notification (the board report). */
  messageId?: string;
  /** Files sent with the mail (the board report's XLSX and PDF); the mail becomes multipart/mixed. */
  attachments?: MailAttachment[];
}

/** Sends one e-mail; resolves once the mail server has accepted it, rejects otherwise. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Where the web app is (PUBLIC_URL): mails link to the page where their reader acts. Unset, they carry no link. */
  publicUrl?: string;
  /** Closes the transport's connections, if it keeps any. */
  close(): void;
}

export interface SmtpMailerConfig {
  /** `smtp://` (plain, upgraded with STARTTLS when offered) or `smtps://` (TLS), with credentials if needed. */
  url: string;
  from: string;
  publicUrl?: string;
}

/**
 * Timeouts well inside the activities' 15-second start-to-close timeout: a mail server that hangs makes the send
 * fail and be recorded, not the activity time out.
 */
const TIMEOUTS = {
  connectionTimeout: 5_000,
  greetingTimeout: 5_000,
  socketTimeout: 8_000,
  dnsTimeout: 3_000,
};

export function createSmtpMailer(config: SmtpMailerConfig): Mailer {
  const transport = createTransport({ url: config.url, ...TIMEOUTS }, { from: config.from });
  return {
    publicUrl: config.publicUrl,
    async send(message) {
      await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId ?? `<notification-${message.notificationId}@provning>`,
        ...(message.attachments && {
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        }),
      });
    },
    close() {
      transport.close();
    },
  };
}
