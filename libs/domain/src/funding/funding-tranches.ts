import { FundingEventType, MitraError, type ProgressReport } from '@mitra/contracts';
import { assertCoordinating } from './funding-access';
import { type FundingState } from './funding-state';
import { type FundingContext, type FundingDecision, base, conflict } from './funding-decision';

// ---------------------------------------------------------------- results-gated tranches

export function trancheOf(state: FundingState, trancheId: string) {
  const [commitmentSequence, number] = trancheId.split('.').map(Number);
  const commitment = state.commitments.get(commitmentSequence);
  const tranche = commitment?.entry.schedule.find((t) => t.number === number);
  if (!commitment || !tranche) throw MitraError.notFound('The tranche');
  return { commitment, tranche };
}

/** A results-gated tranche is released once monitoring has approved its period's report. */
export function releaseTranche(
  state: FundingState,
  trancheId: string,
  reports: readonly ProgressReport[],
  ctx: FundingContext,
): FundingDecision {
  assertCoordinating(ctx.actor, 'release tranches');
  const { commitment, tranche } = trancheOf(state, trancheId);
  if (commitment.reversed)
    throw conflict(
      'funding.commitment_reversed',
      { commitment: commitment.entry.sequence },
      `Commitment ${commitment.entry.sequence} was reversed.`,
    );
  const gate = tranche.resultsGate;
  if (!gate)
    throw conflict(
      'funding.tranche_not_results_based',
      { tranche: trancheId },
      `Tranche ${trancheId} is not tied to results: it may be received by its schedule.`,
    );
  const released = commitment.releases.get(trancheId);
  if (released)
    throw conflict(
      'funding.tranche_already_released',
      { tranche: trancheId, entry: released.sequence },
      `Tranche ${trancheId} was already released (entry ${released.sequence}).`,
    );
  const approved = reports.filter(
    (r) =>
      r.status === 'approved' &&
      r.periodNumber === gate.periodNumber &&
      (!gate.organisationId || r.organisationId === gate.organisationId),
  );
  if (approved.length === 0) {
    throw conflict(
      'funding.tranche_awaits_report',
      {
        tranche: trancheId,
        period: gate.periodNumber,
        ...(gate.organisationId ? { organisationId: gate.organisationId } : {}),
      },
      `Tranche ${trancheId} waits for monitoring to approve the report of period ${gate.periodNumber}${gate.organisationId ? ` by ${gate.organisationId}` : ''}.`,
    );
  }
  const reportIds = approved.map((r) => r.id);
  return {
    entry: {
      ...base(state, ctx),
      kind: 'tranche_release',
      trancheId,
      commitment: commitment.entry.sequence,
      periodNumber: gate.periodNumber,
      reportIds,
    },
    events: [
      {
        type: FundingEventType.TrancheReleased,
        data: {
          trancheId,
          commitment: commitment.entry.sequence,
          amount: tranche.amount,
          periodNumber: gate.periodNumber,
          reportIds,
        },
      },
    ],
  };
}
