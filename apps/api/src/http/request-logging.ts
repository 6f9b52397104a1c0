import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appMetrics, JsonLogger, requestContext, requestIdFrom, type RequestContext } from '@mitra/platform';

const contexts = new WeakMap<FastifyRequest, RequestContext>();

/** A header's single value; a repeated header counts as absent. */
const headerValue = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/**
 * Each request runs in its context (its `X-Request-Id` if sane, else a new one, sent back and on to the services),
 * which the access guard fills with the actor and partnership; one log line when it is answered.
 */
export function logRequests(fastify: FastifyInstance, logger: JsonLogger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const context: RequestContext = {
      requestId: requestIdFrom(headerValue(request.headers['x-request-id'])),
    };
    contexts.set(request, context);
    void reply.header('X-Request-Id', context.requestId);
    requestContext.run(context, done);
  });
  // The body is read on the socket's events, outside the context entered above: the handler enters it again.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const context = contexts.get(request);
    if (context) requestContext.run(context, done);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const seconds = reply.elapsedTime / 1000;
    const matched = request.is404 ? undefined : request.routeOptions.url;
    // Unmatched paths (probes, typos) share one label: a label per URL would grow without end.
    const labels = { method: request.method, route: matched ?? 'unmatched' };
    appMetrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    appMetrics.httpDuration.observe(labels, seconds);
    const answered = () =>
      logger.event(reply.statusCode >= 500 ? 'error' : 'info', 'request answered', {
        method: request.method,
        route: matched ?? request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(seconds * 10_000) / 10,
      });
    const context = contexts.get(request);
    if (context) requestContext.run(context, answered);
    else answered();
    done();
  });
}
