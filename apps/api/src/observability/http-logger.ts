import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Level, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** Probes and scrapes arrive every few seconds; they are logged at debug unless they fail. */
const QUIET_PATHS = /^\/api\/v1\/(health(\/live)?|metrics)(\?|$)/;

/** The app's JSON logger; `silent` when Nest's logger is switched off (tests). */
export function createAppLogger(level: Level | 'silent'): Logger {
  return pino({
    level,
    base: { service: 'provning-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      // The Idempotency-Key is chosen by the client and may carry anything, a personal number included.
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["idempotency-key"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
  });
}

/**
 * One JSON line per HTTP request: method, url, status, time taken and the request id (`reqId`, set by
 * requestContext). Bodies are never logged; the Authorization header is redacted.
 */
export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req) => req.id,
    customLogLevel(req: IncomingMessage, res: ServerResponse, error?: Error) {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
      return QUIET_PATHS.test(url) ? 'debug' : 'info';
    },
  });
}
