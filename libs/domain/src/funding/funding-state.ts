import type {
  ApprovalEntry,
  CommitmentEntry,
  DisbursementRequestEntry,
  ExpenditureEntry,
  LedgerEntry,
  PaymentEntry,
  PlanSetEntry,
  Pot,
  ReceiptEntry,
  TrancheReleaseEntry,
} from '@mitra/contracts';

export interface CommitmentState {
  entry: CommitmentEntry;
  reversed: boolean;
  received: number;
  releases: Map<string, TrancheReleaseEntry>;
}

export interface ReceiptState {
  entry: ReceiptEntry;
  reversed: boolean;
  /** Drawn by live disbursement requests. */
  allocated: number;
}

export interface RequestState {
  entry: DisbursementRequestEntry;
  reversed: boolean;
  approvals: ApprovalEntry[];
  payment?: PaymentEntry;
  expenditures: ExpenditureEntry[];
  spent: number;
}

/**
 * A partnership's funding as its ledger says: everything is derived from the entries, in order, so
 * a writer that lost a race recomputes it from the ledger and decides again.
 */
export interface FundingState {
  partnershipId: string;
  /** The latest entry's sequence number (0: nothing recorded). */
  sequence: number;
  entries: LedgerEntry[];
  reversedBy: Map<number, number>;
  plan?: PlanSetEntry;
  commitments: Map<number, CommitmentState>;
  receipts: Map<number, ReceiptState>;
  requests: Map<number, RequestState>;
  /** Payment sequence → the request it paid. */
  paidRequest: Map<number, number>;
}

export function emptyFundingState(partnershipId: string): FundingState {
  return {
    partnershipId,
    sequence: 0,
    entries: [],
    reversedBy: new Map(),
    commitments: new Map(),
    receipts: new Map(),
    requests: new Map(),
    paidRequest: new Map(),
  };
}

export function foldLedger(partnershipId: string, entries: readonly LedgerEntry[]): FundingState {
  const state = emptyFundingState(partnershipId);
  for (const entry of entries) applyEntry(state, entry);
  return state;
}

/** Adds one entry to the state; the entries come in sequence order, each valid when it was recorded. */
export function applyEntry(state: FundingState, entry: LedgerEntry): void {
  if (entry.sequence !== state.sequence + 1)
    throw new Error(`ledger entry ${entry.sequence} follows ${state.sequence}`);
  state.sequence = entry.sequence;
  state.entries.push(entry);
  switch (entry.kind) {
    case 'plan_set':
      state.plan = entry;
      break;
    case 'commitment':
      state.commitments.set(entry.sequence, { entry, reversed: false, received: 0, releases: new Map() });
      break;
    case 'receipt':
      state.receipts.set(entry.sequence, { entry, reversed: false, allocated: 0 });
      state.commitments.get(entry.commitment)!.received += entry.amount;
      break;
    case 'disbursement_request':
      state.requests.set(entry.sequence, {
        entry,
        reversed: false,
        approvals: [],
        expenditures: [],
        spent: 0,
      });
      for (const allocation of entry.allocations)
        state.receipts.get(allocation.receipt)!.allocated += allocation.amount;
      break;
    case 'approval':
      state.requests.get(entry.request)!.approvals.push(entry);
      break;
    case 'payment':
      state.requests.get(entry.request)!.payment = entry;
      state.paidRequest.set(entry.sequence, entry.request);
      break;
    case 'expenditure': {
      const request = state.requests.get(state.paidRequest.get(entry.payment)!)!;
      request.expenditures.push(entry);
      request.spent += entry.amount;
      break;
    }
    case 'tranche_release':
      state.commitments.get(entry.commitment)!.releases.set(entry.trancheId, entry);
      break;
    case 'reversal':
      state.reversedBy.set(entry.reverses, entry.sequence);
      undo(state, state.entries[entry.reverses - 1]);
      break;
  }
}

function undo(state: FundingState, reversed: LedgerEntry): void {
  switch (reversed.kind) {
    case 'commitment':
      state.commitments.get(reversed.sequence)!.reversed = true;
      break;
    case 'receipt':
      state.receipts.get(reversed.sequence)!.reversed = true;
      state.commitments.get(reversed.commitment)!.received -= reversed.amount;
      break;
    case 'disbursement_request':
      state.requests.get(reversed.sequence)!.reversed = true;
      for (const allocation of reversed.allocations)
        state.receipts.get(allocation.receipt)!.allocated -= allocation.amount;
      break;
    case 'approval': {
      const request = state.requests.get(reversed.request)!;
      request.approvals = request.approvals.filter((a) => a.sequence !== reversed.sequence);
      break;
    }
    case 'payment':
      state.requests.get(reversed.request)!.payment = undefined;
      break;
    case 'expenditure': {
      const request = state.requests.get(state.paidRequest.get(reversed.payment)!)!;
      request.expenditures = request.expenditures.filter((e) => e.sequence !== reversed.sequence);
      request.spent -= reversed.amount;
      break;
    }
    case 'plan_set':
    case 'reversal':
    case 'tranche_release':
      throw new Error(`a ${reversed.kind} entry cannot be reversed`);
  }
}

export const liveRequests = (state: FundingState) => [...state.requests.values()].filter((r) => !r.reversed);
export const liveReceipts = (state: FundingState) => [...state.receipts.values()].filter((r) => !r.reversed);
export const liveCommitments = (state: FundingState) =>
  [...state.commitments.values()].filter((c) => !c.reversed);

/** Requested on a budget line by live requests, paid or not. */
export const lineUsage = (state: FundingState, lineId: string) =>
  liveRequests(state)
    .filter((r) => r.entry.lineId === lineId)
    .reduce((sum, r) => sum + r.entry.amount, 0);

/** What a new request may still draw from a pot: its live receipts less what live requests hold. */
export const potAvailable = (state: FundingState, pot: Pot) =>
  liveReceipts(state)
    .filter((r) => r.entry.pot === pot)
    .reduce((sum, r) => sum + r.entry.amount - r.allocated, 0);

export const potOf = (organisationId: string): Pot => `org:${organisationId}`;
