import { z } from 'zod';
import { replyObject } from '../common/reply';
import { effectivenessRuleReplySchema, effectivenessStatusSchema } from './effectiveness';
import { agreementFieldsReplySchema, agreementKinds, agreementPartyReplySchema, languages } from './fields';

/** The clauses of both templates, in their order (the list, then the closing). */
export const clauseKeys = [
  'parties',
  'background_purpose',
  'scope',
  'roles_contributions',
  'governance',
  'communication',
  'funding',
  'accountability_reporting',
  'confidentiality_data',
  'duration_amendment_termination',
  'dispute_resolution',
  'closing',
] as const;
export type ClauseKey = (typeof clauseKeys)[number];

// Every view below is what the agreements service sends back: its schema is the contract's reply, its type the
// schema's. Dates are ISO 8601 strings, as they cross JSON.

const clauseKey = z.enum(clauseKeys);
const language = z.enum(languages);
const byLanguage = <T extends z.ZodType>(value: T) => replyObject({ id: value, en: value });

export const renderedClauseSchema = replyObject({
  key: clauseKey,
  number: z.number(),
  heading: z.string(),
  lines: z.array(z.string()),
});
export type RenderedClause = z.infer<typeof renderedClauseSchema>;

export const renderedTextSchema = replyObject({
  title: z.string(),
  opening: z.array(z.string()),
  clauses: z.array(renderedClauseSchema),
});
export type RenderedText = z.infer<typeof renderedTextSchema>;

export const versionContentFormat = 'mitra.agreement/1';

/** What a version is: its canonical form is hashed and signed, so nothing here may change once stored. */
export const versionContentSchema = replyObject({
  format: z.literal(versionContentFormat),
  agreementId: z.string(),
  partnershipId: z.string(),
  kind: z.enum(agreementKinds),
  versionNumber: z.number(),
  templateId: z.string(),
  fields: agreementFieldsReplySchema,
  text: byLanguage(renderedTextSchema),
});
export type VersionContent = z.infer<typeof versionContentSchema>;

export const amendmentInfoSchema = replyObject({
  /** Parties that must sign the amendment; the others' earlier signatures stand. */
  affectedOrganisationIds: z.array(z.string()),
  joinedOrganisationIds: z.array(z.string()),
  leftOrganisationIds: z.array(z.string()),
});
export type AmendmentInfo = z.infer<typeof amendmentInfoSchema>;

