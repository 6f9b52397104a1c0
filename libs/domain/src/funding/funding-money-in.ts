import {
  contributionValue,
  FundingEventType,
  MitraError,
  type CommitmentInput,
  type Pot,
  type ReceiptInput,
} from '@mitra/contracts';
import { actingOrganisation, assertActsFor } from './funding-access';
import { liveCommitments, potOf, type CommitmentState, type FundingState } from './funding-state';
import {
  type FundingContext,
  type FundingDecision,
  type FundingEventDraft,
  base,
  conflict,
  refuseInput,
  requirePlan,
  requireRegistered,
  rupiah,
} from './funding-decision';

// ---------------------------------------------------------------- commitments

export function recordCommitment(
  state: FundingState,
  input: CommitmentInput,
  ctx: FundingContext,
): FundingDecision {
  requirePlan(state);
  const organisationId = actingOrganisation(ctx.actor, input.organisationId, 'commitment.organisationId');
  requireRegistered(ctx, [{ field: 'commitment.organisationId', id: organisationId }]);
  const value = contributionValue(input.contribution);
  const committed = liveCommitments(state).reduce(
    (sum, c) => sum + contributionValue(c.entry.contribution),
    0,
  );
  if (!Number.isSafeInteger(committed + value))
    throw refuseInput(
      'commitment.contribution',
      'funding.commitments_past_exact_sum',
      "would take the partnership's commitments past the largest exact sum",
    );
  const sequence = state.sequence + 1;
  const schedule = input.schedule.map((instalment, i) => ({
    ...instalment,
    id: `${sequence}.${i + 1}`,
    number: i + 1,
  }));
  const events: FundingEventDraft[] = [
    {
      type: FundingEventType.CommitmentRecorded,
      data: { commitment: sequence, organisationId, kind: input.contribution.kind, amount: value },
    },
  ];
  if (state.commitments.size === 0)
    events.push({
      type: FundingEventType.PlanCommitted,
      data: { commitment: sequence, planVersion: state.plan!.plan.version },
    });
  return {
    entry: {
      ...base(state, ctx),
      kind: 'commitment',
      organisationId,
      contribution: input.contribution,
      schedule,
      ...(input.note ? { note: input.note } : {}),
    },
    events,
  };
}

function findCommitment(state: FundingState, sequence: number): CommitmentState {
  const commitment = state.commitments.get(sequence);
  if (!commitment) throw MitraError.notFound('The commitment');
  if (commitment.reversed)
    throw conflict(
      'funding.commitment_reversed',
      { commitment: sequence },
      `Commitment ${sequence} was reversed.`,
    );
  return commitment;
}

/** Cash that may be received against a commitment: its tranches not tied to results, and those released. */
export const releasableAmount = (commitment: CommitmentState) =>
  commitment.entry.schedule
    .filter((t) => !t.resultsGate || commitment.releases.has(t.id))
    .reduce((sum, t) => sum + t.amount, 0);

// ---------------------------------------------------------------- money in

/** Money arriving against a commitment: into the common fund, or made available by the partner itself. */
export function recordReceipt(
  state: FundingState,
  input: ReceiptInput,
  ctx: FundingContext,
): FundingDecision {
  const plan = requirePlan(state);
  const commitment = findCommitment(state, input.commitment);
  const { contribution, organisationId: payer } = commitment.entry;
  if (contribution.kind !== 'cash')
    throw conflict(
      'funding.in_kind_not_received',
      undefined,
      'An in-kind contribution is not received as money.',
    );
  const receiver = plan.mechanism === 'common_fund' ? plan.fundHolderOrganisationId! : payer;
  assertActsFor(ctx.actor, receiver, 'record money it received');
  const outstanding = contribution.amount - commitment.received;
  if (input.amount > outstanding) {
    throw conflict(
      'funding.receipt_exceeds_commitment',
      { outstanding },
      `The receipt exceeds what remains of the commitment (${rupiah(outstanding)}).`,
      [
        {
          field: 'receipt.amount',
          reason: `must be at most ${rupiah(outstanding)}`,
          code: 'funding.receipt_exceeds_commitment',
          params: { outstanding },
        },
      ],
    );
  }
  const released = releasableAmount(commitment) - commitment.received;
  if (input.amount > released) {
    const waiting = commitment.entry.schedule
      .filter((t) => t.resultsGate && !commitment.releases.has(t.id))
      .map((t) => `${t.id} (period ${t.resultsGate!.periodNumber})`);
    throw conflict(
      'funding.receipt_awaits_release',
      { released: Math.max(released, 0), tranches: waiting },
      `Only ${rupiah(Math.max(released, 0))} of the commitment is released; tranches ${waiting.join(', ')} wait for approved monitoring reports.`,
      [
        {
          field: 'receipt.amount',
          reason: `must be at most ${rupiah(Math.max(released, 0))} until the next tranche is released`,
          code: 'funding.receipt_awaits_release',
          params: { released: Math.max(released, 0), tranches: waiting },
        },
      ],
    );
  }
  const pot: Pot = plan.mechanism === 'common_fund' ? 'common' : potOf(payer);
  const sequence = state.sequence + 1;
  return {
    entry: {
      ...base(state, ctx),
      kind: 'receipt',
      ...input,
      pot,
      payerOrganisationId: payer,
      receiverOrganisationId: receiver,
    },
    events: [
      {
        type: FundingEventType.ReceiptRecorded,
        data: {
          receipt: sequence,
          commitment: input.commitment,
          amount: input.amount,
          organisationId: payer,
        },
      },
    ],
  };
}
