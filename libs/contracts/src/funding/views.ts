import type { Actor } from '../common/actor';
import type { CsrField, FundingPlan } from './plan';
import type { Contribution, LedgerEntryView, Pot, Tranche } from './ledger';

export interface TrancheView extends Tranche {
  /** Money may be received against it: it is not tied to results, or monitoring approved the period's report. */
  releasable: boolean;
  release?: { sequence: number; at: string; by: string; reportIds: string[] };
}

export interface CommitmentView {
  sequence: number;
  organisationId: string;
  contribution: Contribution;
  note?: string;
  recordedAt: string;
  recordedBy: Actor;
  reversed: boolean;
  /** Received so far (cash). */
  received: number;
  /** What may be received in all: the releasable tranches. */
  releasable: number;
  tranches: TrancheView[];
}

export interface FundingView {
  partnershipId: string;
  /** The ledger's latest sequence number. */
  sequence: number;
  plan?: FundingPlan & { sequence: number; setAt: string; setBy: Actor };
  commitments: CommitmentView[];
}

export interface LedgerPage {
  entries: LedgerEntryView[];
  /** The ledger's latest sequence number. */
  sequence: number;
  /** Pass as `after` for the next page; null on the last. */
  nextAfter: number | null;
}

/** One pot's money: what came in, what requests hold, what was paid out, what is free. */
export interface MoneyBalance {
  received: number;
  /** Held by requests not yet paid. */
  reserved: number;
  disbursed: number;
  /** received − reserved − disbursed: what a new request may draw. */
  available: number;
}

export interface PotBalance extends MoneyBalance {
  pot: Pot;
  holderOrganisationId: string;
}

export interface FundingBalance {
  partnershipId: string;
  sequence: number;
  pots: PotBalance[];
  total: MoneyBalance;
}

export interface FundingTotals extends MoneyBalance {
  planned: number;
  committed: number;
  committedInKind: number;
  spent: number;
}

/** Money traced to the partner it came from (disbursed and spent through the allocations). */
export interface PartnerFigures {
  organisationId: string;
  /** Budget lines the partner is responsible for. */
  planned: number;
  committed: number;
  committedInKind: number;
  received: number;
  disbursed: number;
  spent: number;
}

/** A line serving several targets counts for each: the rows do not add up to the totals. */
export interface SdgFigures {
  target: string;
  planned: number;
  reserved: number;
  disbursed: number;
  spent: number;
}

/** Planned by the lines' year, committed by the instalments' due year, the rest by their dates. */
export interface YearFigures {
  year: number;
  planned: number;
  committed: number;
  received: number;
  disbursed: number;
  spent: number;
}

/** CSR realisation: spent on CSR lines of a field, by the year spent, and how many companies' money it was. */
export interface CsrRealisation {
  field: CsrField;
  year: number;
  planned: number;
  spent: number;
  companies: number;
}

export interface Deviation {
  planned: number;
  spent: number;
  /** spent − planned. */
  deviation: number;
  /** deviation / planned, rounded to 4 decimals; null when nothing is planned. */
  deviationRate: number | null;
}

export interface LineDeviation extends Deviation {
  lineId: string;
  activity: string;
  year: number;
  disbursed: number;
}

export interface FundingSummary {
  partnershipId: string;
  sequence: number;
  totals: FundingTotals;
  byPartner: PartnerFigures[];
  bySdgTarget: SdgFigures[];
  byYear: YearFigures[];
  csr: CsrRealisation[];
  deviation: Deviation & { lines: LineDeviation[] };
}

export const traceStages = ['committed', 'held', 'reserved', 'paid', 'spent'] as const;
export type TraceStage = (typeof traceStages)[number];

/**
 * A run of Rupiah followed from its commitment as far as it went: committed but not received,
 * held in a pot, reserved by a request, paid, or spent. Each receipt's flows add up to the receipt.
 */
export interface TraceFlow {
  stage: TraceStage;
  amount: number;
  /** The partner whose money it is. */
  organisationId: string;
  commitment: number;
  receipt?: number;
  request?: number;
  payment?: number;
  expenditure?: number;
  lineId?: string;
  /** Who holds or received it at this stage. */
  holderOrganisationId?: string;
}

export interface FundingTrace {
  partnershipId: string;
  sequence: number;
  flows: TraceFlow[];
}
