import { z } from 'zod';
import { reasonSchema } from '../common/text';
import { objectIdSchema } from '../common/actor';
import { commandEnvelope, queryEnvelope } from '../common/contract';
import { partnershipIdSchema } from '../common/partnership-id';
import { effectivenessRuleSchema } from './effectiveness';
import {
  agreementFieldsSchema,
  agreementKinds,
  agreementPartySchema,
  languages,
  userIdSchema,
} from './fields';
import { signingModes } from './views';

const hex64 = (what: string) =>
  z.string().regex(/^[0-9a-f]{64}$/, `must be ${what}: 64 lowercase hexadecimal characters`);

export const contentHashSchema = hex64('a SHA-256 hash');
export const keyIdSchema = hex64('a key fingerprint');
/** The 32 raw bytes of an Ed25519 public key, base64url without padding (a JWK's `x`). */
export const ed25519PublicKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'must be a 32-byte Ed25519 public key in base64url');
/** A 64-byte Ed25519 signature, base64url without padding. */
export const ed25519SignatureSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{85}[AQgw]$/, 'must be a 64-byte Ed25519 signature in base64url');
export const versionNumberSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(100_000);
export const timestampSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

const command = commandEnvelope;

// ---- drafts and versions ----

export const createAgreementInputSchema = z.strictObject({
  kind: z.enum(agreementKinds),
  partnershipId: partnershipIdSchema,
  fields: agreementFieldsSchema,
});
export type CreateAgreementInput = z.infer<typeof createAgreementInputSchema>;
export const createAgreementCommandSchema = command({ agreement: createAgreementInputSchema });

/** A new version from changed fields; `baseVersion` must be the latest, so no edit is silently lost. */
export const reviseAgreementInputSchema = z.strictObject({
  baseVersion: versionNumberSchema,
  fields: agreementFieldsSchema,
});
export type ReviseAgreementInput = z.infer<typeof reviseAgreementInputSchema>;
export const reviseAgreementCommandSchema = command({
  agreementId: objectIdSchema,
  revision: reviseAgreementInputSchema,
});

/** An amendment of an effective agreement: only the parties it affects sign it again. */
export const amendAgreementInputSchema = z.strictObject({
  baseVersion: versionNumberSchema,
  fields: agreementFieldsSchema,
  mode: z.enum(signingModes).default('parallel'),
  expiresAt: timestampSchema,
  /** Ends the open round in favour of this amendment; the reason is recorded on the round it ends. */
  supersedes: z.strictObject({ roundNumber: z.number().int().min(1), reason: reasonSchema }).optional(),
});
export type AmendAgreementInput = z.infer<typeof amendAgreementInputSchema>;
export const amendAgreementCommandSchema = command({
  agreementId: objectIdSchema,
  amendment: amendAgreementInputSchema,
});

/** A partner joining or leaving mid-way: the MoU in force is amended for that party alone. */
export const membershipChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('join'), party: agreementPartySchema }),
  z.strictObject({ kind: z.literal('leave'), organisationId: objectIdSchema }),
]);
export type MembershipChange = z.infer<typeof membershipChangeSchema>;
export const amendMembershipCommandSchema = command({
  agreementId: objectIdSchema,
  change: membershipChangeSchema,
  expiresAt: timestampSchema,
});

/** A coordinator ends an open round before anyone decides it; the round is named so a stale screen cancels nothing else. */
export const cancelRoundInputSchema = z.strictObject({ reason: reasonSchema });
export type CancelRoundInput = z.infer<typeof cancelRoundInputSchema>;
export const cancelRoundCommandSchema = command({
  agreementId: objectIdSchema,
  roundNumber: z.number().int().min(1).max(100_000),
  cancellation: cancelRoundInputSchema,
});

export const getAgreementQuerySchema = queryEnvelope({ id: objectIdSchema });

export const listAgreementsQuerySchema = queryEnvelope({
  partnershipId: partnershipIdSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const listTemplatesQuerySchema = queryEnvelope({});

export const versionQuerySchema = queryEnvelope({
  agreementId: objectIdSchema,
  versionNumber: versionNumberSchema,
});

export const diffVersionsQuerySchema = queryEnvelope({
  agreementId: objectIdSchema,
  from: versionNumberSchema,
  to: versionNumberSchema,
  language: z.enum(languages).default('id'),
});

export const renderPdfQuerySchema = versionQuerySchema.extend({ language: z.enum(languages).default('id') });

// ---- signing ----

export const openSigningInputSchema = z.strictObject({
  versionNumber: versionNumberSchema,
  mode: z.enum(signingModes),
  /** The parties that sign, in signing order for `ordered`; by default every party of the version, in its order. */
  organisationIds: z.array(objectIdSchema).min(1).max(50).optional(),
  expiresAt: timestampSchema,
  /** When each pending signature is due (reminders); by default the expiry. */
  dueAt: timestampSchema.optional(),
  /** When the round makes the agreement effective; by default when every party of the round has signed. */
  rule: effectivenessRuleSchema.optional(),
});
export type OpenSigningInput = z.infer<typeof openSigningInputSchema>;
export const openSigningCommandSchema = command({
  agreementId: objectIdSchema,
  signing: openSigningInputSchema,
});

export const signInputSchema = z.strictObject({
  organisationId: objectIdSchema,
  keyId: keyIdSchema,
  /** The hash the signer signed: it must be the hash of this exact version. */
  contentHash: contentHashSchema,
  value: ed25519SignatureSchema,
});
export type SignInput = z.infer<typeof signInputSchema>;
export const signCommandSchema = command({
  agreementId: objectIdSchema,
  versionNumber: versionNumberSchema,
  signature: signInputSchema,
});

export const declineInputSchema = z.strictObject({ organisationId: objectIdSchema, reason: reasonSchema });
export type DeclineInput = z.infer<typeof declineInputSchema>;
export const declineCommandSchema = command({
  agreementId: objectIdSchema,
  versionNumber: versionNumberSchema,
  decline: declineInputSchema,
});

// ---- keys ----

/** Only the public key is ever sent: the private key stays with the signer. */
export const enrolKeyInputSchema = z.strictObject({
  userId: userIdSchema,
  organisationId: objectIdSchema,
  publicKey: ed25519PublicKeySchema,
});
export type EnrolKeyInput = z.infer<typeof enrolKeyInputSchema>;
export const enrolKeyCommandSchema = command({ key: enrolKeyInputSchema });

/** The owner of a key, or an admin, revokes it: it signs nothing more; signatures made before stay valid. */
export const revokeKeyInputSchema = z.strictObject({ reason: reasonSchema });
export type RevokeKeyInput = z.infer<typeof revokeKeyInputSchema>;
export const revokeKeyCommandSchema = command({ keyId: keyIdSchema, revocation: revokeKeyInputSchema });

export const getKeyQuerySchema = queryEnvelope({ keyId: keyIdSchema });
