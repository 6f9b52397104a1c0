import { ApiError } from '#shared/api';
import { signInChecks, signInFailure } from './sign-in-failure';

describe('signInFailure', () => {
  it('says the email or password is wrong on a 401, without telling which', () => {
    expect(signInFailure(new ApiError(401, 'UNAUTHENTICATED', 'Wrong email or password'))).toEqual({
      kind: 'wrongCredentials',
    });
  });

  it('says how long to wait on a 429, in whole minutes', () => {
    expect(signInFailure(new ApiError(429, 'TOO_MANY_REQUESTS', 'x', [], 61))).toEqual({
      kind: 'tooManyAttempts',
      minutes: 2,
    });
    expect(signInFailure(new ApiError(429, 'TOO_MANY_REQUESTS', 'x', [], 5))).toEqual({
      kind: 'tooManyAttempts',
      minutes: 1,
    });
    expect(signInFailure(new ApiError(429, 'TOO_MANY_REQUESTS', 'x'))).toEqual({ kind: 'tooManyAttempts' });
  });

  it('leaves field errors to the fields', () => {
    const invalid = new ApiError(400, 'VALIDATION_FAILED', 'invalid', [
      { field: 'email', reason: 'must be an e-mail address' },
    ]);
    expect(signInFailure(invalid)).toEqual({ kind: 'fields' });
    expect(signInFailure(new ApiError(400, 'VALIDATION_FAILED', 'invalid'))).toEqual({
      kind: 'other',
      code: 'VALIDATION_FAILED',
    });
  });

  it('passes other failures on by code', () => {
    expect(signInFailure(new ApiError(0, 'UNREACHABLE', 'Failed to fetch'))).toEqual({
      kind: 'other',
      code: 'UNREACHABLE',
    });
    expect(signInFailure(new Error('boom'))).toEqual({ kind: 'other', code: 'INTERNAL' });
  });
});

describe('signInChecks', () => {
  it('asks for an email address and a password', () => {
    expect(signInChecks.email('')).toBe('signIn.emailRequired');
    expect(signInChecks.email('koordinator')).toBe('signIn.emailInvalid');
    expect(signInChecks.email(' koordinator@bandung.go.id ')).toBeNull();
    expect(signInChecks.password('')).toBe('signIn.passwordRequired');
    expect(signInChecks.password(' ')).toBeNull();
  });
});
