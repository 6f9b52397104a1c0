import { openRound, type AgreementState, type Transition } from './agreement';
import { amendQueued } from './membership-queue';
import { awaitedParties, signersOf } from './pending';
import { eventBase, replaceRound } from './signing-rounds';

/** What time does to a signing round: reminders when a signature is overdue, expiry when the round runs out. */
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

/**
 * What time alone changes: a round past its expiry ends (and a membership change queued behind it is
 * amended), overdue signatures get their reminder.
 */
export function applyDueTime(state: AgreementState, now: string): Transition<boolean> {
  const expired = expireDue(state, now);
  const queued = amendQueued(expired.state, now);
  const reminded = remindOverdue(queued.state, now);
  return {
    state: reminded.state,
    events: [...expired.events, ...queued.events, ...reminded.events],
    result: expired.result || queued.result || reminded.result,
  };
}

/** The next time `applyDueTime` would change something, for the sweeper; null when nothing is pending. */
export function nextDueTime(state: AgreementState): string | null {
  const round = openRound(state);
  if (!round) {
    // Never stored so (a round that ends amends what waits for it in the same revision), but if it were, it is due.
    const waiting = (state.membershipQueue ?? []).find((entry) => entry.status === 'queued');
    return waiting && state.effectiveVersion !== null ? waiting.queuedAt : null;
  }
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
