import type { CookieOptions, Request } from 'express';

export const sessionCookieName = 'mitra_session';

/** Not readable by scripts, never sent by another site, Secure whenever the request came over https. */
export const sessionCookieOptions = (request: Request): CookieOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  path: '/',
  secure: request.secure,
});

export const sessionTokenOf = (request: Request): unknown =>
  (request.cookies as Record<string, unknown> | undefined)?.[sessionCookieName];
