import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import * as express from 'express';
import helmet from 'helmet';
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import * as path from 'node:path';
import { ErrorCode, type ErrorBody } from '@mitra/contracts';
import {
  announceReady,
  appMetrics,
  errorCodeOfStatus,
  HttpErrorFilter,
  JsonLogger,
  loadConfig,
  requestContext,
  requestIdFrom,
  serveMetrics,
} from '@mitra/platform';
import { ApiModule } from './api.module';
import { sessionCookieName } from './auth/session-cookie';
import { apiConfigSchema } from './config';

export const apiPrefix = 'api/v1';
const bodyLimit = '256kb';

/**
 * The web UI is built by Vite (module scripts and stylesheets from our origin, no inline script);
 * Mantine and Swagger UI write inline styles. Nothing is framed, nothing loads from elsewhere.
 */
const contentSecurityPolicy = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
    // Mitra also runs on plain http (a laptop, a LAN); upgrading would break it there.
    upgradeInsecureRequests: null,
  },
};

/** Body-parser failures are the client's: a typed 400 or 413, never an HTML page or a 500. */
function bodyErrors(
  error: { type?: string; status?: number },
  _request: express.Request,
  response: express.Response,
  next: express.NextFunction,
): void {
  const status = error.status ?? 500;
  if (status < 400 || status >= 500) return next(error);
  const body: ErrorBody =
    error.type === 'entity.too.large'
      ? { code: ErrorCode.ValidationFailed, message: `The request body is larger than ${bodyLimit}.` }
      : error.type === 'entity.parse.failed'
        ? {
            code: ErrorCode.ValidationFailed,
            message: 'The input is invalid.',
            errors: [{ field: '(root)', reason: 'is not valid JSON' }],
          }
        : { code: errorCodeOfStatus(status), message: 'The request body cannot be read.' };
  response.status(status).json(body);
}

/**
 * Each request runs in its context (its `X-Request-Id` if sane, else a new one, sent back and on to the services),
 * which the access guard fills with the actor and partnership; one log line when it is answered.
 */
function requestLogging(logger: JsonLogger) {
  return (request: express.Request, response: express.Response, next: express.NextFunction): void => {
    const requestId = requestIdFrom(request.header('x-request-id'));
    response.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    requestContext.run({ requestId }, () => {
      const context = requestContext.current();
      response.once('finish', () => {
        const seconds = (performance.now() - started) / 1000;
        const matched = (request.route as { path?: string } | undefined)?.path;
        // Unmatched paths (the web's files, probes) share one label: a label per URL would grow without end.
        const labels = { method: request.method, route: matched ?? 'unmatched' };
        appMetrics.httpRequests.inc({ ...labels, status: String(response.statusCode) });
        appMetrics.httpDuration.observe(labels, seconds);
        requestContext.run(context!, () =>
          logger.event(response.statusCode >= 500 ? 'error' : 'info', 'request answered', {
            method: request.method,
            route: matched ?? request.path,
            status: response.statusCode,
            ms: Math.round(seconds * 10_000) / 10,
          }),
        );
      });
      next();
    });
  };
}

async function bootstrap(): Promise<void> {
  const config = loadConfig(apiConfigSchema);
  const logger = new JsonLogger('api');
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(logger);
  app.disable('x-powered-by');
  app.use(requestLogging(logger));
  if (config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.use(helmet({ contentSecurityPolicy, xFrameOptions: { action: 'deny' } }));
  app.use(express.json({ limit: bodyLimit }));
  app.use(bodyErrors);
  app.use(cookieParser());
  app.setGlobalPrefix(apiPrefix);
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Mitra API')
      .setDescription(
        'Multi-stakeholder partnerships for the SDGs. Sign in with `POST /api/v1/auth/sign-in` (the browser keeps the session cookie); ' +
          'every write sends the `csrfToken` of the answer as `X-CSRF-Token`.',
      )
      .setVersion('1')
      .addCookieAuth(sessionCookieName)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }, 'csrf')
      .build(),
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

  // Idle connections are closed by the client (browser, proxy: 60 s at most) before the server, so a
  // request never meets a connection the server is closing at that moment.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(config.API_PORT, config.API_HOST);
  await serveMetrics('api');
  announceReady('api');
}

void bootstrap();
