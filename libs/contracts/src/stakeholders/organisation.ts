import { z } from 'zod';
import { boundedText as text, textSchema } from '../common/text';
import { objectIdSchema } from '../common/actor';
import { commandEnvelope, queryEnvelope } from '../common/contract';
import { replyObject, restating } from '../common/reply';
import type { ErrorBody } from '../errors/error-code';
import { regionCodeSchema } from './region';
import { sectors, type Sector } from './sectors';

export { sectors, type Sector } from './sectors';

/** What an organisation can bring to a partnership (the guide's resource mapping). */
export const resourceKinds = [
  'funds',
  'expertise',
  'network',
  'geographic_reach',
  'regulation_support',
  'labour',
  'supervision_reporting',
] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** "Leave no one behind": the groups an organisation may represent. */
export const vulnerableGroups = ['women', 'people_with_disabilities', 'poor'] as const;
export type VulnerableGroup = (typeof vulnerableGroups)[number];

const regionLevelsNeedTheOneAbove = (
  region: { regency?: string; district?: string; village?: string },
  context: z.RefinementCtx,
) => {
  if (region.district && !region.regency) {
    context.addIssue({
      code: 'custom',
      path: ['regency'],
      message: 'is required when a district is given',
      params: { code: 'required' },
    });
  }
  if (region.village && !region.district) {
    context.addIssue({
      code: 'custom',
      path: ['district'],
      message: 'is required when a village is given',
      params: { code: 'required' },
    });
  }
};

/**
 * Administrative region as registered: province → regency/city → district → village, a level needing the
 * one above, and the official code (see region.ts) of the most precise level when it is known. A region
 * without a code is one written by hand that no official region matched: it is shown as not yet coded.
 */
export const regionSchema = z
  .strictObject({
    code: regionCodeSchema.optional(),
    province: text(100),
    regency: text(100).optional(),
    district: text(100).optional(),
    village: text(100).optional(),
  })
  .superRefine(regionLevelsNeedTheOneAbove);
export type Region = z.infer<typeof regionSchema>;

/**
 * A region as a registrar sends it: an official code (the service fills in the names) or names, which
 * the service codes when they lead to exactly one official region.
 */
export const regionInputSchema = z
  .strictObject({
    code: regionCodeSchema.optional(),
    province: text(100).optional(),
    regency: text(100).optional(),
    district: text(100).optional(),
    village: text(100).optional(),
  })
  .superRefine((region, context) => {
    if (!region.code && !region.province) {
      context.addIssue({
        code: 'custom',
        path: ['province'],
        message: 'is required when no region code is given',
        params: { code: 'required' },
      });
    }
    regionLevelsNeedTheOneAbove(region, context);
  });
export type RegionInput = z.infer<typeof regionInputSchema>;

export const contactSchema = z.strictObject({
  name: text(200),
  position: text(200).optional(),
  email: z.email('must be an e-mail address').optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
    .optional(),
});
export type Contact = z.infer<typeof contactSchema>;

export const resourceSchema = z.strictObject({
  kind: z.enum(resourceKinds),
  /** What exactly, e.g. "Rp 500 juta per tahun dari dana TJSL" or "tenaga ahli gizi". */
  note: text(500).optional(),
});
export type Resource = z.infer<typeof resourceSchema>;

function uniqueBy<T>(key: (item: T) => string, message: string) {
  return (items: T[], context: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value))
        context.addIssue({ code: 'custom', path: [index], message, params: { code: 'list.duplicate' } });
      seen.add(value);
    });
  };
}

export const organisationInputSchema = z.strictObject({
  name: textSchema({ min: 2, max: 200 }),
  sector: z.enum(sectors),
  region: regionSchema,
  contacts: z.array(contactSchema).max(20, 'must have at most 20 contacts').default([]),
  resources: z
    .array(resourceSchema)
    .max(resourceKinds.length)
    .default([])
    .superRefine(uniqueBy((resource) => resource.kind, 'names a resource kind twice')),
  vulnerableGroups: z
    .array(z.enum(vulnerableGroups))
    .max(vulnerableGroups.length)
    .default([])
    .superRefine(uniqueBy((group) => group, 'names a group twice')),
});
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

