import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { AppConfig } from '@config/config';
import { bearerToken } from '../auth/bearer';
import { problem } from './problem';

/**
 * Security headers. The UI and Swagger UI load only their own scripts, so helmet's default policy fits; two
 * changes: the OIDC issuer must be reachable by the UI's fetch (discovery and token endpoint), and
 * `upgrade-insecure-requests` is dropped because `npm start` serves plain HTTP on the LAN, where it would break
 * every asset (production terminates TLS in front and HSTS still applies there).
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const connectSrc = ["'self'"];
  if (config.auth.mode === 'oidc') connectSrc.push(new URL(config.auth.issuer).origin);
  return helmet({
    contentSecurityPolicy: {
      directives: { 'connect-src': connectSrc, 'upgrade-insecure-requests': null },
    },
  });
}

/**
 * Cross-origin calls only from the configured origins (CORS_ORIGINS). Without any, no CORS headers are sent at
 * all: the UI is served by the API itself, so a browser on another site cannot read our answers.
 */
export function enableCors(app: INestApplication, config: AppConfig): void {
  if (config.http.corsOrigins.length === 0) return;
  app.enableCors({
    origin: config.http.corsOrigins,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    // X-Namespace: the Temporal UI sends it to the codec endpoint (its origin belongs in CORS_ORIGINS).
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'X-Namespace'],
    exposedHeaders: ['Retry-After', 'X-Request-Id', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
}

/** The rate-limited operations, as the OpenAPI document names them. */
export const RATE_LIMITED = [
  {
    method: 'post',
    path: '/api/v1/auth/dev-login',
    limit: (c: AppConfig) => c.http.rateLimits.loginPerMinute,
  },
  { method: 'post', path: '/api/v1/requests', limit: (c: AppConfig) => c.http.rateLimits.submitPerMinute },
] as const;

/** Who a verified bearer token belongs to (AuthService.verifiedSubject); undefined when it does not verify. */
export type SubjectOf = (token: string) => Promise<string | undefined>;

const addressKey = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;

/**
 * A caller is the user its token was verifiably issued to (so users behind one proxy do not share a budget, and
 * one user's many tokens or spellings of the header share one), else its address: a made-up or expired token
 * counts against the address it came from.
 */
function callerKey(subjectOf: SubjectOf): (req: Request) => Promise<string> {
  return async (req) => {
    const token = bearerToken(req.headers.authorization);
    const subject = token && (await subjectOf(token));
    return subject ? `u:${subject}` : addressKey(req);
  };
}

/** The path as routing matches it: Express routes ignore case and a trailing slash. */
const routedPath = (req: Request) => req.path.toLowerCase().replace(/\/+$/, '');

function limiter(
  perMinute: number,
  keyGenerator: (req: Request) => string | Promise<string>,
): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator,
    handler: (req: Request, res: Response) => {
      const retryAfter = Math.max(
        1,
        Math.ceil(
          ((req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ??
            Date.now() + 60_000) /
            1000 -
            Date.now() / 1000,
        ),
      );
      res
        .status(429)
        .setHeader('Retry-After', String(retryAfter))
        .type('application/problem+json')
        .send(
          JSON.stringify({
            ...problem(429, `Too many calls; try again in ${retryAfter} s`),
            instance: req.originalUrl,
          }),
        );
    },
  });
}

/**
 * Login and submission are limited per minute (RATE_LIMIT_LOGIN_PER_MINUTE, RATE_LIMIT_SUBMIT_PER_MINUTE; 0 turns
 * one off). Mounted before the body parser, so a flood is refused before any body is read.
 */
export function rateLimits(config: AppConfig, subjectOf: SubjectOf): RequestHandler {
  const login = config.http.rateLimits.loginPerMinute
    ? limiter(config.http.rateLimits.loginPerMinute, addressKey)
    : undefined;
  const submit = config.http.rateLimits.submitPerMinute
    ? limiter(config.http.rateLimits.submitPerMinute, callerKey(subjectOf))
    : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    const path = routedPath(req);
    if (login && path === RATE_LIMITED[0].path) return login(req, res, next);
    if (submit && path === RATE_LIMITED[1].path) return submit(req, res, next);
    return next();
  };
}

/** Adds the 429 answer to the limited operations of the document, so clients (and schemathesis) expect it. */
export function documentRateLimits(document: OpenAPIObject, config: AppConfig): void {
  for (const op of RATE_LIMITED) {
    const operation = document.paths[op.path]?.[op.method];
    if (!operation || !op.limit(config)) continue;
    operation.responses['429'] = {
      description: `More than ${op.limit(config)} calls a minute from this caller; try again after Retry-After seconds`,
      headers: {
        'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'string' } },
      },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
}

/** No body of this API nests deeper than a few levels; 32 leaves room and stops recursion attacks cheaply. */
export const MAX_BODY_DEPTH = 32;

/**
 * The depth of a parsed JSON value and the path of the first string holding a NUL character (PostgreSQL text
 * cannot store one, so no field may carry it), walked without recursion so a hostile body cannot blow the stack.
 */
export function inspectJson(value: unknown, stopAt = Infinity): { depth: number; nulAt?: string } {
  let depth = 0;
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length) {
    const [v, d, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { depth, nulAt: path || '(body)' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > depth) depth = d + 1;
    if (depth > stopAt) return { depth };
    const at = (key: string) => (path ? `${path}.${key}` : key);
    if (Array.isArray(v)) v.forEach((child, i) => stack.push([child, d + 1, at(String(i))]));
    else
      for (const [key, child] of Object.entries(v)) {
        if (key.includes('\u0000')) return { depth, nulAt: at(key.split('\u0000').join('\\u0000')) };
        stack.push([child, d + 1, at(key)]);
      }
  }
  return { depth };
}

function refuseBody(req: Request, res: Response, detail: string, field: string, message: string): void {
  res
    .status(400)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        ...problem(400, detail, { errors: [{ field, message }] }),
        instance: req.originalUrl,
      }),
    );
}

/**
 * Refuses, right after parsing and before validation, idempotency fingerprints or anything else that walks the
 * body recursively or stores it: a body nested deeper than MAX_BODY_DEPTH, and a NUL character in any string
 * (schemathesis found `{"username": "…\u0000"}` reaching PostgreSQL, which refused it, as a 500).
 */
export function bodyChecks(req: Request, res: Response, next: NextFunction): void {
  if (req.body === undefined) return next();
  const { depth, nulAt } = inspectJson(req.body, MAX_BODY_DEPTH);
  if (depth > MAX_BODY_DEPTH) {
    return refuseBody(
      req,
      res,
      `The body is nested deeper than ${MAX_BODY_DEPTH} levels`,
      '(body)',
      `is nested deeper than ${MAX_BODY_DEPTH} levels`,
    );
  }
  if (nulAt)
    return refuseBody(req, res, 'The body has invalid fields', nulAt, 'must not contain a NUL character');
  next();
}
