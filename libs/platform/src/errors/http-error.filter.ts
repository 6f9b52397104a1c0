import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorCode, MitraError, type ErrorBody } from '@mitra/contracts';
import { errorCodeOfStatus, httpStatusOf } from './http-status';

/** Every HTTP error leaves as an ErrorBody; unknown errors are logged and never leak their details. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(exception);
    response.status(status).json(body);
  }

  private toResponse(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof MitraError) {
      return { status: httpStatusOf(exception.code), body: exception.toBody() };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, body: { code: errorCodeOfStatus(status), message: exception.message } };
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return { status: 500, body: { code: ErrorCode.Internal, message: 'An unexpected error occurred.' } };
  }
}
