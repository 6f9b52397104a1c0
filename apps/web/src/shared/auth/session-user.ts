export const userRoles = ['admin', 'coordinator', 'partner', 'auditor'] as const;
export type UserRole = (typeof userRoles)[number];

/** The signed-in user, as `GET /api/v1/auth/me` and sign-in return it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** The organisation a coordinator or partner acts for (the stakeholders service's id). */
  organisationId?: string;
  organisationName?: string;
  locale?: 'id' | 'en';
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

export function isSessionUser(value: unknown): value is SessionUser {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Record<string, unknown>;
  return (
    typeof user.id === 'string' &&
    typeof user.email === 'string' &&
    typeof user.name === 'string' &&
    (userRoles as readonly unknown[]).includes(user.role) &&
    optionalString(user.organisationId) &&
    optionalString(user.organisationName)
  );
}

export function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const session = value as Record<string, unknown>;
  return isSessionUser(session.user) && typeof session.csrfToken === 'string' && session.csrfToken !== '';
}
