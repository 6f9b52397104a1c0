import { contributionValue, FundingEventType, MitraError, type ReversalInput } from '@mitra/contracts';
import { assertCoordinating } from './funding-access';
import { type FundingState } from './funding-state';
import {
  type FundingContext,
  type FundingDecision,
  type FundingRefusal,
  base,
  conflict,
} from './funding-decision';

// ---------------------------------------------------------------- corrections

/**
 * A correction never edits or deletes: it is a new entry that undoes one earlier entry, after
 * whatever was built on that entry has been undone first.
 */
export function reverseEntry(
  state: FundingState,
  sequence: number,
  input: ReversalInput,
  ctx: FundingContext,
): FundingDecision {
  assertCoordinating(ctx.actor, 'reverse ledger entries');
  const target = state.entries[sequence - 1];
  if (!target) throw MitraError.notFound('The ledger entry');
  if (state.reversedBy.has(sequence))
    throw conflict(
      'funding.entry_already_reversed',
      { entry: sequence, reversal: state.reversedBy.get(sequence)! },
      `Entry ${sequence} is already reversed by entry ${state.reversedBy.get(sequence)}.`,
    );
  const blocked = (code: FundingRefusal, message: string) =>
    conflict(
      code,
      { entry: sequence, kind: target.kind },
      `Entry ${sequence} cannot be reversed: ${message}`,
    );
  let amount: number | undefined;
  let flow: { payerOrganisationId: string; receiverOrganisationId: string } | undefined;
  switch (target.kind) {
    case 'plan_set':
    case 'reversal':
    case 'tranche_release':
      throw blocked(
        'funding.entry_not_reversible',
        `a ${target.kind} entry is not reversible (set the plan again, or record the entry anew).`,
      );
    case 'commitment':
      if (state.commitments.get(sequence)!.received > 0)
        throw blocked('funding.reverse_receipts_first', 'reverse the receipts against it first.');
      amount = contributionValue(target.contribution);
      break;
    case 'receipt':
      if (state.receipts.get(sequence)!.allocated > 0)
        throw blocked(
          'funding.reverse_requests_first',
          'reverse the disbursement requests drawing on it first.',
        );
      amount = target.amount;
      flow = {
        payerOrganisationId: target.receiverOrganisationId,
        receiverOrganisationId: target.payerOrganisationId,
      };
      break;
    case 'disbursement_request':
      if (state.requests.get(sequence)!.payment)
        throw blocked('funding.reverse_payment_first', 'reverse its payment first.');
      amount = target.amount;
      break;
    case 'approval':
      if (state.requests.get(target.request)!.payment)
        throw blocked('funding.approved_request_paid', 'the request it approved is paid.');
      break;
    case 'payment':
      if (state.requests.get(target.request)!.expenditures.length > 0)
        throw blocked('funding.reverse_expenditures_first', 'reverse the expenditures from it first.');
      amount = target.amount;
      flow = {
        payerOrganisationId: target.receiverOrganisationId,
        receiverOrganisationId: target.payerOrganisationId,
      };
      break;
    case 'expenditure':
      amount = target.amount;
      flow = {
        payerOrganisationId: target.receiverOrganisationId,
        receiverOrganisationId: target.payerOrganisationId,
      };
      break;
  }
  return {
    entry: {
      ...base(state, ctx),
      kind: 'reversal',
      reverses: sequence,
      reversedKind: target.kind,
      ...(amount !== undefined ? { amount } : {}),
      ...flow,
      reason: input.reason,
    },
    events: [
      {
        type: FundingEventType.EntryReversed,
        data: {
          reversal: state.sequence + 1,
          reverses: sequence,
          kind: target.kind,
          ...(amount !== undefined ? { amount } : {}),
        },
      },
    ],
  };
}
