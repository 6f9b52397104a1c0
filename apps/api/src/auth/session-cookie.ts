import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { ApiConfig } from '../config';

export const sessionCookieName = 'mitra_session';

/**
 * Secure on every response in production: there the api sits behind a TLS proxy, and a request that
 * reached it over plain http (TRUST_PROXY_HOPS unset or wrong) must not make the cookie plain too.
 */
export const sessionCookieAlwaysSecure = (
  config: Pick<ApiConfig, 'SESSION_COOKIE_SECURE'>,
  nodeEnv = process.env.NODE_ENV,
): boolean => config.SESSION_COOKIE_SECURE ?? nodeEnv === 'production';

/** Not readable by scripts, never sent by another site, Secure always or whenever the request came over https. */
export const sessionCookieOptions = (
  request: FastifyRequest,
  alwaysSecure: boolean,
): CookieSerializeOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  path: '/',
  secure: alwaysSecure || request.protocol === 'https',
});

export const sessionTokenOf = (request: FastifyRequest): unknown => request.cookies[sessionCookieName];
