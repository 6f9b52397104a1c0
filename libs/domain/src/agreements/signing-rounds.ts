import {
  defaultEffectivenessRule,
  type AgreementParty,
  type EffectivenessRule,
  type FieldError,
  type OpenSigningInput,
  type SigningMode,
  type SigningParty,
  type SigningRound,
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
import { assertMayManage } from './authorisation';
import { checkRule, ruleParties, ruleStatus } from './effectiveness';
import { signersOf } from './pending';

/** Ed25519 verification, supplied by the caller (the service uses node:crypto). */
export type Ed25519Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

const iso = (time: string) => new Date(time).toISOString();

export function eventBase(state: AgreementState, round: SigningRound) {
  return {
    agreementId: state.id,
    versionNumber: round.versionNumber,
    contentHash: round.contentHash,
    partnershipId: state.partnershipId,
  };
}

export function replaceRound(state: AgreementState, round: SigningRound): AgreementState {
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
    errors.push({
      field: `${fieldPrefix}.expiresAt`,
      reason: 'must be in the future',
      code: 'agreements.expiry_not_in_future',
    });
  if (input.dueAt !== undefined) {
    const dueMs = Date.parse(input.dueAt);
    if (!(dueMs > nowMs) || dueMs > expiresMs)
      errors.push({
        field: `${fieldPrefix}.dueAt`,
        reason: 'must be after now and not after expiresAt',
        code: 'agreements.due_outside_round',
      });
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
export function closeIfRuleMet(state: AgreementState, round: SigningRound, now: string): Transition<boolean> {
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
        code: 'agreements.not_party_of_version',
        params: { version: version.number },
      });
    } else if (ids.indexOf(id) !== index) {
      errors.push({
        field: `signing.organisationIds.${index}`,
        reason: 'is listed twice',
        code: 'list.duplicate',
      });
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

export function roundFor(state: AgreementState, versionNumber: number, now: string): SigningRound {
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
