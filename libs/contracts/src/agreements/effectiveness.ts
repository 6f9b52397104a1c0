import { z } from 'zod';
import { replyObject, restating } from '../common/reply';
import { sectors, type Sector } from '../stakeholders/organisation';

/** Government at every level, for a requirement such as "every government party". */
export const governmentSectors = [
  'government_national',
  'government_province',
  'government_regency',
] as const satisfies readonly Sector[];

export const quorumRequirementSchema = z.strictObject({
  /** The parties of the round this requirement counts: those of any of these sectors. */
  sectors: z
    .array(z.enum(sectors))
    .min(1, 'must name at least one sector')
    .max(sectors.length)
    .superRefine((list, context) => {
      list.forEach((sector, index) => {
        if (list.indexOf(sector) !== index)
          context.addIssue({
            code: 'custom',
            path: [index],
            message: 'names a sector twice',
            params: { code: 'list.duplicate' },
          });
      });
    }),
  /** How many of them must sign: every one (`all`), or at least this many. */
  count: z.union(
    [
      z.literal('all'),
      z.number().int('must be a whole number').min(1, 'must be at least 1').max(50, 'must be at most 50'),
    ],
    {
      error: 'must be "all" or a whole number from 1 to 50',
    },
  ),
});
export type QuorumRequirement = z.infer<typeof quorumRequirementSchema>;

/**
 * When a signing round makes the agreement effective: when every party of the round has signed
 * (`all`, the default), or as soon as each requirement of a quorum is met, e.g. every government
 * party and at least one CSO. Until then every party may sign or decline; the round closes the moment
 * the rule is met, and a party that had not signed by then signs nothing more in it (the verification
 * report lists it as unsigned). A decline ends the round only when the rule can no longer be met
 * without that party (under `all`, any decline). Amendment rounds always ask every party they affect.
 */
export const effectivenessRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({
    kind: z.literal('quorum'),
    requirements: z
      .array(quorumRequirementSchema)
      .min(1, 'must have at least one requirement')
      .max(10, 'must have at most 10 requirements'),
  }),
]);
export type EffectivenessRule = z.infer<typeof effectivenessRuleSchema>;

export const defaultEffectivenessRule: EffectivenessRule = { kind: 'all' };

/** The rule as a service sends it back. */
export const effectivenessRuleReplySchema = restating<EffectivenessRule>()(
  z.discriminatedUnion('kind', [
    replyObject({ kind: z.literal('all') }),
    replyObject({
      kind: z.literal('quorum'),
      requirements: z.array(
        replyObject({ sectors: z.array(z.enum(sectors)), count: z.union([z.literal('all'), z.number()]) }),
      ),
    }),
  ]),
);

/** How one requirement of a quorum stands. */
export const requirementStatusSchema = replyObject({
  sectors: z.array(z.enum(sectors)),
  count: z.union([z.literal('all'), z.number()]),
  /** The parties of the round it counts. */
  organisationIds: z.array(z.string()),
  /** How many of them must sign. */
  needed: z.number(),
  signedOrganisationIds: z.array(z.string()),
  met: z.boolean(),
});
export type RequirementStatus = z.infer<typeof requirementStatusSchema>;

/** The rule of the round that decides a version's effectiveness, and how it stands. */
export const effectivenessStatusSchema = replyObject({
  roundNumber: z.number(),
  rule: effectivenessRuleReplySchema,
  /** Per requirement of a quorum; empty for `all`. */
  requirements: z.array(requirementStatusSchema),
  met: z.boolean(),
});
export type EffectivenessStatus = z.infer<typeof effectivenessStatusSchema>;
