import {
  defaultEffectivenessRule,
  type AgreementParty,
  type EffectivenessRule,
  type FieldError,
  type OpenSigningInput,
  type SignatureRecord,
  type SigningKey,
  type SigningMode,
  type SigningParty,
  type SigningRound,
  type SignInput,
} from '@mitra/contracts';
import {
  findVersion,
  latestVersion,
  openRound,
  type AgreementEventDraft,
  type AgreementState,
  type Context,
  type Transition,
} from './agreement';
import { AgreementExceptionCode, refuse } from './agreement-exception';
import { assertMayActFor, assertMayManage } from './authorisation';
import { signatureRecordHash, signatureRecordId } from '../audit/hash-chain';
import { signedMessageOf } from './content-hash';
import { checkRule, ruleParties, ruleStatus, ruleStillPossible } from './effectiveness';
import { base64UrlToBytes } from './encoding';
import { awaitedParties, hasDeclined, signersOf, waitingOn } from './pending';

/** Ed25519 verification, supplied by the caller (the service uses node:crypto). */
export type Ed25519Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

const iso = (time: string) => new Date(time).toISOString();

function eventBase(state: AgreementState, round: SigningRound) {
  return {
    agreementId: state.id,
    versionNumber: round.versionNumber,
    contentHash: round.contentHash,
    partnershipId: state.partnershipId,
  };
}

function replaceRound(state: AgreementState, round: SigningRound): AgreementState {
  return { ...state, rounds: state.rounds.map((r) => (r.number === round.number ? round : r)) };
}

export function signingParty(party: AgreementParty, order: number, dueAt: string): SigningParty {
  return {
    organisationId: party.organisationId,
    organisationName: party.name,
    signatoryUserId: party.representative.userId,
    signatoryName: party.representative.name,
    signatoryTitle: party.representative.title,
    order,
    dueAt,
    remindedAt: null,
  };
}

/** Checks the times of a round: expiry in the future, due date between now and the expiry. */
export function checkRoundTimes(
  input: { expiresAt: string; dueAt?: string },
  now: string,
  fieldPrefix: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const nowMs = Date.parse(now);
  const expiresMs = Date.parse(input.expiresAt);
  if (!(expiresMs > nowMs))
    errors.push({ field: `${fieldPrefix}.expiresAt`, reason: 'must be in the future' });
  if (input.dueAt !== undefined) {
    const dueMs = Date.parse(input.dueAt);
    if (!(dueMs > nowMs) || dueMs > expiresMs)
      errors.push({ field: `${fieldPrefix}.dueAt`, reason: 'must be after now and not after expiresAt' });
  }
  return errors;
}

export function newRound(
  state: AgreementState,
  input: {
    versionNumber: number;
    mode: SigningMode;
    parties: AgreementParty[];
    expiresAt: string;
    dueAt?: string;
    carriedFrom: number | null;
    rule?: EffectivenessRule;
  },
  { actor, now }: { actor: { userId: string }; now: string },
): { round: SigningRound; event: AgreementEventDraft } {
  const version = findVersion(state, input.versionNumber);
  const dueAt = iso(input.dueAt ?? input.expiresAt);
  const round: SigningRound = {
    number: state.rounds.length + 1,
    versionNumber: version.number,
    contentHash: version.contentHash,
    mode: input.mode,
    parties: input.parties.map((party, index) =>
      signingParty(party, input.mode === 'ordered' ? index + 1 : 1, dueAt),
    ),
    expiresAt: iso(input.expiresAt),
    openedAt: now,
    openedBy: actor.userId,
    status: 'open',
    signatures: [],
    declines: [],
    closedAt: null,
    carriedFrom: input.carriedFrom,
    rule: input.rule ?? defaultEffectivenessRule,
  };
  const event: AgreementEventDraft = {
    name: 'opened',
    key: `r${round.number}.opened`,
    data: {
      ...eventBase(state, round),
      roundNumber: round.number,
      mode: round.mode,
      organisationIds: round.parties.map((party) => party.organisationId),
      expiresAt: round.expiresAt,
      rule: round.rule,
    },
  };
  return { round, event };
}

/**
 * Closes an open round whose rule is met by the signatures on its version: the version becomes
 * effective, with its one `effective` event (keyed by the version, so it is raised once).
 */
function closeIfRuleMet(state: AgreementState, round: SigningRound, now: string): Transition<boolean> {
  const met = ruleStatus(
    round.rule,
    ruleParties(state.versions, round),
    signersOf(state.rounds, round.versionNumber),
  ).met;
  if (round.status !== 'open' || !met) return { state, events: [], result: false };
  return {
    state: {
      ...replaceRound(state, { ...round, status: 'completed', closedAt: now }),
      effectiveVersion: round.versionNumber,
    },
    events: [
      {
        name: 'effective',
        key: `v${round.versionNumber}.effective`,
        data: { ...eventBase(state, round), roundNumber: round.number },
      },
    ],
    result: true,
  };
}

