import type { SigningRound } from '@mitra/contracts';
import { type AgreementState, type Context, type Transition } from './agreement';
import { AgreementExceptionCode, refuse } from './agreement-exception';
import { assertMayManage } from './authorisation';
import { eventBase, replaceRound } from './signing-rounds';

/** The round a coordinator names, which must still be open: a stale screen ends nothing it did not see. */
export function openRoundNumbered(state: AgreementState, roundNumber: number, field: string): SigningRound {
  const round =
    state.rounds.find((r) => r.number === roundNumber) ??
    refuse(
      AgreementExceptionCode.RoundNotFound,
      `Round ${roundNumber} was not found.`,
      [
        {
          field,
          reason: 'is not a round of this agreement',
          code: 'agreements.round_not_found',
          params: { round: roundNumber },
        },
      ],
      { round: roundNumber },
    );
  if (round.status !== 'open')
    refuse(
      AgreementExceptionCode.RoundEnded,
      `Round ${roundNumber} has already ended (${round.status}).`,
      [
        {
          field,
          reason: `names a round that is ${round.status}`,
          code: 'agreements.round_ended',
          params: { round: roundNumber },
        },
      ],
      { round: roundNumber },
    );
  return round;
}

/**
 * Ends an open round before its parties decided it, recording who ended it and why: `cancelled` by a
 * coordinator, or `superseded` by an amendment that takes its place. The version it asked to sign never
 * comes into force; signatures already made stay recorded.
 */
export function endRound(
  state: AgreementState,
  input: { roundNumber: number; reason: string; status: 'cancelled' | 'superseded'; roundField: string },
  { actor, now }: Context,
): Transition<{ roundNumber: number }> {
  assertMayManage(actor, 'end signing rounds');
  const round = openRoundNumbered(state, input.roundNumber, input.roundField);
  const ended: SigningRound = {
    ...round,
    status: input.status,
    closedAt: now,
    endedBy: { by: actor.userId, reason: input.reason, at: now },
  };
  return {
    state: replaceRound(state, ended),
    events: [
      {
        name: 'cancelled',
        key: `r${round.number}.cancelled`,
        data: {
          ...eventBase(state, round),
          roundNumber: round.number,
          status: input.status,
          reason: input.reason,
        },
      },
    ],
    result: { roundNumber: round.number },
  };
}

/** A coordinator cancels the open round, with a reason every party sees. */
export function cancelRound(
  state: AgreementState,
  input: { roundNumber: number; cancellation: { reason: string } },
  context: Context,
): Transition<{ roundNumber: number }> {
  return endRound(
    state,
    {
      roundNumber: input.roundNumber,
      reason: input.cancellation.reason,
      status: 'cancelled',
      roundField: 'roundNumber',
    },
    context,
  );
}
