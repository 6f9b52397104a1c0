import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds: from a cached read (a few ms) to a heavy command past its wait. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15];

/**
 * The process's Prometheus metrics: Node's own (CPU, memory, event-loop lag, GC), the HTTP requests the api
 * answers, the NATS messages a service handles, and the NATS requests a caller sends, by outcome (503/504 and
 * refusals apart), so an operator sees where a slow approval spends its time and which hop fails.
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'mitra_http_requests_total',
    help: 'HTTP requests answered by the api, by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'mitra_http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['method', 'route'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly messagesHandled = new Counter({
    name: 'mitra_nats_messages_handled_total',
    help: 'NATS requests a service handled, by subject and outcome (ok, or the error code)',
    labelNames: ['subject', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly messageDuration = new Histogram({
    name: 'mitra_nats_message_duration_seconds',
    help: 'Time a service took to handle a NATS request',
    labelNames: ['subject'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly natsRequests = new Counter({
    name: 'mitra_nats_requests_total',
    help: 'NATS requests this process sent, by subject and outcome (ok, the refusal code, SERVICE_UNAVAILABLE, OUTCOME_UNKNOWN)',
    labelNames: ['subject', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly natsRequestDuration = new Histogram({
    name: 'mitra_nats_request_duration_seconds',
    help: 'Round trip of a NATS request this process sent',
    labelNames: ['subject'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Serves `/metrics` on loopback by default (a scraper beside the app, or a tunnel, reads it; nothing else is served). The
   * app's name becomes a label of every series.
   */
  async serve(app: string, port: number, options: ServeOptions = {}): Promise<http.Server> {
    this.registry.setDefaultLabels({ app });
    const server = http.createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      Promise.all([this.registry.metrics(), options.more?.() ?? ''])
        .then(([own, more]) => `${own}\n${more}`)
        .then(
          (text) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
          () => response.writeHead(500).end(),
        );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? '127.0.0.1', resolve);
    });
    server.unref();
    return server;
  }
}

export interface ServeOptions {
  host?: string;
  /** More series in the text format, appended to the app's own: the Temporal SDK's, in the worker. */
  more?: () => Promise<string>;
}

/** One registry per process: the api's middleware, a service's interceptor and every ServiceClient record into it. */
export const appMetrics = new AppMetrics();

/** Starts the metrics endpoint when the app is given `METRICS_PORT`; returns the port it listens on. */
export async function serveMetrics(
  app: string,
  options: Pick<ServeOptions, 'more'> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<number | undefined> {
  const port = env.METRICS_PORT;
  if (port === undefined || port === '') return undefined;
  const parsed = Number(port);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
    throw new Error(`METRICS_PORT: ${port} is not a port`);
  const server = await appMetrics.serve(app, parsed, options);
  return (server.address() as AddressInfo).port;
}
