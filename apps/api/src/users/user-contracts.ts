import { z } from 'zod';
import { objectIdSchema, roles, textSchema, type FieldError, type Role } from '@mitra/contracts';
import { passwordSchema } from './password-strength';

/** The api's own HTTP contracts for accounts and sign-in (no other service reads them). */

export const languages = ['id', 'en'] as const;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'));
const name = textSchema({ min: 2, max: 200 });

export const signInSchema = z.strictObject({
  // Any text is tried: an address that cannot exist gets the same 401 as a wrong password.
  email: z.string().trim().toLowerCase().min(1, 'is required').max(254, 'must be at most 254 characters'),
  password: z.string().min(1, 'is required').max(200, 'must be at most 200 characters'),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const createUserSchema = z.strictObject({
  email,
  name,
  role: z.enum(roles),
  organisationId: objectIdSchema.optional(),
  password: passwordSchema,
  locale: z.enum(languages).optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  name: name.optional(),
  role: z.enum(roles).optional(),
  /** `null` takes the account out of its organisation (for an admin or an auditor). */
  organisationId: objectIdSchema.nullable().optional(),
  password: passwordSchema.optional(),
  disabled: z.boolean().optional(),
  locale: z.enum(languages).optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** Coordinators and partner representatives act for an organisation; the others may have one. */
export function organisationRuleError(
  role: Role,
  organisationId: string | undefined,
): FieldError | undefined {
  if ((role === 'partner' || role === 'coordinator') && !organisationId) {
    return { field: 'organisationId', reason: `is required for a ${role}`, code: 'required' };
  }
  return undefined;
}

/** Who is signed in, as `/auth/sign-in` and `/auth/me` answer. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId?: string;
  organisationName?: string;
  locale?: (typeof languages)[number];
}

/** An account as the administrator sees it; never the password hash. */
export interface UserAccount extends SessionUser {
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Someone who may act in a partnership, as its members see them: enough to name who decided or who
 * signs for an organisation, never an email.
 */
export interface PartnershipAccount {
  id: string;
  name: string;
  role: Role;
  organisationId?: string;
  organisationName?: string;
}

export interface SignedIn {
  user: SessionUser;
  csrfToken: string;
}