/** The organisation in a create or update command: its region may be a code alone. */
export const organisationCommandInputSchema = organisationInputSchema.extend({ region: regionInputSchema });
export type OrganisationCommandInput = z.infer<typeof organisationCommandInputSchema>;

/** An organisation whose region is given by its names, as a caller writes it (defaults not yet applied). */
export type CreateOrganisationInput = z.input<typeof organisationInputSchema>;

/** Register anyway, although an organisation of the same name and region exists. */
const acknowledgeDuplicateSchema = z.boolean().default(false);

/** The HTTP body of `POST /organisations`: the organisation and, optionally, the duplicate acknowledgement. */
export const createOrganisationBodySchema = organisationCommandInputSchema.extend({
  acknowledgeDuplicate: acknowledgeDuplicateSchema,
});
export type CreateOrganisationBody = z.input<typeof createOrganisationBodySchema>;

export const createOrganisationCommandSchema = commandEnvelope({
  organisation: organisationCommandInputSchema,
  acknowledgeDuplicate: acknowledgeDuplicateSchema,
});

/** A new version of the whole record, made against the version the editor read. */
export const updateOrganisationBodySchema = z.strictObject({
  basedOnVersion: z.number().int().min(1, 'must be a version number'),
  organisation: organisationCommandInputSchema,
  acknowledgeDuplicate: acknowledgeDuplicateSchema,
});
export type UpdateOrganisationBody = z.input<typeof updateOrganisationBodySchema>;

export const updateOrganisationCommandSchema = commandEnvelope({
  ...updateOrganisationBodySchema.shape,
  id: objectIdSchema,
});

export const getOrganisationQuerySchema = queryEnvelope({
  id: objectIdSchema,
});

export const listOrganisationVersionsQuerySchema = getOrganisationQuerySchema;

/** The organisation fields as a service sends them back; they restate `OrganisationInput`, checked by the compiler. */
export const organisationFieldsReplySchema = restating<OrganisationInput>()(
  replyObject({
    name: z.string(),
    sector: z.enum(sectors),
    region: restating<Region>()(
      replyObject({
        code: z.string().optional(),
        province: z.string(),
        regency: z.string().optional(),
        district: z.string().optional(),
        village: z.string().optional(),
      }),
    ),
    contacts: z.array(
      replyObject({
        name: z.string(),
        position: z.string().optional(),
        email: z.string().optional(),
        phone: z.string().optional(),
      }),
    ),
    resources: z.array(replyObject({ kind: z.enum(resourceKinds), note: z.string().optional() })),
    vulnerableGroups: z.array(z.enum(vulnerableGroups)),
  }),
);

export const organisationSchema = organisationFieldsReplySchema.extend({
  id: z.string(),
  /** 1 at creation; every update makes the next version. */
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

/** One version of an organisation as it was written. */
export const organisationVersionSchema = organisationFieldsReplySchema.extend({
  version: z.number(),
  at: z.string(),
  by: z.string(),
});
export type OrganisationVersion = z.infer<typeof organisationVersionSchema>;

/**
 * A 409 for a likely duplicate names the record it resembles in `errors`: its id as the reason of
 * field `duplicateOf`, its name as the reason of field `duplicateOf.name`.
 */
export const duplicateOfField = 'duplicateOf';
export const duplicateOfNameField = 'duplicateOf.name';

/** The existing record a 409 reply names, or undefined when the reply names none. */
export function duplicateOfError(body: Pick<ErrorBody, 'errors'>): { id: string; name: string } | undefined {
  const id = body.errors?.find((error) => error.field === duplicateOfField)?.reason;
  const name = body.errors?.find((error) => error.field === duplicateOfNameField)?.reason;
  return id === undefined ? undefined : { id, name: name ?? '' };
}

/** Events of the registry, from the organisation versions' outbox (`events.stakeholders.organisation.*`). */
export const organisationEventTypes = {
  registered: 'stakeholders.organisation.registered',
  updated: 'stakeholders.organisation.updated',
} as const;

export interface OrganisationEventData {
  organisationId: string;
  version: number;
  name: string;
  sector: Sector;
  region: Region;
  /** Who wrote the version. */
  by: string;
  /** For an update: the fields that differ from the version before. */
  changedFields?: Array<keyof OrganisationInput>;
}
