import type { EffectivenessRule, EffectivenessStatus } from './effectiveness';
import type { AgreementFields, AgreementKind, Language } from './fields';

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

export interface RenderedClause {
  key: ClauseKey;
  number: number;
  heading: string;
  lines: string[];
}

export interface RenderedText {
  title: string;
  opening: string[];
  clauses: RenderedClause[];
}

export const versionContentFormat = 'mitra.agreement/1';

/** What a version is: its canonical form is hashed and signed, so nothing here may change once stored. */
export interface VersionContent {
  format: typeof versionContentFormat;
  agreementId: string;
  partnershipId: string;
  kind: AgreementKind;
  versionNumber: number;
  templateId: string;
  fields: AgreementFields;
  text: Record<Language, RenderedText>;
}

export interface AmendmentInfo {
  /** Parties that must sign the amendment; the others' earlier signatures stand. */
  affectedOrganisationIds: string[];
  joinedOrganisationIds: string[];
  leftOrganisationIds: string[];
}

export interface VersionSummary {
  number: number;
  /** SHA-256 (hex) of the canonical JSON of the version's content. */
  contentHash: string;
  createdAt: string;
  createdBy: string;
  basedOn: number | null;
  amendment: AmendmentInfo | null;
}

export interface AgreementVersion extends VersionSummary {
  agreementId: string;
  content: VersionContent;
}

export const signingModes = ['parallel', 'ordered'] as const;
export type SigningMode = (typeof signingModes)[number];

