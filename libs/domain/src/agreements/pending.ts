import type { AgreementVersion, PendingSignature, SigningParty, SigningRound } from '@mitra/contracts';
import { isRequiredParty, ruleParties } from './effectiveness';

/**
 * The organisations that signed a version, in any of its rounds: a signature over the same content
 * stands when a round of that version is opened again.
 */
export function signersOf(rounds: readonly SigningRound[], versionNumber: number): Set<string> {
  return new Set(rounds.filter((round) => round.versionNumber === versionNumber).flatMap((round) => round.signatures.map((s) => s.organisationId)));
}

export function hasDeclined(round: SigningRound, organisationId: string): boolean {
  return round.declines.some((decline) => decline.organisationId === organisationId);
}

/** The round's parties still asked to sign: neither signed nor declined. */
export function awaitedParties(round: SigningRound, signed: ReadonlySet<string>): SigningParty[] {
  return round.parties.filter((party) => !signed.has(party.organisationId) && !hasDeclined(round, party.organisationId));
}

/** Parties of a lower order still asked to sign: they come first in an ordered round (one that declined no longer holds it up). */
export function waitingOn(round: SigningRound, party: SigningParty, signed: ReadonlySet<string>): SigningParty[] {
  return awaitedParties(round, signed).filter((other) => other.order < party.order);
}

/** Who still may sign in the open round, when it is due, whether it is their turn and whether the rule needs them. */
export function pendingSignatures(state: { versions: readonly AgreementVersion[]; rounds: readonly SigningRound[] }, now: string): PendingSignature[] {
  const round = state.rounds[state.rounds.length - 1];
  if (!round || round.status !== 'open') return [];
  const nowMs = Date.parse(now);
  const signed = signersOf(state.rounds, round.versionNumber);
  const parties = ruleParties(state.versions, round);
  const declined = new Set(round.declines.map((decline) => decline.organisationId));
  return awaitedParties(round, signed).map((party) => ({
    roundNumber: round.number,
    versionNumber: round.versionNumber,
    organisationId: party.organisationId,
    signatoryUserId: party.signatoryUserId,
    dueAt: party.dueAt,
    overdue: nowMs > Date.parse(party.dueAt),
    mayNowSign: waitingOn(round, party, signed).length === 0,
    required: isRequiredParty(round.rule, parties, declined, party.organisationId),
  }));
}
