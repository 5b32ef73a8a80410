import type { NextFunction, Request, Response } from 'express';
import { problem, type Problem } from './problem';

/**
 * Express error middleware for what the JSON body parser refuses. It answers here, because Nest would turn
 * these errors into a bare 400 and lose which kind of bad body it was.
 */
export function bodyErrors(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = error as { type?: string; status?: number };
  let body: Problem | undefined;
  if (e?.type === 'entity.parse.failed') {
    body = problem(400, 'The body is not valid JSON', {
      errors: [{ field: '(body)', message: 'is not valid JSON' }],
    });
  } else if (e?.type === 'entity.too.large') {
    body = problem(413, 'The body is larger than this API accepts');
  } else if (e?.type && (e.status ?? 0) >= 400 && (e.status ?? 0) < 500) {
    // charset.unsupported, encoding.unsupported, request.aborted …
    body = problem(e.status!, `The body could not be read (${e.type})`);
  }
  if (!body) return next(error);
  res
    .status(body.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...body, instance: req.originalUrl }));
}
