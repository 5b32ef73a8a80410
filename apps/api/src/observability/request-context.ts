import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's id is taken only when it is short and plain: it ends up in logs, headers and workflow memos. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The id of the HTTP request being served, wherever in its async call chain this is asked. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Gives every request an id (the caller's X-Request-Id if sane, else a new uuid), echoes it in the response and
 * puts it on `req.id` for the HTTP log. Mounted first.
 */
export function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const requestId = requestIdFrom(req.headers['x-request-id']);
  req.id = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  next();
}

/**
 * Keeps the request id in async-local storage for the rest of the request (guards, handlers, the Temporal
 * client). Mounted after the body parser, whose stream callbacks would otherwise run outside the context.
 */
export function runInRequestContext(req: Request, _res: Response, next: NextFunction): void {
  storage.run({ requestId: String(req.id) }, next);
}
