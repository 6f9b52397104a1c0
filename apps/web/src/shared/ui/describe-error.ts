import { ApiError, type ApiErrorCode } from '#shared/api';

export interface ErrorDescription {
  /** Key under `errors.` in the common namespace. */
  code: ApiErrorCode;
  /** The api's own words, where they say more than the code (why a decision was refused). */
  detail?: string;
}

const codesWithDetail = new Set<ApiErrorCode>(['CONFLICT', 'FORBIDDEN']);

export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof ApiError)) return { code: 'INTERNAL' };
  return codesWithDetail.has(error.code) && error.message
    ? { code: error.code, detail: error.message }
    : { code: error.code };
}
