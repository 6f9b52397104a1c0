import { ApiError, type ApiErrorCode } from '#shared/api';

/** What the sign-in page says when the api refuses; field errors go under their fields instead. */
export type SignInFailure =
  | { kind: 'wrongCredentials' }
  | { kind: 'tooManyAttempts'; minutes?: number }
  | { kind: 'fields' }
  | { kind: 'other'; code: ApiErrorCode };

export function signInFailure(error: unknown): SignInFailure {
  if (!(error instanceof ApiError)) return { kind: 'other', code: 'INTERNAL' };
  switch (error.status) {
    case 401:
      return { kind: 'wrongCredentials' };
    case 429:
      return error.retryAfterSeconds === undefined
        ? { kind: 'tooManyAttempts' }
        : { kind: 'tooManyAttempts', minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) };
    case 400:
      if (error.fieldErrors.length > 0) return { kind: 'fields' };
  }
  return { kind: 'other', code: error.code };
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks made before asking the api, as keys of the auth namespace. */
export const signInChecks = {
  email: (value: string) =>
    value.trim() === ''
      ? 'signIn.emailRequired'
      : emailPattern.test(value.trim())
        ? null
        : 'signIn.emailInvalid',
  password: (value: string) => (value === '' ? 'signIn.passwordRequired' : null),
} as const;
