import {
  MitraError,
  type CommitmentView,
  type FundingBalance,
  type FundingTrace,
  type FundingView,
  type LedgerPage,
  type MoneyBalance,
  type Pot,
  type PotBalance,
} from '@mitra/contracts';
import { moneyFlows } from './funding-flows';
import { releasableAmount } from './funding-rules';
import { liveReceipts, liveRequests, type FundingState } from './funding-state';

export function fundingView(state: FundingState): FundingView {
  const set = state.plan;
  const commitments = [...state.commitments.values()].map((commitment): CommitmentView => {
    const { entry } = commitment;
    return {
      sequence: entry.sequence,
      organisationId: entry.organisationId,
      contribution: entry.contribution,
      ...(entry.note ? { note: entry.note } : {}),
      recordedAt: entry.at,
      recordedBy: entry.actor,
      reversed: commitment.reversed,
      received: commitment.received,
      releasable: entry.contribution.kind === 'cash' ? releasableAmount(commitment) : 0,
      tranches: entry.schedule.map((tranche) => {
        const release = commitment.releases.get(tranche.id);
        return {
          ...tranche,
          releasable: !tranche.resultsGate || release !== undefined,
          ...(release
            ? {
                release: {
                  sequence: release.sequence,
                  at: release.at,
                  by: release.actor.userId,
                  reportIds: release.reportIds,
                },
              }
            : {}),
        };
      }),
    };
  });
  return {
    partnershipId: state.partnershipId,
    sequence: state.sequence,
    ...(set ? { plan: { ...set.plan, sequence: set.sequence, setAt: set.at, setBy: set.actor } } : {}),
    commitments,
  };
}

export function ledgerPage(state: FundingState, after: number, limit: number): LedgerPage {
  const entries = state.entries.slice(after, after + limit).map((entry) => {
    const reversedBy = state.reversedBy.get(entry.sequence);
    return reversedBy === undefined ? entry : { ...entry, reversedBy };
  });
  const last = entries.at(-1)?.sequence;
  return {
    entries,
    sequence: state.sequence,
    nextAfter: last !== undefined && last < state.sequence ? last : null,
  };
}

const noMoney = (): MoneyBalance => ({ received: 0, reserved: 0, disbursed: 0, available: 0 });

/** Each pot's money, recomputed from the ledger: in, held by requests, paid out, free. */
export function fundingBalance(state: FundingState): FundingBalance {
  const pots = new Map<Pot, PotBalance>();
  const pot = (key: Pot, holderOrganisationId: string) => {
    let found = pots.get(key);
    if (!found) pots.set(key, (found = { pot: key, holderOrganisationId, ...noMoney() }));
    return found;
  };
  for (const { entry } of liveReceipts(state))
    pot(entry.pot, entry.receiverOrganisationId).received += entry.amount;
  for (const request of liveRequests(state)) {
    const balance = pot(request.entry.pot, request.entry.payerOrganisationId);
    if (request.payment) balance.disbursed += request.entry.amount;
    else balance.reserved += request.entry.amount;
  }
  const total = noMoney();
  for (const balance of pots.values()) {
    balance.available = balance.received - balance.reserved - balance.disbursed;
    total.received += balance.received;
    total.reserved += balance.reserved;
    total.disbursed += balance.disbursed;
    total.available += balance.available;
  }
  return { partnershipId: state.partnershipId, sequence: state.sequence, pots: [...pots.values()], total };
}

/** The money flows, all of them or those passing through one entry. */
export function fundingTrace(state: FundingState, sequence?: number): FundingTrace {
  if (sequence !== undefined && sequence > state.sequence) throw MitraError.notFound('The ledger entry');
  const flows = moneyFlows(state).filter(
    (flow) =>
      sequence === undefined ||
      [flow.commitment, flow.receipt, flow.request, flow.payment, flow.expenditure].includes(sequence),
  );
  return { partnershipId: state.partnershipId, sequence: state.sequence, flows };
}
