import { z } from 'zod';
import { chainRecordRefSchema } from '../audit/chain';
import type { AgreementEventName } from './vocabulary';

export { agreementEventNames, agreementEventType, type AgreementEventName } from './vocabulary';

const base = {
  agreementId: z.string(),
  versionNumber: z.number().int(),
  contentHash: z.string(),
  partnershipId: z.string(),
};

export const agreementEventDataSchemas = {
  opened: z.object({
    ...base,
    roundNumber: z.number().int(),
    mode: z.string(),
    organisationIds: z.array(z.string()),
    expiresAt: z.string(),
  }),
  /** `recordId`/`recordHash`: the signature as the partnership's hash chain links it. */
  signed: z.object({
    ...base,
    roundNumber: z.number().int(),
    organisationId: z.string(),
    keyId: z.string(),
    ...chainRecordRefSchema.shape,
  }),
  /** `roundEnded`: the round's rule can no longer be met; false while a quorum still can be. */
  declined: z.object({
    ...base,
    roundNumber: z.number().int(),
    organisationId: z.string(),
    reason: z.string(),
    roundEnded: z.boolean().optional(),
  }),
  effective: z.object(base),
  amended: z.object({ ...base, basedOn: z.number().int(), affectedOrganisationIds: z.array(z.string()) }),
  expired: z.object({ ...base, roundNumber: z.number().int(), unsignedOrganisationIds: z.array(z.string()) }),
  /** A pending signature passed its due date: remind the signatory. */
  reminded: z.object({
    ...base,
    roundNumber: z.number().int(),
    organisationId: z.string(),
    signatoryUserId: z.string(),
    dueAt: z.string(),
  }),
  /** A coordinator ended an open round (`status` cancelled or superseded), with a reason. */
  cancelled: z.object({ ...base, roundNumber: z.number().int(), status: z.string(), reason: z.string() }),
  /** A membership change waits for the open round to end (`versionNumber`: the version it waits behind). */
  queued: z.object({ ...base, key: z.string(), change: z.string(), organisationId: z.string() }),
} satisfies Record<AgreementEventName, z.ZodType>;

export type AgreementEventData<N extends AgreementEventName> = z.infer<(typeof agreementEventDataSchemas)[N]>;
