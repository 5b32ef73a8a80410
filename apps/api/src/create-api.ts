import 'reflect-metadata';
import { type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { requireSignInChoice } from '@config/config';
import { AppModule, type ApiDependencies } from './app.module';
import { AuthService } from './auth/auth.service';
import { bodyErrors } from './common/body-errors';
import { documentInputErrors } from './common/openapi-input-errors';
import { COMPONENT_SCHEMAS } from './common/openapi-responses';
import { httpMetrics } from './metrics/http-metrics';
import { MetricsService } from './metrics/metrics.service';
import { createAppLogger, httpLogger } from './observability/http-logger';
import { assignRequestId, runInRequestContext } from './observability/request-context';
import { bodyChecks, documentRateLimits, enableCors, rateLimits, securityHeaders } from './common/security';

export const API_PREFIX = 'api/v1';

/**
 * Builds the configured Nest application (not yet listening). `logger` is Nest's own (its internals); the HTTP
 * log is JSON from pino at LOG_LEVEL, and silent when `logger` is false.
 */
export async function createApi(
  deps: ApiDependencies,
  logger?: LoggerService | LogLevel[] | false,
): Promise<INestApplication> {
  requireSignInChoice(deps.config);
  const app = await NestFactory.create(AppModule.with(deps), {
    bodyParser: false,
    logger: logger ?? undefined,
  });
  // Before everything else: the request id, then the JSON access log and the latency histogram that use it.
  app.use(assignRequestId);
  app.use(httpLogger(createAppLogger(logger === false ? 'silent' : deps.config.logLevel)));
  app.use(httpMetrics(app.get(MetricsService)));
  // Headers, CORS and the rate limits come before the body parser, so what they refuse is never read.
  app.use(securityHeaders(deps.config));
  enableCors(app, deps.config);
  const auth = app.get(AuthService);
  app.use(rateLimits(deps.config, (token) => auth.verifiedSubject(token)));
  // Our own parser: a size limit, strict JSON, and its errors go through the problem filter.
  app.use(
    express.json({
      limit: deps.config.http.bodyLimit,
      strict: true,
      type: ['application/json', 'application/*+json'],
    }),
  );
  app.use(bodyErrors);
  app.use(bodyChecks);
  app.use(runInRequestContext);
  app.setGlobalPrefix(API_PREFIX);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Prövning API')
      .setDescription('Special review (särskild prövning) of hires and agency call-offs')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...COMPONENT_SCHEMAS },
  };
  documentRateLimits(document, deps.config);
  documentInputErrors(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  serveWebApp(app);
  return app;
}

/** apps/web/dist, seen from this file in the sources (apps/api/src) and in the build (dist/apps/api/src). */
const WEB_DIST_CANDIDATES = [
  resolve(__dirname, '../../web/dist'),
  resolve(__dirname, '../../../../apps/web/dist'),
];

/**
 * The web UI, when it has been built: its files, and its index.html for every other path outside /api so that
 * client-side routes survive a reload. /api stays the API's alone, with its own 404s.
 */
function serveWebApp(app: INestApplication): void {
  const dir = WEB_DIST_CANDIDATES.find((d) => existsSync(join(d, 'index.html')));
  if (!dir) return;
  const index = join(dir, 'index.html');
  const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
  const serveFiles = express.static(dir, {
    index: false,
    // Vite names assets by content hash, so they never change; index.html must always be fresh.
    setHeaders: (res, path) =>
      res.setHeader(
        'Cache-Control',
        path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    isApi(req.path) ? next() : serveFiles(req, res, next),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      isApi(req.path) ||
      req.path.startsWith('/assets/')
    ) {
      return next();
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
