import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import * as express from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { announceReady, HttpErrorFilter, loadConfig } from '@mitra/platform';
import { ApiModule } from './api.module';
import { apiConfigSchema } from './config';

export const apiPrefix = 'api/v1';

async function bootstrap(): Promise<void> {
  const config = loadConfig(apiConfigSchema);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bodyParser: false });
  app.use(express.json({ limit: '256kb' }));
  app.setGlobalPrefix(apiPrefix);
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Mitra API').setDescription('Multi-stakeholder partnerships for the SDGs').setVersion('1').build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (config.WEB_DIST && fs.existsSync(path.join(config.WEB_DIST, 'index.html'))) {
    const indexHtml = path.join(config.WEB_DIST, 'index.html');
    app.use(express.static(config.WEB_DIST, { index: false }));
    // Client-side routes: every non-API GET that is not a file gets the single-page app.
    app.use((request: express.Request, response: express.Response, next: express.NextFunction) => {
      if (request.method !== 'GET' || request.path.startsWith('/api/')) return next();
      response.sendFile(indexHtml);
    });
  }

  await app.listen(config.API_PORT, config.API_HOST);
  announceReady('api');
}

void bootstrap();
