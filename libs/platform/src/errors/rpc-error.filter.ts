import { Catch, Logger, RpcExceptionFilter, type ArgumentsHost } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import { ErrorCode, MitraError, type ErrorBody } from '@mitra/contracts';
import { appMetrics } from '../metrics';

/**
 * A service's replies carry typed ErrorBodies; unknown errors are logged and reported as INTERNAL. Every refusal,
 * a guard's included, is counted by subject and code (`mitra_nats_messages_handled_total`).
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<ErrorBody> {
    const subject =
      host.getType() === 'rpc' ? host.switchToRpc().getContext<NatsContext>().getSubject() : 'unknown';
    const code = exception instanceof MitraError ? exception.code : ErrorCode.Internal;
    appMetrics.messagesHandled.inc({ subject, outcome: code });
    if (exception instanceof MitraError) return throwError(() => exception.toBody());
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return throwError(() => ({ code: ErrorCode.Internal, message: 'An unexpected error occurred.' }));
  }
}
