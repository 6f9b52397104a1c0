import { z } from 'zod';
import { objectIdSchema } from '../common/actor';
import { boundedText as text, textSchema } from '../common/text';
import { commandEnvelope, partnershipCommand, partnershipQuery, queryEnvelope } from '../common/contract';
import { replyObject, restating } from '../common/reply';
import { contactSchema } from './organisation';
import { pageCursorSchema, organisationPageLimit } from './organisation-search';

export const membershipInputSchema = z.strictObject({
  organisationId: objectIdSchema,
  /** The person's position in the organisation, e.g. "Kepala Bidang Sosial Budaya". */
  role: text(100),
});
export type MembershipInput = z.infer<typeof membershipInputSchema>;

export const personInputSchema = z.strictObject({
  name: textSchema({ min: 2, max: 200 }),
  email: contactSchema.shape.email,
  phone: contactSchema.shape.phone,
  memberships: z
    .array(membershipInputSchema)
    .max(20, 'must have at most 20 memberships')
    .default([])
    .superRefine((memberships, context) => {
      const seen = new Set<string>();
      memberships.forEach((membership, index) => {
        if (seen.has(membership.organisationId)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'organisationId'],
            message: 'names an organisation twice',
            params: { code: 'list.duplicate' },
          });
        }
        seen.add(membership.organisationId);
      });
    }),
});
export type PersonInput = z.input<typeof personInputSchema>;

export const createPersonCommandSchema = commandEnvelope({
  person: personInputSchema,
});

export const getPersonQuerySchema = queryEnvelope({ id: objectIdSchema });

/** Adds the person to an organisation, or changes the role it has there. */
export const setMembershipCommandSchema = commandEnvelope({
  personId: objectIdSchema,
  membership: membershipInputSchema,
});

/** Ends the person's membership of an organisation; it stays on the person's record as a past membership. */
export const endMembershipCommandSchema = commandEnvelope({
  personId: objectIdSchema,
  organisationId: objectIdSchema,
});

export const listMembersQuerySchema = queryEnvelope({
  organisationId: objectIdSchema,
  limit: z.number().int().min(1).max(organisationPageLimit.max).default(organisationPageLimit.default),
  cursor: pageCursorSchema.optional(),
});

export const memberSearchParamsSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(organisationPageLimit.max).optional(),
  cursor: pageCursorSchema.optional(),
});

export const membershipSchema = restating<MembershipInput & { since: string }>()(
  replyObject({ organisationId: z.string(), role: z.string(), since: z.string() }),
);
export type Membership = z.infer<typeof membershipSchema>;

/** A membership that ended: who ended it and when. */
export const pastMembershipSchema = membershipSchema.extend({ endedAt: z.string(), endedBy: z.string() });
export type PastMembership = z.infer<typeof pastMembershipSchema>;

export const personSchema = replyObject({
  id: z.string(),
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  memberships: z.array(membershipSchema),
  /** Memberships that ended, oldest first. */
  pastMemberships: z.array(pastMembershipSchema),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Person = z.infer<typeof personSchema>;

export const personPageSchema = replyObject({
  items: z.array(personSchema),
  total: z.number(),
  limit: z.number(),
  nextCursor: z.string().nullable(),
});
export type PersonPage = z.infer<typeof personPageSchema>;

// ----------------------------------------------------------------- partner representatives

export const representativeInputSchema = z.strictObject({
  personId: objectIdSchema,
  organisationId: objectIdSchema,
});
export type RepresentativeInput = z.infer<typeof representativeInputSchema>;

/** Names the person who acts for an organisation in a partnership: one organisation per person per partnership. */
export const assignRepresentativeCommandSchema = partnershipCommand(representativeInputSchema.shape);

export const listRepresentativesQuerySchema = partnershipQuery({});

export const representativeSchema = replyObject({
  partnershipId: z.string(),
  personId: z.string(),
  organisationId: z.string(),
  assignedAt: z.string(),
  assignedBy: z.string(),
});
export type Representative = z.infer<typeof representativeSchema>;

/** The person no longer acts for its organisation in the partnership; the assignment stays in the history. */
export const unassignRepresentativeCommandSchema = partnershipCommand({
  personId: objectIdSchema,
});

/** Every assignment of the partnership, current and ended, oldest first. */
export const listRepresentativeHistoryQuerySchema = listRepresentativesQuerySchema;

/** An assignment as the history shows it: still in force while `unassignedAt` is null. */
export const representativeAssignmentSchema = representativeSchema.extend({
  unassignedAt: z.string().nullable(),
  unassignedBy: z.string().nullable(),
});
export type RepresentativeAssignment = z.infer<typeof representativeAssignmentSchema>;
