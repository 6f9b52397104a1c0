import { z } from 'zod';
import { replyObject, restating } from './reply';
import { roles } from './roles';

export { roles, type Role } from './roles';

/** Who acts: carried in every command so each service authorises on the originating user. */
export const actorSchema = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(roles),
  organisationId: z.string().min(1).max(100).optional(),
  /**
   * The partnership in which the signer (the api) found the user a member and `role` the role held there.
   * A service refuses a coordinator or partner acting on a partnership its actor is not vouched for.
   */
  memberOf: z.string().min(1).max(100).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const idempotencyKeySchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits and _ . : -');

export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/, 'must be a 24-character hexadecimal id');

/** An actor as a service sends it back, in a record of who did what. */
export const actorReplySchema = restating<Actor>()(
  replyObject({
    userId: z.string(),
    role: z.enum(roles),
    organisationId: z.string().optional(),
    memberOf: z.string().optional(),
  }),
);
