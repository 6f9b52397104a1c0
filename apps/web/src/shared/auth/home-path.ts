import type { UserRole } from './session-user';

/**
 * Where a role lands after sign-in: its inbox, which shows coordinators and admins what awaits them, partners
 * what awaits their organisation, and auditors what changed lately.
 */
export function homePathFor(_role: UserRole): string {
  return '/inbox';
}

export const signInPath = '/sign-in';

/** The sign-in page, remembering the page to come back to. */
export function signInPathReturningTo(path: string): string {
  return path === '/' || path === '' ? signInPath : `${signInPath}?next=${encodeURIComponent(path)}`;
}

/**
 * The page to return to after sign-in: only a path of this app (`/…`, not `//host` or `/\host`, which
 * browsers read as another site) and never the sign-in page itself.
 */
export function safeReturnPath(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if (next === signInPath || next.startsWith(`${signInPath}?`)) return undefined;
  return next;
}
