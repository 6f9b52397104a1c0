import type { FastifyRequest } from 'fastify';
import { sessionCookieAlwaysSecure, sessionCookieOptions } from './session-cookie';

const overHttp = { protocol: 'http' } as FastifyRequest;
const overHttps = { protocol: 'https' } as FastifyRequest;

describe('the session cookie', () => {
  it('is Secure on every response in production, even for a request that reached the api over plain http', () => {
    const alwaysSecure = sessionCookieAlwaysSecure({ SESSION_COOKIE_SECURE: undefined }, 'production');
    expect(sessionCookieOptions(overHttp, alwaysSecure).secure).toBe(true);
  });

  it('outside production is Secure when the request came over https', () => {
    const alwaysSecure = sessionCookieAlwaysSecure({ SESSION_COOKIE_SECURE: undefined }, 'development');
    expect(sessionCookieOptions(overHttp, alwaysSecure).secure).toBe(false);
    expect(sessionCookieOptions(overHttps, alwaysSecure).secure).toBe(true);
  });

  it('follows SESSION_COOKIE_SECURE when it is set', () => {
    expect(sessionCookieAlwaysSecure({ SESSION_COOKIE_SECURE: true }, 'development')).toBe(true);
    expect(sessionCookieAlwaysSecure({ SESSION_COOKIE_SECURE: false }, 'production')).toBe(false);
  });

  it('is never readable by scripts nor sent by another site', () => {
    expect(sessionCookieOptions(overHttps, true)).toMatchObject({
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
    });
  });
});
