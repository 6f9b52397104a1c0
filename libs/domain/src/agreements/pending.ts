import type { PendingSignature, SigningParty, SigningRound } from '@mitra/contracts';

export function hasSigned(round: SigningRound, organisationId: string): boolean {
  return round.signatures.some((signature) => signature.organisationId === organisationId);
}

/** Parties of a lower order that have not signed yet: they come first in an ordered round. */
export function waitingOn(round: SigningRound, party: SigningParty): SigningParty[] {
  return round.parties.filter((other) => other.order < party.order && !hasSigned(round, other.organisationId));
}

export function isRoundComplete(round: SigningRound): boolean {
  return round.parties.every((party) => hasSigned(round, party.organisationId));
}

/** Who still has to sign in the open round, when it is due, and whether it is their turn. */
export function pendingSignatures(rounds: readonly SigningRound[], now: string): PendingSignature[] {
  const round = rounds[rounds.length - 1];
  if (!round || round.status !== 'open') return [];
  const nowMs = Date.parse(now);
  return round.parties
    .filter((party) => !hasSigned(round, party.organisationId))
    .map((party) => ({
      roundNumber: round.number,
      versionNumber: round.versionNumber,
      organisationId: party.organisationId,
      signatoryUserId: party.signatoryUserId,
      dueAt: party.dueAt,
      overdue: nowMs > Date.parse(party.dueAt),
      mayNowSign: waitingOn(round, party).length === 0,
    }));
}