export const roundStatuses = ['open', 'completed', 'declined', 'expired', 'superseded'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

export interface SigningParty {
  organisationId: string;
  organisationName: string;
  signatoryUserId: string;
  signatoryName: string;
  signatoryTitle: string;
  /** Parties sign in ascending order; equal orders sign in parallel. */
  order: number;
  /** When this party's signature is due (reminders); at the latest the round's expiry. */
  dueAt: string;
  /** When a reminder went out for this party, once its due date passed unsigned. */
  remindedAt: string | null;
}

export interface SignatureRecord {
  organisationId: string;
  signatoryUserId: string;
  /** Fingerprint of the enrolled public key: SHA-256 (hex) of its 32 raw bytes. */
  keyId: string;
  contentHash: string;
  /** Ed25519 signature (base64url, 64 bytes) over the 32 raw bytes of `contentHash`. */
  value: string;
  signedAt: string;
  submittedBy: string;
}

export interface DeclineRecord {
  organisationId: string;
  reason: string;
  declinedAt: string;
  declinedBy: string;
}

export interface SigningRound {
  number: number;
  versionNumber: number;
  contentHash: string;
  mode: SigningMode;
  parties: SigningParty[];
  expiresAt: string;
  openedAt: string;
  openedBy: string;
  status: RoundStatus;
  signatures: SignatureRecord[];
  declines: DeclineRecord[];
  closedAt: string | null;
  /** An amendment round: the version whose signatures stand for the parties it does not affect. */
  carriedFrom: number | null;
  /** When the round makes the agreement effective; amendment rounds ask every party they affect. */
  rule: EffectivenessRule;
}

export interface PendingSignature {
  roundNumber: number;
  versionNumber: number;
  organisationId: string;
  signatoryUserId: string;
  dueAt: string;
  overdue: boolean;
  /** False while an earlier party of an ordered round has not signed. */
  mayNowSign: boolean;
  /** The round's rule cannot be met without this party's signature (always, under `all`). */
  required: boolean;
}

export const agreementStatuses = ['draft', 'open', 'effective', 'declined', 'expired'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

export interface AgreementSummary {
  id: string;
  kind: AgreementKind;
  partnershipId: string;
  title: string;
  status: AgreementStatus;
  latestVersion: number;
  /** The version in force; during an amendment round, the one before it. */
  effectiveVersion: number | null;
  createdAt: string;
  createdBy: string;
}

export interface Agreement extends AgreementSummary {
  /** Every organisation that is or was a party: they may read the agreement. */
  organisationIds: string[];
  versions: VersionSummary[];
  rounds: SigningRound[];
  pendingSignatures: PendingSignature[];
}

/**
 * Why a key no longer signs: its owner or an admin revoked it, or the signer enrolled a newer key
 * (rotation). Signatures made before `revokedAt` stay valid.
 */
export type KeyRevocation =
  | { kind: 'revoked'; reason: string; revokedAt: string; revokedBy: string }
  | { kind: 'rotated'; replacedBy: string; revokedAt: string; revokedBy: string };

export interface SigningKey {
  keyId: string;
  userId: string;
  organisationId: string;
  algorithm: 'Ed25519';
  /** The 32 raw bytes of the Ed25519 public key, base64url. */
  publicKey: string;
  enrolledAt: string;
  enrolledBy: string;
  /** Absent while the key may sign. */
  revocation?: KeyRevocation;
}

export type LineOperation = 'added' | 'removed' | 'unchanged';

export interface LineChange {
  op: LineOperation;
  line: string;
}

export interface ClauseDiff {
  key: ClauseKey;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  heading: { from: string | null; to: string | null };
  lines: LineChange[];
}

export interface VersionDiff {
  agreementId: string;
  from: number;
  to: number;
  language: Language;
  title: { from: string; to: string };
  /** The paragraph before Article 1. */
  opening: LineChange[];
  clauses: ClauseDiff[];
}

export interface SignatureCheck {
  roundNumber: number;
  organisationId: string;
  signatoryUserId: string;
  keyId: string;
  signedAt: string;
  /** The version the signature is over: this one, or the earlier one an amendment carries it from. */
  signedVersion: number;
  keyEnrolled: boolean;
  keyMatchesFingerprint: boolean;
  keyBelongsToSignatory: boolean;
  hashMatchesVersion: boolean;
  signatureValid: boolean;
  /** The key's revocation, if it was revoked (before or after this signature). */
  keyRevocation: KeyRevocation | null;
  /** False when the signature is dated at or after its key's revocation. */
  signedBeforeRevocation: boolean;
  valid: boolean;
  problems: string[];
  /** What the auditor should know that does not invalidate the signature, e.g. a key revoked later. */
  notes: string[];
}

export interface VerificationReport {
  agreementId: string;
  versionNumber: number;
  verifiedAt: string;
  storedContentHash: string;
  recomputedContentHash: string;
  contentIntact: boolean;
  signatures: SignatureCheck[];
  /** Parties of this version with no valid signature. */
  unsignedOrganisationIds: string[];
  /** Content intact and every signature valid. */
  valid: boolean;
  /** Valid, and every party of the version has a valid signature (its own, or one an amendment carries). */
  complete: boolean;
  /**
   * The rule of the round that made (or is to make) the version effective, counted with valid
   * signatures only; null when no round was opened for it.
   */
  effectiveness: EffectivenessStatus | null;
  /** Content intact and the rule met by valid signatures. */
  ruleMet: boolean;
  problems: string[];
}

export interface AgreementTemplate {
  kind: AgreementKind;
  templateId: string;
  title: Record<Language, string>;
  clauses: { key: ClauseKey; heading: Record<Language, string> }[];
}

export interface AgreementPdf {
  agreementId: string;
  versionNumber: number;
  contentHash: string;
  language: Language;
  fileName: string;
  contentBase64: string;
}

/** Replies to commands: only what the command created, which never changes, so a repeat gets the same. */
export interface RevisionReceipt extends VersionSummary {
  agreementId: string;
}

export type OpenedRound = Omit<SigningRound, 'status' | 'signatures' | 'declines' | 'closedAt'> & { agreementId: string };

export interface SignatureReceipt {
  agreementId: string;
  versionNumber: number;
  roundNumber: number;
  signature: SignatureRecord;
}

export interface DeclineReceipt {
  agreementId: string;
  versionNumber: number;
  roundNumber: number;
  decline: DeclineRecord;
}

export interface AmendmentReceipt {
  agreementId: string;
  version: VersionSummary;
  round: OpenedRound;
}
