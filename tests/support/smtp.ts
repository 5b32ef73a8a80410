import { SMTPServer } from 'smtp-server';
import { freePort } from '@local/ports';

/** A mail as the SMTP server received it: the envelope, and the headers and text body decoded. */
export interface ReceivedMail {
  envelopeFrom: string;
  to: string[];
  from: string;
  subject: string;
  messageId: string;
  text: string;
  /** The message as received (latin1), for a multipart mail's parts (mime.ts). */
  raw: string;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Refuses RCPT TO for this address with a permanent 550, like a mailbox that does not exist. */
  refuse(address: string): void;
  /** Waits (bounded) until `predicate` holds for the mails received so far, and returns them. */
  waitFor(predicate: (mails: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Forgets the mails received and the addresses refused. */
  clear(): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on a free local port (plain SMTP: no STARTTLS, no AUTH), keeping every mail it accepts.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refused.has(address.address.toLowerCase())) return callback();
      const error = Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const parsed = { ...parseMessage(raw), raw };
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parsed,
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (address) => refused.add(address.toLowerCase()),
    async waitFor(predicate, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > until) {
          throw new Error(
            `mails expected within ${timeoutMs} ms; received: ${JSON.stringify(received.map((m) => [m.to, m.subject]))}`,
          );
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      return [...received];
    },
    clear() {
      received.splice(0);
      refused.clear();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Enough of RFC 5322/2045/2047 for the single-part text mails the mailer sends. */
function parseMessage(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const bodyRaw = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(bodyRaw)
        : Buffer.from(bodyRaw, 'latin1');
  return {
    from: decodeWords(headers.get('from') ?? ''),
    subject: decodeWords(headers.get('subject') ?? ''),
    messageId: headers.get('message-id') ?? '',
    text: bytes.toString('utf8').replace(/\r\n/g, '\n'),
  };
}

function decodeQuotedPrintable(s: string): Buffer {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(soft.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

/**
 * `=?UTF-8?Q?...?=` and `=?UTF-8?B?...?=` words (whitespace between adjacent words dropped), decoded as bytes
 * first so a character split across two words comes out whole.
 */
function decodeWords(value: string): string {
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of joined.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)) {
    parts.push(Buffer.from(joined.slice(last, m.index), 'latin1'));
    parts.push(
      m[1].toUpperCase() === 'B'
        ? Buffer.from(m[2], 'base64')
        : decodeQuotedPrintable(m[2].replace(/_/g, ' ')),
    );
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(joined.slice(last), 'latin1'));
  return Buffer.concat(parts).toString('utf8');
}
