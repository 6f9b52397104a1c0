/** Error codes that cross NATS and HTTP; the api maps each to one HTTP status. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  /** Not delivered (no service listening): nothing happened, safe to send again. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** Delivered but not answered in time: it may or may not have happened; a command is safe to send again with the same idempotency key. */
  OutcomeUnknown = 'OUTCOME_UNKNOWN',
  Internal = 'INTERNAL',
}

import type { FieldErrorCode, Refusal, RefusalParams } from './refusal';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `organisation.region.province`. */
  field: string;
  reason: string;
  /** The rule that refused the field (a zod issue code, or a rule's own) and what its sentence needs. */
  code?: FieldErrorCode | Refusal['code'];
  params?: RefusalParams;
}

/** The body of every error, on NATS replies and HTTP responses alike. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
  /** The rule that refused, for screens to word; absent where the transport code says it all. */
  refusal?: Refusal;
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ErrorBody>;
  return (
    typeof candidate.message === 'string' && Object.values(ErrorCode).includes(candidate.code as ErrorCode)
  );
}
