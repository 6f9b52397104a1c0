import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ErrorCode, MitraError, type ErrorBody } from '@mitra/contracts';
import { errorCodeOfStatus, httpStatusOf } from './http-status';

export interface ErrorReply {
  status: number;
  body: ErrorBody;
}

/** Every HTTP error leaves as an ErrorBody; unknown errors are logged and never leak their details. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  /** `answerOf` answers the errors an app knows better than this filter (undefined: the filter answers). */
  constructor(private readonly answerOf: (exception: unknown) => ErrorReply | undefined = () => undefined) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.answerOf(exception) ?? this.toResponse(exception);
    void reply.status(status).send(body);
  }

  private toResponse(exception: unknown): ErrorReply {
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
