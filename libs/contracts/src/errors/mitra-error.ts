import { ErrorCode, type ErrorBody, type FieldError } from './error-code';
import type { Refusal, RefusalCode, RefusalParams } from './refusal';

/** A typed failure that any layer may throw; transports turn it into an ErrorBody. */
export class MitraError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly refusal?: Refusal,
  ) {
    super(message);
    this.name = 'MitraError';
  }

  /** A rule's refusal: its transport code, its own code and parameters, and the English message for logs. */
  static refused(
    code: ErrorCode,
    refusal: RefusalCode,
    params: RefusalParams | undefined,
    message: string,
    errors?: FieldError[],
  ): MitraError {
    return new MitraError(code, message, errors, params ? { code: refusal, params } : { code: refusal });
  }

  static validation(errors: FieldError[]): MitraError {
    return new MitraError(ErrorCode.ValidationFailed, 'The input is invalid.', errors);
  }

  static notFound(what: string): MitraError {
    return new MitraError(ErrorCode.NotFound, `${what} was not found.`);
  }

  static unavailable(dependency: string): MitraError {
    return new MitraError(ErrorCode.ServiceUnavailable, `${dependency} is not available; try again shortly.`);
  }

  /**
   * A request that was delivered and not answered in time. For a command the reply says how to learn the
   * outcome: sending it again with the same Idempotency-Key returns the original result, never a second write.
   */
  static outcomeUnknown(dependency: string, command: boolean): MitraError {
    return new MitraError(
      ErrorCode.OutcomeUnknown,
      command
        ? `${dependency} did not answer in time; the outcome is unknown. Sending the request again with the same Idempotency-Key returns the original result.`
        : `${dependency} did not answer in time; try again shortly.`,
    );
  }

  static fromBody(body: ErrorBody): MitraError {
    return new MitraError(body.code, body.message, body.errors, body.refusal);
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.refusal ? { refusal: this.refusal } : {}),
    };
  }
}