export const versionSummarySchema = replyObject({
  number: z.number(),
  /** SHA-256 (hex) of the canonical JSON of the version's content. */
  contentHash: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  basedOn: z.number().nullable(),
  amendment: amendmentInfoSchema.nullable(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const agreementVersionSchema = versionSummarySchema.extend({
  agreementId: z.string(),
  content: versionContentSchema,
});
export type AgreementVersion = z.infer<typeof agreementVersionSchema>;

export const signingModes = ['parallel', 'ordered'] as const;
export type SigningMode = (typeof signingModes)[number];

export const roundStatuses = ['open', 'completed', 'declined', 'expired', 'superseded', 'cancelled'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

export const signingPartySchema = replyObject({
  organisationId: z.string(),
  organisationName: z.string(),
  signatoryUserId: z.string(),
  signatoryName: z.string(),
  signatoryTitle: z.string(),
  /** Parties sign in ascending order; equal orders sign in parallel. */
  order: z.number(),
  /** When this party's signature is due (reminders); at the latest the round's expiry. */
  dueAt: z.string(),
  /** When a reminder went out for this party, once its due date passed unsigned. */
  remindedAt: z.string().nullable(),
});
export type SigningParty = z.infer<typeof signingPartySchema>;

export const signatureRecordSchema = replyObject({
  organisationId: z.string(),
  signatoryUserId: z.string(),
  /** Fingerprint of the enrolled public key: SHA-256 (hex) of its 32 raw bytes. */
  keyId: z.string(),
  contentHash: z.string(),
  /** Ed25519 signature (base64url, 64 bytes) over the 32 raw bytes of `contentHash`. */
  value: z.string(),
  signedAt: z.string(),
  submittedBy: z.string(),
});
export type SignatureRecord = z.infer<typeof signatureRecordSchema>;

export const declineRecordSchema = replyObject({
  organisationId: z.string(),
  reason: z.string(),
  declinedAt: z.string(),
  declinedBy: z.string(),
});
export type DeclineRecord = z.infer<typeof declineRecordSchema>;

/** What a round is when it opens; the rest is what happens in it. */
const roundOpening = {
  number: z.number(),
  versionNumber: z.number(),
  contentHash: z.string(),
  mode: z.enum(signingModes),
  parties: z.array(signingPartySchema),
  expiresAt: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  /** An amendment round: the version whose signatures stand for the parties it does not affect. */
  carriedFrom: z.number().nullable(),
  /** When the round makes the agreement effective; amendment rounds ask every party they affect. */
  rule: effectivenessRuleReplySchema,
};

/** Who ended a round before its parties decided it (cancelled, or superseded by an amendment), and why. */
export const roundEndingSchema = replyObject({
  by: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type RoundEnding = z.infer<typeof roundEndingSchema>;

export const signingRoundSchema = replyObject({
  ...roundOpening,
  status: z.enum(roundStatuses),
  signatures: z.array(signatureRecordSchema),
  declines: z.array(declineRecordSchema),
  closedAt: z.string().nullable(),
  /** Set when a coordinator cancelled or superseded the round. */
  endedBy: roundEndingSchema.optional(),
});
export type SigningRound = z.infer<typeof signingRoundSchema>;

export const pendingSignatureSchema = replyObject({
  roundNumber: z.number(),
  versionNumber: z.number(),
  organisationId: z.string(),
  signatoryUserId: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  /** False while an earlier party of an ordered round has not signed. */
  mayNowSign: z.boolean(),
  /** The round's rule cannot be met without this party's signature (always, under `all`). */
  required: z.boolean(),
});
export type PendingSignature = z.infer<typeof pendingSignatureSchema>;

export const agreementStatuses = ['draft', 'open', 'effective', 'declined', 'expired'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

export const agreementSummarySchema = replyObject({
  id: z.string(),
  kind: z.enum(agreementKinds),
  partnershipId: z.string(),
  title: z.string(),
  status: z.enum(agreementStatuses),
  latestVersion: z.number(),
  /** The version in force; during an amendment round, the one before it. */
  effectiveVersion: z.number().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type AgreementSummary = z.infer<typeof agreementSummarySchema>;

export const membershipChangeReplySchema = z.discriminatedUnion('kind', [
  replyObject({ kind: z.literal('join'), party: agreementPartyReplySchema }),
  replyObject({ kind: z.literal('leave'), organisationId: z.string() }),
]);

export const queuedChangeStatuses = ['queued', 'amended', 'void'] as const;
export type QueuedChangeStatus = (typeof queuedChangeStatuses)[number];

/**
 * A partner joining or leaving while a round was open: kept until the round ends, then amended.
 * `void` when the MoU no longer needed it by then (the organisation already was, or no longer was, a
 * party), with the reason; nothing leaves the queue unrecorded.
 */
export const queuedMembershipChangeSchema = replyObject({
  /** The idempotency key of the command that asked for it. */
  key: z.string(),
  change: membershipChangeReplySchema,
  queuedAt: z.string(),
  queuedBy: z.string(),
  /** How long its round stays open once it opens (ms): the time the change was given when asked. */
  signingPeriodMs: z.number(),
  status: z.enum(queuedChangeStatuses),
  /** The amendment's version, once amended. */
  versionNumber: z.number().nullable(),
  resolvedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type QueuedMembershipChange = z.infer<typeof queuedMembershipChangeSchema>;

export const agreementSchema = agreementSummarySchema.extend({
  /** Every organisation that is or was a party: they may read the agreement. */
  organisationIds: z.array(z.string()),
  versions: z.array(versionSummarySchema),
  rounds: z.array(signingRoundSchema),
  pendingSignatures: z.array(pendingSignatureSchema),
  /** Membership changes asked for while a round was open, in the order they came. */
  membershipQueue: z.array(queuedMembershipChangeSchema),
});
export type Agreement = z.infer<typeof agreementSchema>;

/**
 * Why a key no longer signs: its owner or an admin revoked it, or the signer enrolled a newer key
 * (rotation). Signatures made before `revokedAt` stay valid.
 */
export const keyRevocationSchema = z.discriminatedUnion('kind', [
  replyObject({
    kind: z.literal('revoked'),
    reason: z.string(),
    revokedAt: z.string(),
    revokedBy: z.string(),
  }),
  replyObject({
    kind: z.literal('rotated'),
    replacedBy: z.string(),
    revokedAt: z.string(),
    revokedBy: z.string(),
  }),
]);
export type KeyRevocation = z.infer<typeof keyRevocationSchema>;

export const signingKeySchema = replyObject({
  keyId: z.string(),
  userId: z.string(),
  organisationId: z.string(),
  algorithm: z.literal('Ed25519'),
  /** The 32 raw bytes of the Ed25519 public key, base64url. */
  publicKey: z.string(),
  enrolledAt: z.string(),
  enrolledBy: z.string(),
  /** Absent while the key may sign. */
  revocation: keyRevocationSchema.optional(),
});
export type SigningKey = z.infer<typeof signingKeySchema>;

export const lineOperations = ['added', 'removed', 'unchanged'] as const;
export type LineOperation = (typeof lineOperations)[number];

export const lineChangeSchema = replyObject({ op: z.enum(lineOperations), line: z.string() });
export type LineChange = z.infer<typeof lineChangeSchema>;

export const clauseDiffSchema = replyObject({
  key: clauseKey,
  status: z.enum(['added', 'removed', 'changed', 'unchanged']),
  heading: replyObject({ from: z.string().nullable(), to: z.string().nullable() }),
  lines: z.array(lineChangeSchema),
});
export type ClauseDiff = z.infer<typeof clauseDiffSchema>;

export const versionDiffSchema = replyObject({
  agreementId: z.string(),
  from: z.number(),
  to: z.number(),
  language,
  title: replyObject({ from: z.string(), to: z.string() }),
  /** The paragraph before Article 1. */
  opening: z.array(lineChangeSchema),
  clauses: z.array(clauseDiffSchema),
});
export type VersionDiff = z.infer<typeof versionDiffSchema>;

export const signatureCheckSchema = replyObject({
  roundNumber: z.number(),
  organisationId: z.string(),
  signatoryUserId: z.string(),
  keyId: z.string(),
  signedAt: z.string(),
  /** The version the signature is over: this one, or the earlier one an amendment carries it from. */
  signedVersion: z.number(),
  keyEnrolled: z.boolean(),
  keyMatchesFingerprint: z.boolean(),
  keyBelongsToSignatory: z.boolean(),
  hashMatchesVersion: z.boolean(),
  signatureValid: z.boolean(),
  /** The key's revocation, if it was revoked (before or after this signature). */
  keyRevocation: keyRevocationSchema.nullable(),
  /** False when the signature is dated at or after its key's revocation. */
  signedBeforeRevocation: z.boolean(),
  valid: z.boolean(),
  problems: z.array(z.string()),
  /** What the auditor should know that does not invalidate the signature, e.g. a key revoked later. */
  notes: z.array(z.string()),
});
export type SignatureCheck = z.infer<typeof signatureCheckSchema>;

/**
 * Where a version stands: in force; awaiting the signatures of its open round; replaced by a later
 * version that came into force; or never in force (its round declined, expired, cancelled or superseded,
 * or no round was opened).
 */
export const versionStandings = ['in_force', 'awaiting_signatures', 'replaced', 'never_in_force'] as const;
export type VersionStanding = (typeof versionStandings)[number];

export const verificationReportSchema = replyObject({
  agreementId: z.string(),
  versionNumber: z.number(),
  verifiedAt: z.string(),
  storedContentHash: z.string(),
  recomputedContentHash: z.string(),
  contentIntact: z.boolean(),
  signatures: z.array(signatureCheckSchema),
  /** Parties of this version with no valid signature. */
  unsignedOrganisationIds: z.array(z.string()),
  /** Content intact and every signature valid. */
  valid: z.boolean(),
  /** Valid, and every party of the version has a valid signature (its own, or one an amendment carries). */
  complete: z.boolean(),
  /**
   * The rule of the round that made (or is to make) the version effective, counted with valid
   * signatures only; null when no round was opened for it.
   */
  effectiveness: effectivenessStatusSchema.nullable(),
  /** Content intact and the rule met by valid signatures. */
  ruleMet: z.boolean(),
  /** Whether this is the version in force now (`standing` says why not). */
  inForce: z.boolean(),
  standing: z.enum(versionStandings),
  problems: z.array(z.string()),
});
export type VerificationReport = z.infer<typeof verificationReportSchema>;

export const agreementTemplateSchema = replyObject({
  kind: z.enum(agreementKinds),
  templateId: z.string(),
  title: byLanguage(z.string()),
  clauses: z.array(replyObject({ key: clauseKey, heading: byLanguage(z.string()) })),
});
export type AgreementTemplate = z.infer<typeof agreementTemplateSchema>;

export const agreementPdfSchema = replyObject({
  agreementId: z.string(),
  versionNumber: z.number(),
  contentHash: z.string(),
  language,
  fileName: z.string(),
  contentBase64: z.string(),
});
export type AgreementPdf = z.infer<typeof agreementPdfSchema>;

// Replies to commands: only what the command created, which never changes, so a repeat gets the same.

export const revisionReceiptSchema = versionSummarySchema.extend({ agreementId: z.string() });
export type RevisionReceipt = z.infer<typeof revisionReceiptSchema>;

export const openedRoundSchema = replyObject({ ...roundOpening, agreementId: z.string() });
export type OpenedRound = z.infer<typeof openedRoundSchema>;

export const signatureReceiptSchema = replyObject({
  agreementId: z.string(),
  versionNumber: z.number(),
  roundNumber: z.number(),
  signature: signatureRecordSchema,
});
export type SignatureReceipt = z.infer<typeof signatureReceiptSchema>;

export const declineReceiptSchema = replyObject({
  agreementId: z.string(),
  versionNumber: z.number(),
  roundNumber: z.number(),
  decline: declineRecordSchema,
});
export type DeclineReceipt = z.infer<typeof declineReceiptSchema>;

export const amendmentReceiptSchema = replyObject({
  agreementId: z.string(),
  version: versionSummarySchema,
  round: openedRoundSchema,
});
export type AmendmentReceipt = z.infer<typeof amendmentReceiptSchema>;

/** A membership change is amended at once, or queued behind the open round. */
export const membershipChangeReceiptSchema = z.discriminatedUnion('outcome', [
  amendmentReceiptSchema.extend({ outcome: z.literal('amended') }),
  replyObject({
    outcome: z.literal('queued'),
    agreementId: z.string(),
    key: z.string(),
    queuedAt: z.string(),
    /** The open round it waits for. */
    behindRound: z.number(),
  }),
]);
export type MembershipChangeReceipt = z.infer<typeof membershipChangeReceiptSchema>;
