import type {
  ApprovalInput,
  CommitmentInput,
  DisbursementRequestInput,
  ExpenditureInput,
  FundingBalance,
  FundingPlanInput,
  FundingSummary,
  FundingView,
  LedgerEntry,
  LedgerEntryView,
  LedgerPage,
  OrganisationPage,
  PaymentInput,
  ReceiptInput,
  ReversalInput,
} from '@mitra/contracts';
import { api } from '#shared/api';
import { queryKeys } from '#shared/query';

const partnershipPath = (partnershipId: string) => `/partnerships/${encodeURIComponent(partnershipId)}`;
const fundingPath = (partnershipId: string) => `${partnershipPath(partnershipId)}/funding`;

/**
 * Under the partnership's prefix, so that whatever refreshes the partnership refreshes its money too;
 * `all` is the prefix of everything this feature reads from the ledger.
 */
export const fundingKeys = {
  all: (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'funding'),
  view: (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'funding', 'view'),
  entries: (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'funding', 'entries'),
  balance: (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'funding', 'balance'),
  figures: (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'funding', 'figures'),
};

export const fetchFundingView = (partnershipId: string, signal?: AbortSignal) =>
  api.get<FundingView>(fundingPath(partnershipId), { signal });

/** The whole ledger, page after page, in sequence order. */
export async function fetchLedgerEntries(partnershipId: string, signal?: AbortSignal) {
  const entries: LedgerEntryView[] = [];
  let after: number | null = 0;
  while (after !== null) {
    const page: LedgerPage = await api.get<LedgerPage>(`${fundingPath(partnershipId)}/ledger`, {
      query: { after, limit: 500 },
      signal,
    });
    entries.push(...page.entries);
    after = page.nextAfter;
  }
  return entries;
}

export const fetchBalance = (partnershipId: string, signal?: AbortSignal) =>
  api.get<FundingBalance>(`${fundingPath(partnershipId)}/balance`, { signal });

export const fetchSummary = (partnershipId: string, signal?: AbortSignal) =>
  api.get<FundingSummary>(`${fundingPath(partnershipId)}/summary`, { signal });

export const searchOrganisations = (name: string, signal?: AbortSignal) =>
  api.get<OrganisationPage>('/organisations', { query: { name, limit: 20 }, signal });

/** Every command of the ledger, as the api routes take it; each answers the entry it wrote. */
export type FundingCommand =
  | { kind: 'plan'; body: FundingPlanInput }
  | { kind: 'commitment'; body: CommitmentInput }
  | { kind: 'receipt'; body: ReceiptInput }
  | { kind: 'request'; body: DisbursementRequestInput }
  | { kind: 'approval'; request: number; body: ApprovalInput }
  | { kind: 'payment'; request: number; body: PaymentInput }
  | { kind: 'expenditure'; body: ExpenditureInput }
  | { kind: 'reversal'; entry: number; body: ReversalInput }
  | { kind: 'release'; trancheId: string; body?: undefined };

export function commandPath(partnershipId: string, command: FundingCommand): string {
  const base = fundingPath(partnershipId);
  switch (command.kind) {
    case 'plan':
      return `${base}/plan`;
    case 'commitment':
      return `${base}/commitments`;
    case 'receipt':
      return `${base}/receipts`;
    case 'request':
      return `${base}/disbursements`;
    case 'approval':
      return `${base}/disbursements/${command.request}/approvals`;
    case 'payment':
      return `${base}/disbursements/${command.request}/payment`;
    case 'expenditure':
      return `${base}/expenditures`;
    case 'reversal':
      return `${base}/entries/${command.entry}/reversal`;
    case 'release':
      return `${base}/tranches/${encodeURIComponent(command.trancheId)}/release`;
  }
}

export const sendCommand = (partnershipId: string, command: FundingCommand, idempotencyKey: string) =>
  api.post<LedgerEntry>(commandPath(partnershipId, command), command.body, { idempotencyKey });
