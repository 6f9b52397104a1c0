import {
  contributionValue,
  type Actor,
  type FundingMechanism,
  type LedgerEntryKind,
  type LedgerEntryView,
} from '@mitra/contracts';

/** One ledger entry as a row: how much moved from whom to whom, on what basis, recorded by whom. */
export interface LedgerRow {
  sequence: number;
  at: string;
  kind: LedgerEntryKind;
  recordedBy: Actor;
  /** Rupiah moved or committed (an in-kind commitment: its estimated value). */
  amount?: number;
  inKind?: boolean;
  fromOrganisationId?: string;
  toOrganisationId?: string;
  /** The entry this one acts on: the commitment received, the request approved or paid, the payment spent from, the entry reversed. */
  refersTo?: number;
  lineId?: string;
  /** The entry's own words: purpose, reference, reason, note or evidence. */
  detail?: string;
  link?: string;
  plan?: { version: number; mechanism: FundingMechanism };
  reversedBy?: number;
}

type Specifics = Omit<LedgerRow, 'sequence' | 'at' | 'kind' | 'recordedBy' | 'reversedBy'>;

function specifics(entry: LedgerEntryView): Specifics {
  switch (entry.kind) {
    case 'plan_set':
      return { plan: { version: entry.plan.version, mechanism: entry.plan.mechanism } };
    case 'commitment':
      return {
        amount: contributionValue(entry.contribution),
        inKind: entry.contribution.kind === 'in_kind',
        fromOrganisationId: entry.organisationId,
        detail: entry.contribution.kind === 'in_kind' ? entry.contribution.description : entry.note,
      };
    case 'receipt':
      return {
        amount: entry.amount,
        fromOrganisationId: entry.payerOrganisationId,
        toOrganisationId: entry.receiverOrganisationId,
        refersTo: entry.commitment,
        detail: entry.reference,
      };
    case 'disbursement_request':
      return {
        amount: entry.amount,
        fromOrganisationId: entry.payerOrganisationId,
        toOrganisationId: entry.receiverOrganisationId,
        lineId: entry.lineId,
        detail: entry.purpose,
      };
    case 'approval':
      return { refersTo: entry.request, detail: entry.note };
    case 'payment':
      return {
        amount: entry.amount,
        fromOrganisationId: entry.payerOrganisationId,
        toOrganisationId: entry.receiverOrganisationId,
        refersTo: entry.request,
        detail: entry.reference,
      };
    case 'expenditure':
      return {
        amount: entry.amount,
        fromOrganisationId: entry.payerOrganisationId,
        toOrganisationId: entry.receiverOrganisationId,
        refersTo: entry.payment,
        lineId: entry.lineId,
        detail: [entry.evidence.description, entry.evidence.reference].filter(Boolean).join(' · '),
        link: entry.evidence.link,
      };
    case 'reversal':
      return {
        amount: entry.amount,
        fromOrganisationId: entry.payerOrganisationId,
        toOrganisationId: entry.receiverOrganisationId,
        refersTo: entry.reverses,
        detail: entry.reason,
      };
    case 'tranche_release':
      return { refersTo: entry.commitment, detail: entry.trancheId };
  }
}

/** The ledger as rows, the newest first: the latest movements are what a reader looks for. */
export function ledgerRows(entries: readonly LedgerEntryView[]): LedgerRow[] {
  return entries
    .map((entry) => {
      const row: LedgerRow = {
        sequence: entry.sequence,
        at: entry.at,
        kind: entry.kind,
        recordedBy: entry.actor,
        ...specifics(entry),
        ...(entry.reversedBy !== undefined ? { reversedBy: entry.reversedBy } : {}),
      };
      return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as LedgerRow;
    })
    .reverse();
}
