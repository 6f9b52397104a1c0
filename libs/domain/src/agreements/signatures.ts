import { type SignatureRecord, type SigningKey, type SigningRound, type SignInput } from '@mitra/contracts';
import { findVersion, type AgreementState, type Context, type Transition } from './agreement';
import { AgreementExceptionCode, refuse } from './agreement-exception';
import { assertMayActFor } from './authorisation';
import { signatureRecordHash, signatureRecordId } from '../audit/hash-chain';
import { signedMessageOf } from './content-hash';
import { ruleParties, ruleStillPossible } from './effectiveness';
import { base64UrlToBytes } from './encoding';
import { hasDeclined, signersOf, waitingOn } from './pending';
import { type Ed25519Verify, closeIfRuleMet, eventBase, replaceRound, roundFor } from './signing-rounds';

export interface SignContext extends Context {
  /** The enrolled key named by the signature, if there is one. */
  key: SigningKey | undefined;
  verify: Ed25519Verify;
}

export interface SignResult {
  roundNumber: number;
  organisationId: string;
  /** True when this exact signature was already recorded: nothing changed. */
  repeated: boolean;
}

/**
 * Records one party's signature over the SHA-256 of the version's canonical form. Refused: another
 * organisation's party, out of order, after expiry, a key not enrolled for the party's signatory,
 * a hash of another version, a signature that does not verify. The same signature again changes
 * nothing; a different one from a party that signed is refused.
 */
export function sign(
  state: AgreementState,
  input: { versionNumber: number; signature: SignInput },
  context: SignContext,
): Transition<SignResult> {
  const { actor, now, key, verify } = context;
  const { organisationId, keyId, contentHash, value } = input.signature;
  assertMayActFor(actor, organisationId, 'sign');
  findVersion(state, input.versionNumber);

  for (const earlier of state.rounds.filter((r) => r.versionNumber === input.versionNumber)) {
    const existing = earlier.signatures.find((s) => s.organisationId === organisationId);
    if (existing?.value === value && existing.keyId === keyId) {
      return { state, events: [], result: { roundNumber: earlier.number, organisationId, repeated: true } };
    }
    if (existing)
      refuse(
        AgreementExceptionCode.AlreadySigned,
        `This organisation already signed version ${input.versionNumber}.`,
        undefined,
        { version: input.versionNumber },
      );
  }

  const round = roundFor(state, input.versionNumber, now);
  const party = round.parties.find((p) => p.organisationId === organisationId);
  if (!party)
    return refuse(
      AgreementExceptionCode.NotAParty,
      'This organisation is not a party to this signing round.',
    );
  if (hasDeclined(round, organisationId))
    refuse(AgreementExceptionCode.AlreadyDeclined, 'This organisation declined to sign in this round.');
  const before = waitingOn(round, party, signersOf(state.rounds, round.versionNumber));
  if (before.length > 0) {
    refuse(
      AgreementExceptionCode.OutOfOrder,
      `Not this party's turn: waiting for ${before.map((p) => p.organisationName).join(', ')} to sign first.`,
      undefined,
      { waitingFor: before.map((p) => p.organisationName) },
    );
  }
  if (!key) return refuse(AgreementExceptionCode.KeyNotEnrolled, 'No key with this id is enrolled.');
  if (key.organisationId !== organisationId || key.userId !== party.signatoryUserId) {
    refuse(AgreementExceptionCode.KeyNotSignatorys, "The key is not enrolled for this party's signatory.");
  }
  if (key.revocation && Date.parse(key.revocation.revokedAt) <= Date.parse(now)) {
    refuse(
      AgreementExceptionCode.KeyRevoked,
      key.revocation.kind === 'rotated'
        ? `Key ${keyId} was replaced by key ${key.revocation.replacedBy} at ${key.revocation.revokedAt}: sign with the new key.`
        : `Key ${keyId} was revoked at ${key.revocation.revokedAt}: enrol a new key to sign.`,
    );
  }
  if (actor.role !== 'admin' && key.userId !== actor.userId) {
    refuse(AgreementExceptionCode.KeyNotSignatorys, 'You may sign only with your own key.');
  }
  if (contentHash !== round.contentHash) {
    const other = state.versions.find((version) => version.contentHash === contentHash);
    refuse(
      AgreementExceptionCode.HashOfAnotherVersion,
      other
        ? `The signature is over version ${other.number}, not version ${round.versionNumber}.`
        : `The signed hash is not the hash of version ${round.versionNumber}.`,
      [
        {
          field: 'signature.contentHash',
          reason: `must be the hash of version ${round.versionNumber}`,
          code: 'agreements.hash_of_another_version',
        },
      ],
    );
  }
  if (!verify(base64UrlToBytes(key.publicKey), signedMessageOf(round.contentHash), base64UrlToBytes(value))) {
    refuse(AgreementExceptionCode.SignatureInvalid, 'The signature does not verify.', [
      {
        field: 'signature.value',
        reason: `does not verify with key ${keyId} over the hash of version ${round.versionNumber}`,
        code: 'agreements.signature_invalid',
      },
    ]);
  }

  const signature: SignatureRecord = {
    organisationId,
    signatoryUserId: party.signatoryUserId,
    keyId,
    contentHash,
    value,
    signedAt: now,
    submittedBy: actor.userId,
  };
  const updated: SigningRound = { ...round, signatures: [...round.signatures, signature] };
  const closed = closeIfRuleMet(replaceRound(state, updated), updated, now);
  return {
    state: closed.state,
    events: [
      {
        name: 'signed',
        key: `r${round.number}.signed.${organisationId}`,
        data: {
          ...eventBase(state, round),
          roundNumber: round.number,
          organisationId,
          keyId,
          recordId: signatureRecordId(state.id, round.number, organisationId),
          recordHash: signatureRecordHash({
            agreementId: state.id,
            versionNumber: round.versionNumber,
            roundNumber: round.number,
            signature,
          }),
        },
      },
      ...closed.events,
    ],
    result: { roundNumber: round.number, organisationId, repeated: false },
  };
}

