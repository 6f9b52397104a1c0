import type {
  AgreementVersion,
  SignatureCheck,
  SignatureRecord,
  SigningKey,
  VerificationReport,
  VersionStanding,
} from '@mitra/contracts';
import { findVersion, type AgreementState } from './agreement';
import { contentHashOf, keyFingerprint, signedMessageOf } from './content-hash';
import { decidingRound, effectivenessOf } from './effectiveness';
import { base64UrlToBytes } from './encoding';
import type { Ed25519Verify } from './signing';

interface Consent {
  roundNumber: number;
  signedVersion: number;
  signature: SignatureRecord;
}

/**
 * The signatures that stand for a version: those made on it, and for an amendment, those its
 * unaffected parties made on the version it amends (and so on back).
 */
export function consentsFor(state: AgreementState, versionNumber: number): Consent[] {
  const own = state.rounds
    .filter((round) => round.versionNumber === versionNumber)
    .flatMap((round) =>
      round.signatures.map((signature) => ({
        roundNumber: round.number,
        signedVersion: versionNumber,
        signature,
      })),
    );
  const version = findVersion(state, versionNumber);
  const carriedFrom = state.rounds.find(
    (round) => round.versionNumber === versionNumber && round.carriedFrom !== null,
  )?.carriedFrom;
  if (!version.amendment || carriedFrom === undefined || carriedFrom === null || carriedFrom >= versionNumber)
    return own;
  const affected = new Set(version.amendment.affectedOrganisationIds);
  const stillParty = new Set(version.content.fields.parties.map((party) => party.organisationId));
  const carried = consentsFor(state, carriedFrom).filter(
    (consent) =>
      !affected.has(consent.signature.organisationId) && stillParty.has(consent.signature.organisationId),
  );
  return [...own, ...carried];
}

function recomputedHash(version: AgreementVersion): string | undefined {
  try {
    return contentHashOf(version.content);
  } catch {
    return undefined;
  }
}

function safeFingerprint(publicKey: string): string | undefined {
  try {
    return keyFingerprint(base64UrlToBytes(publicKey));
  } catch {
    return undefined;
  }
}

function safeVerify(verify: Ed25519Verify, publicKey: string, contentHash: string, value: string): boolean {
  try {
    return verify(base64UrlToBytes(publicKey), signedMessageOf(contentHash), base64UrlToBytes(value));
  } catch {
    return false;
  }
}

/** Whether the version is in force, still being signed, replaced by a later one, or never came into force. */
export function standingOf(state: AgreementState, versionNumber: number): VersionStanding {
  if (state.effectiveVersion === versionNumber) return 'in_force';
  const rounds = state.rounds.filter((round) => round.versionNumber === versionNumber);
  if (rounds.some((round) => round.status === 'open')) return 'awaiting_signatures';
  return rounds.some((round) => round.status === 'completed') ? 'replaced' : 'never_in_force';
}

/**
 * Recomputes the hash of the stored content and checks every signature that stands for the version
 * against the enrolled public keys; says exactly what fails.
 */
