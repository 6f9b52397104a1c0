/** What a refusal's sentence needs: amounts as numbers, dates as ISO strings, names and ids as strings. */
export type ApiRefusalParams = Record<string, string | number | string[]>;

/**
 * A field the api refused (`field` is a dotted path). `reason` is the api's English for logs; the screen
 * words the refusal from `code` (a zod issue code or a rule's own) and `params`.
 */
export interface ApiFieldError {
  field: string;
  reason: string;
  code?: string;
  params?: ApiRefusalParams;
}

/** The rule that refused a request, as the api names it (`funding.request_exceeds_fund`), with its parameters. */
export interface ApiRefusal {
  code: string;
  params?: ApiRefusalParams;
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
    readonly refusal?: ApiRefusal,
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

const isParams = (value: unknown): value is ApiRefusalParams =>
  typeof value === 'object' &&
  value !== null &&
  Object.values(value).every(
    (param) =>
      typeof param === 'string' ||
      typeof param === 'number' ||
      (Array.isArray(param) && param.every((item) => typeof item === 'string')),
  );

function refusalOf(value: unknown): ApiRefusal | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, params } = value as Record<string, unknown>;
  if (typeof code !== 'string') return undefined;
  return isParams(params) ? { code, params } : { code };
}

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
 * Reads an error response. The api's body is `{code, message, errors?: [{field, reason, code, params}],
 * refusal?: {code, params}}`; anything else (a proxy's HTML page, the rate limiter's own body) still
 * becomes a typed error by its status.
 */
export function apiErrorFrom(status: number, body: unknown, retryAfter: string | null, now?: Date): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code =
    typeof record.code === 'string' && Object.hasOwn(knownCodes, record.code)
      ? (record.code as ApiErrorCode)
      : codeForStatus(status);
  const message = typeof record.message === 'string' ? record.message : `HTTP ${status}`;
  const fieldErrors = Array.isArray(record.errors) ? record.errors.filter(isFieldError) : [];
  return new ApiError(
    status,
    code,
    message,
    fieldErrors,
    parseRetryAfter(retryAfter, now),
    refusalOf(record.refusal),
  );
}

/**
 * The api's field errors keyed by field for a form (`form.setErrors`), the first per field in the user's
 * words (`word`, see `useErrorWords`). `prefix` drops the wrapper some routes put in front
 * (`indicator.name` → `name`).
 */
export function fieldErrorsOf(
  error: unknown,
  word: (fieldError: ApiFieldError) => string,
  prefix = '',
): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const fieldError of error.fieldErrors) {
    const { field } = fieldError;
    const key = prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field;
    if (key && !(key in result)) result[key] = word(fieldError);
  }
  return result;
}
