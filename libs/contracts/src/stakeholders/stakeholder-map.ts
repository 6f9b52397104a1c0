import { z } from 'zod';
import { objectIdSchema } from '../common/actor';
import { boundedText as text } from '../common/text';
import { partnershipCommand, partnershipQuery } from '../common/contract';
import { replyObject, restating } from '../common/reply';
import { sectors, vulnerableGroups, type Sector, type VulnerableGroup } from './organisation';

/** A stakeholder's role in the partnership. Leads and partners hold a seat in its decisions. */
export const stakeholderRoles = ['lead', 'partner', 'supporter', 'beneficiary', 'evaluator'] as const;
export type StakeholderRole = (typeof stakeholderRoles)[number];

/** Interest and influence on the guide's 1 (low) … 5 (high) scale. */
export const stakeholderScoreSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be between 1 and 5')
  .max(5, 'must be between 1 and 5');

export const stakeholderEntryInputSchema = z.strictObject({
  organisationId: objectIdSchema,
  interest: stakeholderScoreSchema,
  influence: stakeholderScoreSchema,
  role: z.enum(stakeholderRoles),
  note: text(500).optional(),
});
export type StakeholderEntryInput = z.infer<typeof stakeholderEntryInputSchema>;

export const stakeholderMapInputSchema = z.strictObject({
  /** The version the editor read; 0 for a partnership without a map yet. */
  basedOnVersion: z.number().int().min(0, 'must be 0 or a version number'),
  entries: z
    .array(stakeholderEntryInputSchema)
    .max(200, 'must have at most 200 stakeholders')
    .superRefine((entries, context) => {
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        if (seen.has(entry.organisationId)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'organisationId'],
            message: 'is already in the map',
            params: { code: 'stakeholders.already_in_map' },
          });
        }
        seen.add(entry.organisationId);
      });
    }),
});
export type StakeholderMapInput = z.infer<typeof stakeholderMapInputSchema>;

/** Writes the partnership's whole map as its next version. */
export const putStakeholderMapCommandSchema = partnershipCommand({
  map: stakeholderMapInputSchema,
});

/** The Initiation gate asks this: the map and its "leave no one behind" check. */
export const getStakeholderMapQuerySchema = partnershipQuery({});

/** An entry with what the registry says about its organisation. */
export const stakeholderEntrySchema = restating<
  StakeholderEntryInput & { name: string; sector: Sector; vulnerableGroups: VulnerableGroup[] }
>()(
  replyObject({
    organisationId: z.string(),
    interest: z.number(),
    influence: z.number(),
    role: z.enum(stakeholderRoles),
    note: z.string().optional(),
    name: z.string(),
    sector: z.enum(sectors),
    vulnerableGroups: z.array(z.enum(vulnerableGroups)),
  }),
);
export type StakeholderEntry = z.infer<typeof stakeholderEntrySchema>;

export const stakeholderMapSchema = replyObject({
  partnershipId: z.string(),
  version: z.number(),
  entries: z.array(stakeholderEntrySchema),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type StakeholderMap = z.infer<typeof stakeholderMapSchema>;

export const inclusivenessFlags = ['no_cso', 'no_community', 'no_women_representation'] as const;
export type InclusivenessFlag = (typeof inclusivenessFlags)[number];

export const inclusivenessSummarySchema = replyObject({
  /** Each sector in the map with how many stakeholders it has, in the order of `sectors`. */
  sectorsPresent: z.array(replyObject({ sector: z.enum(sectors), count: z.number() })),
  /** For each vulnerable group, the stakeholders that represent it. */
  representation: z.record(z.enum(vulnerableGroups), z.array(z.string())),
  /** Influence at or above the threshold, but not a lead or partner. */
  highInfluenceWithoutSeat: z.array(
    replyObject({
      organisationId: z.string(),
      name: z.string(),
      influence: z.number(),
      role: z.enum(stakeholderRoles),
    }),
  ),
});
export type InclusivenessSummary = z.infer<typeof inclusivenessSummarySchema>;

/** The Initiation gate's "leave no one behind" check. */
export const inclusivenessCheckSchema = replyObject({
  passed: z.boolean(),
  flags: z.array(z.enum(inclusivenessFlags)),
  summary: inclusivenessSummarySchema,
});
export type InclusivenessCheck = z.infer<typeof inclusivenessCheckSchema>;

export const stakeholderMapViewSchema = replyObject({
  map: stakeholderMapSchema,
  check: inclusivenessCheckSchema,
});
export type StakeholderMapView = z.infer<typeof stakeholderMapViewSchema>;

/** Events of the map, from the map document's outbox (`events.stakeholders.map.*`). */
export const stakeholderMapEventTypes = {
  updated: 'stakeholders.map.updated',
  /** What the lifecycle workflow listens to: `data.passed`, `data.flags`, `data.version`. */
  checked: 'stakeholders.map.checked',
} as const;
