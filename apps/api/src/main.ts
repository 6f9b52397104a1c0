import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { announceReady, HttpErrorFilter, JsonLogger, loadConfig, serveMetrics } from '@mitra/platform';
import { ApiModule } from './api.module';
import { sessionCookieName } from './auth/session-cookie';
import { apiConfigSchema } from './config';
import { answerFrameworkError, bodyErrorOf, bodyLimitBytes, readJsonBodies } from './http/request-body';
import { logRequests } from './http/request-logging';
import { hasWebUi, serveWebUi } from './http/web-ui';

export const apiPrefix = 'api/v1';

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

async function bootstrap(): Promise<void> {
  const config = loadConfig(apiConfigSchema);
  const logger = new JsonLogger('api');
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule,
    new FastifyAdapter({
      bodyLimit: bodyLimitBytes,
      trustProxy: config.TRUST_PROXY_HOPS > 0 ? config.TRUST_PROXY_HOPS : false,
      frameworkErrors: answerFrameworkError,
      // As on Express: `/partnerships/` is `/partnerships`.
      routerOptions: { ignoreTrailingSlash: true },
      // Idle connections are closed by the client (browser, proxy: 60 s at most) before the server, so a
      // request never meets a connection the server is closing at that moment.
      keepAliveTimeout: 65_000,
    }),
    { bodyParser: false, bufferLogs: true },
  );
  app.useLogger(logger);
  const fastify = app.getHttpAdapter().getInstance();
  logRequests(fastify, logger);
  readJsonBodies(fastify);
  await app.register(fastifyHelmet, { contentSecurityPolicy, xFrameOptions: { action: 'deny' } });
  await app.register(fastifyCookie);
  app.setGlobalPrefix(apiPrefix);
  app.useGlobalFilters(new HttpErrorFilter(bodyErrorOf));
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

  if (hasWebUi(config.WEB_DIST)) serveWebUi(app, config.WEB_DIST);

  app.getHttpServer().headersTimeout = 66_000;
  await app.listen(config.API_PORT, config.API_HOST);
  await serveMetrics('api');
  announceReady('api');
}

void bootstrap();
