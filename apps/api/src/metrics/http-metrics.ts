import type { NextFunction, Request, Response } from 'express';
import { type MetricsService, UNMATCHED_ROUTE } from './metrics.service';

/**
 * Times every HTTP request and records it under its route template (`/api/v1/requests/:id`, as Express
 * matched it), never the raw path, so ids do not become label values.
 */
export function httpMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const template = (req.route as { path?: unknown } | undefined)?.path;
      metrics.observeHttp(
        req.method,
        typeof template === 'string' ? template : UNMATCHED_ROUTE,
        res.statusCode,
        seconds,
      );
    });
    next();
  };
}