/**
 * A party declines, with a reason every party sees. The round ends when its rule can no longer be
 * met (under `all`, at any decline); under a quorum that can still be met it stays open for the others.
 */
export function decline(
  state: AgreementState,
  input: { versionNumber: number; decline: { organisationId: string; reason: string } },
  { actor, now }: Context,
): Transition<{ roundNumber: number; organisationId: string }> {
  const { organisationId, reason } = input.decline;
  assertMayActFor(actor, organisationId, 'decline');
  findVersion(state, input.versionNumber);
  const round = roundFor(state, input.versionNumber, now);
  if (!round.parties.some((p) => p.organisationId === organisationId)) {
    refuse(AgreementExceptionCode.NotAParty, 'This organisation is not a party to this signing round.');
  }
  if (signersOf(state.rounds, round.versionNumber).has(organisationId))
    refuse(AgreementExceptionCode.AlreadySigned, 'This organisation already signed; it cannot decline.');
  if (hasDeclined(round, organisationId))
    refuse(AgreementExceptionCode.AlreadyDeclined, 'This organisation already declined in this round.');
  const declines = [...round.declines, { organisationId, reason, declinedAt: now, declinedBy: actor.userId }];
  const roundEnded = !ruleStillPossible(
    round.rule,
    ruleParties(state.versions, round),
    new Set(declines.map((d) => d.organisationId)),
  );
  const updated: SigningRound = roundEnded
    ? { ...round, status: 'declined', closedAt: now, declines }
    : { ...round, declines };
  return {
    state: replaceRound(state, updated),
    events: [
      {
        name: 'declined',
        key: `r${round.number}.declined.${organisationId}`,
        data: { ...eventBase(state, round), roundNumber: round.number, organisationId, reason, roundEnded },
      },
    ],
    result: { roundNumber: round.number, organisationId },
  };
}

/** One reminder per pending signature whose due date has passed while the round is open. */
