import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { ErrorCode, MitraError, type ErrorBody } from '@mitra/contracts';

/** A service's replies carry typed ErrorBodies; unknown errors are logged and reported as INTERNAL. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown): Observable<ErrorBody> {
    if (exception instanceof MitraError) return throwError(() => exception.toBody());
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return throwError(() => ({ code: ErrorCode.Internal, message: 'An unexpected error occurred.' }));
  }
}