export function verifyVersion(
  state: AgreementState,
  versionNumber: number,
  keys: ReadonlyMap<string, SigningKey>,
  verify: Ed25519Verify,
  now: string,
): VerificationReport {
  const version = findVersion(state, versionNumber);
  const hashes = new Map<number, string | undefined>();
  const hashOf = (number: number) => {
    if (!hashes.has(number)) hashes.set(number, recomputedHash(findVersion(state, number)));
    return hashes.get(number);
  };
  const recomputed = hashOf(versionNumber);
  const problems: string[] = [];
  const contentIntact = recomputed !== undefined && recomputed === version.contentHash;
  if (recomputed === undefined)
    problems.push(`Version ${versionNumber}: the stored content cannot be put in canonical form.`);
  else if (!contentIntact)
    problems.push(`Version ${versionNumber}: the stored content does not match its recorded hash.`);

  const signatures = consentsFor(state, versionNumber).map(
    ({ roundNumber, signedVersion, signature }): SignatureCheck => {
      const key = keys.get(signature.keyId);
      const signedHash = hashOf(signedVersion);
      const keyEnrolled = key !== undefined;
      const keyMatchesFingerprint = key !== undefined && safeFingerprint(key.publicKey) === signature.keyId;
      const keyBelongsToSignatory =
        key !== undefined &&
        key.userId === signature.signatoryUserId &&
        key.organisationId === signature.organisationId;
      const hashMatchesVersion = signedHash !== undefined && signature.contentHash === signedHash;
      // Checked against the hash recomputed from the stored content, never the stored hash alone.
      const signatureValid =
        key !== undefined &&
        signedHash !== undefined &&
        safeVerify(verify, key.publicKey, signedHash, signature.value);
      const keyRevocation = key?.revocation ?? null;
      // A key revoked later does not undo what it signed before; from its revocation on it signs nothing.
      const signedBeforeRevocation =
        keyRevocation === null || Date.parse(signature.signedAt) < Date.parse(keyRevocation.revokedAt);
      const revokedHow =
        keyRevocation?.kind === 'rotated' ? `replaced by key ${keyRevocation.replacedBy}` : 'revoked';
      const own: string[] = [];
      const notes: string[] = [];
      if (!keyEnrolled) own.push(`key ${signature.keyId} is not enrolled`);
      if (keyEnrolled && !keyMatchesFingerprint)
        own.push(`the enrolled key does not match fingerprint ${signature.keyId}`);
      if (keyEnrolled && !keyBelongsToSignatory) own.push("the key is not the signatory's");
      if (!hashMatchesVersion)
        own.push(`the signed hash is not the hash of version ${signedVersion}'s stored content`);
      if (keyEnrolled && !signatureValid) own.push('the signature does not verify');
      if (keyRevocation && !signedBeforeRevocation)
        own.push(
          `it is dated ${signature.signedAt}, at or after key ${signature.keyId} was ${revokedHow} at ${keyRevocation.revokedAt}`,
        );
      if (keyRevocation && signedBeforeRevocation)
        notes.push(
          `key ${signature.keyId} was ${revokedHow} at ${keyRevocation.revokedAt}, after this signature`,
        );
      const valid =
        keyEnrolled &&
        keyMatchesFingerprint &&
        keyBelongsToSignatory &&
        hashMatchesVersion &&
        signatureValid &&
        signedBeforeRevocation;
      problems.push(
        ...own.map(
          (problem) =>
            `Signature of ${signature.organisationId} (round ${roundNumber}, version ${signedVersion}): ${problem}.`,
        ),
      );
      return {
        roundNumber,
        organisationId: signature.organisationId,
        signatoryUserId: signature.signatoryUserId,
        keyId: signature.keyId,
        signedAt: signature.signedAt,
        signedVersion,
        keyEnrolled,
        keyMatchesFingerprint,
        keyBelongsToSignatory,
        hashMatchesVersion,
        signatureValid,
        keyRevocation,
        signedBeforeRevocation,
        valid,
        problems: own,
        notes,
      };
    },
  );

  const validSigners = new Set(
    signatures.filter((check) => check.valid).map((check) => check.organisationId),
  );
  // A leaving party is no party of the version that removes it, yet that version needs its signature.
  const signers = new Set([
    ...version.content.fields.parties.map((party) => party.organisationId),
    ...(decidingRound(state.rounds, versionNumber)?.parties.map((party) => party.organisationId) ?? []),
  ]);
  const unsignedOrganisationIds = [...signers].filter((id) => !validSigners.has(id));
  const standing = standingOf(state, versionNumber);
  const valid = contentIntact && signatures.every((check) => check.valid);
  const effectiveness = effectivenessOf(state, versionNumber, validSigners);
  return {
    agreementId: state.id,
    versionNumber,
    verifiedAt: now,
    storedContentHash: version.contentHash,
    recomputedContentHash: recomputed ?? '',
    contentIntact,
    signatures,
    unsignedOrganisationIds,
    valid,
    complete: valid && unsignedOrganisationIds.length === 0,
    effectiveness,
    ruleMet: contentIntact && effectiveness !== null && effectiveness.met,
    inForce: standing === 'in_force',
    standing,
    problems,
  };
}

/**
 * A verification in one word for the screens: the content altered, a signature invalid, nobody signed
 * yet (a draft, or a round just opened), some parties still to sign, or complete.
 */
export type VerificationVerdict = 'altered' | 'invalid' | 'unsigned' | 'incomplete' | 'complete';

export function verificationVerdict(
  report: Pick<VerificationReport, 'contentIntact' | 'valid' | 'complete' | 'signatures'>,
): VerificationVerdict {
  if (!report.contentIntact) return 'altered';
  if (!report.valid) return 'invalid';
  if (report.complete) return 'complete';
  return report.signatures.length === 0 ? 'unsigned' : 'incomplete';
}
