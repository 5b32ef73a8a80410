import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, httpStatusOf } from '@domain/errors';
import { problem, ProblemException, type Problem } from './problem';

/** PostgreSQL is unreachable or restarting: the client should come back, nothing was decided. */
const DB_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  if (!e) return false;
  if (DB_UNAVAILABLE.has(e.code ?? '') || DB_UNAVAILABLE.has(e.driverError?.code ?? '')) return true;
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(
    e.message ?? '',
  );
}

/**
 * PostgreSQL's class 53, insufficient resources: nothing was written and nothing is wrong with the request, so the
 * client is told to come back (503 with Retry-After), with what ran out. A full disk (53100) takes an operator to
 * free space, so the client waits longer before it asks again.
 */
const DB_OUT_OF_RESOURCES: Record<string, { detail: string; retryAfter: string }> = {
  '53100': {
    detail: 'The database has run out of disk space, so nothing was saved; try again later',
    retryAfter: '30',
  },
  '53200': {
    detail: 'The database has run out of memory, so nothing was saved; try again shortly',
    retryAfter: '5',
  },
  '53300': { detail: 'The database has no free connections; try again shortly', retryAfter: '5' },
};
const DB_OUT_OF_OTHER = {
  detail: 'The database has run out of resources; try again shortly',
  retryAfter: '5',
};

export function databaseOutOfResources(error: unknown): { detail: string; retryAfter: string } | undefined {
  const e = error as { code?: string; driverError?: { code?: string } } | undefined;
  const code = e?.driverError?.code ?? e?.code ?? '';
  return DB_OUT_OF_RESOURCES[code] ?? (/^53/.test(code) ? DB_OUT_OF_OTHER : undefined);
}

/**
 * Every error leaves as application/problem+json. Unknown errors are logged with their stack and answered
 * without it; a client never sees internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const { body, headers } = this.toProblem(error, request);
    if (response.headersSent) return;
    for (const [k, v] of Object.entries(headers)) response.setHeader(k, v);
    response
      .status(body.status)
      .type('application/problem+json')
      .send(JSON.stringify({ ...body, instance: request.originalUrl }));
  }

  private toProblem(error: unknown, request: Request): { body: Problem; headers: Record<string, string> } {
    if (error instanceof ProblemException) return { body: error.problem, headers: error.headers };
    if (error instanceof DomainError) {
      return {
        body: problem(httpStatusOf(error.code), error.message, {
          code: error.code,
          errors: error.fields.length ? error.fields : undefined,
        }),
        headers: {},
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const res = error.getResponse();
      const detail =
        typeof res === 'string' ? res : ((res as { message?: string | string[] }).message ?? error.message);
      return { body: problem(status, Array.isArray(detail) ? detail.join('; ') : detail), headers: {} };
    }
    if (isDatabaseUnavailable(error)) {
      this.logger.warn(
        `database unavailable on ${request.method} ${request.path}: ${(error as Error).message}`,
      );
      return {
        body: problem(503, 'The database is unavailable; try again shortly'),
        headers: { 'Retry-After': '5' },
      };
    }
    const outOf = databaseOutOfResources(error);
    if (outOf) {
      this.logger.warn(
        `database out of resources on ${request.method} ${request.path}: ${(error as Error).message}`,
      );
      return { body: problem(503, outOf.detail), headers: { 'Retry-After': outOf.retryAfter } };
    }
    // 22P02 a malformed value, 22021/22P05 a character PostgreSQL cannot store (a NUL): the input's fault.
    if (
      error instanceof QueryFailedError &&
      ['22P02', '22021', '22P05'].includes((error.driverError as { code?: string })?.code ?? '')
    ) {
      return { body: problem(400, 'A value has the wrong format'), headers: {} };
    }
    this.logger.error(
      `unhandled error on ${request.method} ${request.path}`,
      (error as Error)?.stack ?? String(error),
    );
    return { body: problem(500, 'Something went wrong on our side; it has been logged'), headers: {} };
  }
}
