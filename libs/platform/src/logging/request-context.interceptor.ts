import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import type { MsgHdrs } from 'nats';
import { Observable, tap } from 'rxjs';
import { appMetrics } from '../metrics';
import type { JsonLogger } from './json-logger';
import { contextOfPayload, requestContext, requestIdFrom, requestIdHeader } from './request-context';

/**
 * Every message a service handles runs in its request's context (the api's request id from the NATS header, the
 * payload's partnership and actor), and ends with one log line (subject, outcome, milliseconds) and its metrics.
 */
export class RequestContextInterceptor implements NestInterceptor {
  constructor(private readonly logger: JsonLogger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rpc = context.switchToRpc();
    const nats = rpc.getContext<NatsContext>();
    const headers = nats.getHeaders() as MsgHdrs | undefined;
    const subject = nats.getSubject();
    const request = {
      requestId: requestIdFrom(headers?.get(requestIdHeader)),
      ...contextOfPayload(rpc.getData()),
    };
    const started = performance.now();
    const handled = (outcome: string) => () => {
      const seconds = (performance.now() - started) / 1000;
      appMetrics.messageDuration.observe({ subject }, seconds);
      // Refusals are counted where every one passes, guards' included: the RpcErrorFilter.
      if (outcome === 'ok') appMetrics.messagesHandled.inc({ subject, outcome });
      this.logger.event('info', 'message handled', {
        subject,
        outcome,
        ms: Math.round(seconds * 10_000) / 10,
      });
    };
    return new Observable((subscriber) =>
      requestContext.run(request, () =>
        next
          .handle()
          .pipe(tap({ complete: handled('ok'), error: handled('error') }))
          .subscribe(subscriber),
      ),
    );
  }
}
