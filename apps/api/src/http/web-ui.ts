import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** True when `webDist` holds a built web UI. */
export const hasWebUi = (webDist: string | undefined): webDist is string =>
  webDist !== undefined && fs.existsSync(path.join(webDist, 'index.html'));

/**
 * The built web UI: its files as they are (a route each, listed at start: the build does not change
 * while the api runs), and the single-page app for every other GET outside the API.
 */
export function serveWebUi(app: NestFastifyApplication, webDist: string): void {
  const indexHtml = fs.readFileSync(path.join(webDist, 'index.html'));
  app.useStaticAssets({ root: webDist, index: false, wildcard: false, decorateReply: false });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request, reply) =>
      request.url.startsWith('/api/')
        ? reply.callNotFound()
        : reply.type('text/html; charset=utf-8').send(indexHtml),
    );
}
