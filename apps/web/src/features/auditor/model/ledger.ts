import {
  contributionValue,
  type FundingMechanism,
  type LedgerEntryKind,
  type LedgerEntryView,
  type Role,
} from '@mitra/contracts';

/** One ledger entry as the auditor reads it: who moved how much from whom to whom, and on what basis. */
export interface LedgerRow {
  sequence: number;
  at: string;
  kind: LedgerEntryKind;
  actor: { userId: string; role: Role; organisationId?: string };
  /** Rupiah moved or committed (an in-kind commitment: its estimated value). */
  amount?: number;
  inKind?: boolean;
  payerOrganisationId?: string;
  receiverOrganisationId?: string;
  /** The entry this one acts on: the commitment a receipt honours, the request approved or paid, the payment spent from, the entry reversed. */
  refersTo?: number;
  /** The entry's own words: purpose, reference, reason, note or evidence. */
  detail?: string;
  link?: string;
  mechanism?: FundingMechanism;
  planVersion?: number;
  /** The reversal that undid this entry. */
  reversedBy?: number;
}

function specifics(
  entry: LedgerEntryView,
): Omit<LedgerRow, 'sequence' | 'at' | 'kind' | 'actor' | 'reversedBy'> {
  switch (entry.kind) {
    case 'plan_set':
      return { mechanism: entry.plan.mechanism, planVersion: entry.plan.version };
    case 'commitment':
      return {
        amount: contributionValue(entry.contribution),
        inKind: entry.contribution.kind === 'in_kind',
        payerOrganisationId: entry.organisationId,
        detail: entry.contribution.kind === 'in_kind' ? entry.contribution.description : entry.note,
      };
    case 'receipt':
      return {
        amount: entry.amount,
        payerOrganisationId: entry.payerOrganisationId,
        receiverOrganisationId: entry.receiverOrganisationId,
        refersTo: entry.commitment,
        detail: entry.reference,
      };
    case 'disbursement_request':
      return {
        amount: entry.amount,
        payerOrganisationId: entry.payerOrganisationId,
        receiverOrganisationId: entry.receiverOrganisationId,
        detail: entry.purpose,
      };
    case 'approval':
      return { refersTo: entry.request, detail: entry.note };
    case 'payment':
      return {
        amount: entry.amount,
        payerOrganisationId: entry.payerOrganisationId,
        receiverOrganisationId: entry.receiverOrganisationId,
        refersTo: entry.request,
        detail: entry.reference,
      };
    case 'expenditure':
      return {
        amount: entry.amount,
        payerOrganisationId: entry.payerOrganisationId,
        receiverOrganisationId: entry.receiverOrganisationId,
        refersTo: entry.payment,
        detail: [entry.evidence.description, entry.evidence.reference].filter(Boolean).join(' · '),
        link: entry.evidence.link,
      };
    case 'reversal':
      return {
        amount: entry.amount,
        payerOrganisationId: entry.payerOrganisationId,
        receiverOrganisationId: entry.receiverOrganisationId,
        refersTo: entry.reverses,
        detail: entry.reason,
      };
    case 'tranche_release':
      return { refersTo: entry.commitment, detail: entry.trancheId };
  }
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export function ledgerRows(entries: readonly LedgerEntryView[]): LedgerRow[] {
  return entries.map((entry) =>
    defined({
      sequence: entry.sequence,
      at: entry.at,
      kind: entry.kind,
      actor: entry.actor,
      ...specifics(entry),
      reversedBy: entry.reversedBy,
    }),
  );
}