/** Opens the latest version for signature by its parties (all by default), in parallel or in order. */
export function openSigning(
  state: AgreementState,
  input: OpenSigningInput,
  context: Context,
): Transition<{ roundNumber: number }> {
  assertMayManage(context.actor, 'open agreements for signature');
  if (openRound(state)) refuse(AgreementExceptionCode.SigningOpen, 'A signing round is already open.');
  if (state.effectiveVersion !== null)
    refuse(
      AgreementExceptionCode.AlreadyEffective,
      'The agreement is in force: change it with an amendment.',
    );
  const version = findVersion(state, input.versionNumber);
  if (version.number !== latestVersion(state).number) {
    refuse(
      AgreementExceptionCode.NotLatestVersion,
      `Only the latest version (${latestVersion(state).number}) can be opened for signature.`,
      undefined,
      { latest: latestVersion(state).number },
    );
  }
  const versionParties = version.content.fields.parties;
  const ids = input.organisationIds ?? versionParties.map((party) => party.organisationId);
  const errors = checkRoundTimes(input, context.now, 'signing');
  ids.forEach((id, index) => {
    if (!versionParties.some((party) => party.organisationId === id)) {
      errors.push({
        field: `signing.organisationIds.${index}`,
        reason: `is not a party to version ${version.number}`,
      });
    } else if (ids.indexOf(id) !== index) {
      errors.push({ field: `signing.organisationIds.${index}`, reason: 'is listed twice' });
    }
  });
  if (errors.length > 0)
    refuse(AgreementExceptionCode.BadSigningSetup, 'The signing round cannot be opened.', errors);
  const parties = ids.map((id) => versionParties.find((party) => party.organisationId === id)!);
  if (input.rule) {
    const ruleErrors = checkRule(
      input.rule,
      parties.map((party) => ({ organisationId: party.organisationId, sector: party.sector })),
      'signing.rule',
    );
    if (ruleErrors.length > 0)
      refuse(AgreementExceptionCode.BadSigningSetup, 'The signing round cannot be opened.', ruleErrors);
  }
  const { round, event } = newRound(state, { ...input, parties, carriedFrom: null }, context);
  const opened = { ...state, rounds: [...state.rounds, round] };
  // Signatures made on this version in an earlier round may already meet a (new) quorum.
  const closed = closeIfRuleMet(opened, round, context.now);
  return { state: closed.state, events: [event, ...closed.events], result: { roundNumber: round.number } };
}

function roundFor(state: AgreementState, versionNumber: number, now: string): SigningRound {
  const round = openRound(state);
  if (round && round.versionNumber === versionNumber) {
    if (Date.parse(now) >= Date.parse(round.expiresAt))
      refuse(AgreementExceptionCode.RoundExpired, `Signing expired at ${round.expiresAt}.`, undefined, {
        version: versionNumber,
        expiresAt: round.expiresAt,
      });
    return round;
  }
  const last = [...state.rounds].reverse().find((r) => r.versionNumber === versionNumber);
  if (last?.status === 'expired')
    refuse(
      AgreementExceptionCode.RoundExpired,
      `Signing of version ${versionNumber} expired at ${last.expiresAt}.`,
      undefined,
      { version: versionNumber, expiresAt: last.expiresAt },
    );
  return refuse(
    AgreementExceptionCode.RoundNotOpen,
    `Version ${versionNumber} is not open for signature.`,
    undefined,
    { version: versionNumber },
  );
}

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
      [{ field: 'signature.contentHash', reason: `must be the hash of version ${round.versionNumber}` }],
    );
  }
  if (!verify(base64UrlToBytes(key.publicKey), signedMessageOf(round.contentHash), base64UrlToBytes(value))) {
    refuse(AgreementExceptionCode.SignatureInvalid, 'The signature does not verify.', [
      {
        field: 'signature.value',
        reason: `does not verify with key ${keyId} over the hash of version ${round.versionNumber}`,
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
export function remindOverdue(state: AgreementState, now: string): Transition<boolean> {
  const round = openRound(state);
  const nowMs = Date.parse(now);
  const due = round
    ? awaitedParties(round, signersOf(state.rounds, round.versionNumber)).filter(
        (p) => p.remindedAt === null && Date.parse(p.dueAt) <= nowMs,
      )
    : [];
  if (!round || due.length === 0) return { state, events: [], result: false };
  const reminded = new Set(due.map((p) => p.organisationId));
  return {
    state: replaceRound(state, {
      ...round,
      parties: round.parties.map((p) => (reminded.has(p.organisationId) ? { ...p, remindedAt: now } : p)),
    }),
    events: due.map((p) => ({
      name: 'reminded' as const,
      key: `r${round.number}.reminded.${p.organisationId}`,
      data: {
        ...eventBase(state, round),
        roundNumber: round.number,
        organisationId: p.organisationId,
        signatoryUserId: p.signatoryUserId,
        dueAt: p.dueAt,
      },
    })),
    result: true,
  };
}

/** What time alone changes: a round past its expiry ends, overdue signatures get their reminder. */
export function applyDueTime(state: AgreementState, now: string): Transition<boolean> {
  const expired = expireDue(state, now);
  const reminded = remindOverdue(expired.state, now);
  return {
    state: reminded.state,
    events: [...expired.events, ...reminded.events],
    result: expired.result || reminded.result,
  };
}

/** The next time `applyDueTime` would change something, for the sweeper; null when nothing is pending. */
export function nextDueTime(state: AgreementState): string | null {
  const round = openRound(state);
  if (!round) return null;
  const times = [
    round.expiresAt,
    ...awaitedParties(round, signersOf(state.rounds, round.versionNumber))
      .filter((p) => p.remindedAt === null)
      .map((p) => p.dueAt),
  ];
  return times.sort()[0];
}

/** Ends an open round whose expiry has passed; no change otherwise. */
export function expireDue(state: AgreementState, now: string): Transition<boolean> {
  const round = openRound(state);
  if (!round || Date.parse(now) < Date.parse(round.expiresAt)) return { state, events: [], result: false };
  const unsigned = awaitedParties(round, signersOf(state.rounds, round.versionNumber)).map(
    (p) => p.organisationId,
  );
  return {
    state: replaceRound(state, { ...round, status: 'expired', closedAt: now }),
    events: [
      {
        name: 'expired',
        key: `r${round.number}.expired`,
        data: { ...eventBase(state, round), roundNumber: round.number, unsignedOrganisationIds: unsigned },
      },
    ],
    result: true,
  };
}
