import 'reflect-metadata';
import { type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { AppModule, type ApiDependencies } from './app.module';
import { bodyErrors } from './common/body-errors';

export const API_PREFIX = 'api/v1';

/** Builds the configured Nest application (not yet listening). */
export async function createApi(
  deps: ApiDependencies,
  logger?: LoggerService | LogLevel[] | false,
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.with(deps), {
    bodyParser: false,
    logger: logger ?? undefined,
  });
  // Our own parser: a size limit, strict JSON, and its errors go through the problem filter.
  app.use(
    express.json({
      limit: deps.config.http.bodyLimit,
      strict: true,
      type: ['application/json', 'application/*+json'],
    }),
  );
  app.use(bodyErrors);
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
