import type { TraceFlow } from '@mitra/contracts';
import {
  liveCommitments,
  liveReceipts,
  liveRequests,
  type FundingState,
  type RequestState,
} from './funding-state';

interface Portion {
  request: RequestState;
  amount: number;
  /** Where this portion starts within the request's allocations. */
  offset: number;
}

type Origin = Pick<TraceFlow, 'organisationId' | 'commitment' | 'receipt'>;

/**
 * Every Rupiah followed from its commitment as far as it went. A request draws its receipts in the
 * order of its allocations; its expenditures spend that money in the same order, so each spent
 * Rupiah lands on exactly one receipt, and through it on one commitment and one partner.
 */
export function moneyFlows(state: FundingState): TraceFlow[] {
  const drawn = new Map<number, Portion[]>();
  for (const request of liveRequests(state)) {
    let offset = 0;
    for (const allocation of request.entry.allocations) {
      drawn.set(allocation.receipt, [
        ...(drawn.get(allocation.receipt) ?? []),
        { request, amount: allocation.amount, offset },
      ]);
      offset += allocation.amount;
    }
  }
  const flows: TraceFlow[] = [];
  for (const { entry, received } of liveCommitments(state)) {
    if (entry.contribution.kind !== 'cash' || entry.contribution.amount === received) continue;
    flows.push({
      stage: 'committed',
      amount: entry.contribution.amount - received,
      organisationId: entry.organisationId,
      commitment: entry.sequence,
      holderOrganisationId: entry.organisationId,
    });
  }
  for (const receipt of liveReceipts(state)) {
    const origin: Origin = {
      organisationId: receipt.entry.payerOrganisationId,
      commitment: receipt.entry.commitment,
      receipt: receipt.entry.sequence,
    };
    for (const portion of drawn.get(receipt.entry.sequence) ?? [])
      flows.push(...portionFlows(portion, origin));
    const held = receipt.entry.amount - receipt.allocated;
    if (held > 0)
      flows.push({
        stage: 'held',
        amount: held,
        ...origin,
        holderOrganisationId: receipt.entry.receiverOrganisationId,
      });
  }
  return flows;
}

function portionFlows({ request, amount, offset }: Portion, origin: Origin): TraceFlow[] {
  const { entry, payment } = request;
  const requested = { ...origin, request: entry.sequence, lineId: entry.lineId };
  if (!payment)
    return [{ stage: 'reserved', amount, ...requested, holderOrganisationId: entry.payerOrganisationId }];
  const paid = { ...requested, payment: payment.sequence };
  const flows: TraceFlow[] = [];
  let start = 0;
  let spent = 0;
  for (const expenditure of request.expenditures) {
    const from = Math.max(offset, start);
    const to = Math.min(offset + amount, start + expenditure.amount);
    if (to > from) {
      flows.push({
        stage: 'spent',
        amount: to - from,
        ...paid,
        expenditure: expenditure.sequence,
        holderOrganisationId: expenditure.receiverOrganisationId,
      });
      spent += to - from;
    }
    start += expenditure.amount;
  }
  if (spent < amount)
    flows.push({
      stage: 'paid',
      amount: amount - spent,
      ...paid,
      holderOrganisationId: payment.receiverOrganisationId,
    });
  return flows;
}
