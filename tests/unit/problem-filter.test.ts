import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ProblemFilter } from '../../apps/api/src/common/problem.filter';

/** What the filter sends for `error`, through an Express-like response double. */
function answer(error: unknown) {
  const sent = {
    status: 0,
    type: '',
    headers: {} as Record<string, string>,
    body: {} as Record<string, unknown>,
  };
  const response = {
    headersSent: false,
    setHeader: (k: string, v: string) => (sent.headers[k] = v),
    status(code: number) {
      sent.status = code;
      return response;
    },
    type(t: string) {
      sent.type = t;
      return response;
    },
    send(text: string) {
      sent.body = JSON.parse(text) as Record<string, unknown>;
      return response;
    },
  };
  const request = { method: 'POST', path: '/api/v1/requests', originalUrl: '/api/v1/requests' };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(error, host);
  return sent;
}

/** A PostgreSQL error as pg raises it (a DatabaseError with its SQLSTATE in `code`). */
function pgError(code: string, message: string) {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

describe('ProblemFilter and PostgreSQL running out of resources', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('answers a full disk (SQLSTATE 53100) from a query with 503, Retry-After and a detail naming the disk', () => {
    const error = new QueryFailedError(
      'INSERT INTO requests ...',
      [],
      pgError('53100', 'could not extend file "base/16384/16397": No space left on device'),
    );
    const sent = answer(error);
    expect(sent.status).toBe(503);
    expect(sent.type).toBe('application/problem+json');
    expect(sent.headers['Retry-After']).toBe('30');
    expect(sent.body).toMatchObject({ status: 503, instance: '/api/v1/requests' });
    expect(String(sent.body.detail)).toMatch(/disk space/);
    // The path of the file PostgreSQL could not extend is an internal; the client never sees it.
    expect(JSON.stringify(sent.body)).not.toMatch(/base\/16384|No space left/);
  });

  it('answers a full disk raised outside a query (a bare pg error, e.g. at COMMIT) the same way', () => {
    const sent = answer(
      pgError('53100', 'could not write to file "pg_wal/xlogtemp.123": No space left on device'),
    );
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('30');
    expect(String(sent.body.detail)).toMatch(/disk space/);
  });

  it('answers the other insufficient-resources errors (class 53) with 503 and a shorter Retry-After', () => {
    for (const [code, says] of [
      ['53300', /connections/],
      ['53200', /memory/],
      ['53400', /resources/],
    ] as const) {
      const sent = answer(new QueryFailedError('SELECT 1', [], pgError(code, 'limit')));
      expect(sent.status).toBe(503);
      expect(sent.headers['Retry-After']).toBe('5');
      expect(String(sent.body.detail)).toMatch(says);
    }
  });

  it('still answers an unexpected database error with 500, without its message', () => {
    const sent = answer(new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key value')));
    expect(sent.status).toBe(500);
    expect(sent.headers['Retry-After']).toBeUndefined();
    expect(JSON.stringify(sent.body)).not.toMatch(/duplicate key/);
  });
});
