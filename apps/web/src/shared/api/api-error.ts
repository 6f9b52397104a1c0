/** A field the api refused, as `{field, reason}` in the error body (`field` is a dotted path). */
export interface ApiFieldError {
  field: string;
  reason: string;
  /** The rule's own code and parameters, when it has them, for the screen to word the refusal. */
  code?: string;
  params?: Record<string, string | string[]>;
}

/**
 * Codes of the api's error body (libs/contracts ErrorCode), plus what the web itself tells apart:
 * `TOO_MANY_REQUESTS` (429 from the rate limiter, whose body is not ours) and `UNREACHABLE` (no answer).
 */
export type ApiErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE'
  | 'OUTCOME_UNKNOWN'
  | 'INTERNAL'
  | 'UNREACHABLE';

const knownCodes: Record<ApiErrorCode, true> = {
  VALIDATION_FAILED: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  CONFLICT: true,
  TOO_MANY_REQUESTS: true,
  SERVICE_UNAVAILABLE: true,
  OUTCOME_UNKNOWN: true,
  INTERNAL: true,
  UNREACHABLE: true,
};

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the api could not be reached. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fieldErrors: ApiFieldError[] = [],
    /** From `Retry-After` on a 429 or 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'TOO_MANY_REQUESTS';
    case 502:
    case 503:
      return 'SERVICE_UNAVAILABLE';
    // A gateway timeout: the request may have been carried out.
    case 504:
      return 'OUTCOME_UNKNOWN';
    default:
      return 'INTERNAL';
  }
}

const isFieldError = (value: unknown): value is ApiFieldError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ApiFieldError).field === 'string' &&
  typeof (value as ApiFieldError).reason === 'string';

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * Reads an error response. The api's body is `{code, message, errors: [{field, reason}]}`; anything
 * else (a proxy's HTML page, the rate limiter's own body) still becomes a typed error by its status.
 */
export function apiErrorFrom(status: number, body: unknown, retryAfter: string | null, now?: Date): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code =
    typeof record.code === 'string' && Object.hasOwn(knownCodes, record.code)
      ? (record.code as ApiErrorCode)
      : codeForStatus(status);
  const message = typeof record.message === 'string' ? record.message : `HTTP ${status}`;
  const fieldErrors = Array.isArray(record.errors) ? record.errors.filter(isFieldError) : [];
  return new ApiError(status, code, message, fieldErrors, parseRetryAfter(retryAfter, now));
}

/**
 * The api's field errors keyed by field for a form (`form.setErrors`), first reason per field.
 * `prefix` drops the wrapper some routes put in front (`indicator.name` → `name`).
 */
export function fieldErrorsOf(error: unknown, prefix = ''): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const { field, reason } of error.fieldErrors) {
    const key = prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field;
    if (key && !(key in result)) result[key] = reason;
  }
  return result;
}
