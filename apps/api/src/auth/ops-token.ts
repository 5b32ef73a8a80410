import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { AppConfig } from '@config/config';
import { bearerToken } from './bearer';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether the request carries OPS_TOKEN as its bearer token. A shared secret rather than a user's token, because
 * the callers are Prometheus and an operator looking at a sick API, and a user's token needs the database that
 * may be the very thing that is down. Compared in constant time.
 */
export function carriesOpsToken(req: Request, config: AppConfig): boolean {
  const expected = config.http.opsToken;
  const given = bearerToken(req.headers.authorization);
  return !!expected && !!given && timingSafeEqual(digest(given), digest(expected));
}
