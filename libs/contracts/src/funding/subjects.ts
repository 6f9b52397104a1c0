/** Domain events of the funding service; each carries `partnershipId`. */
export enum FundingEventType {
  PlanSet = 'funding.plan.set',
  /** The first commitment under a plan: the Formation gate's "funding plan with commitments". */
  PlanCommitted = 'funding.plan.committed',
  CommitmentRecorded = 'funding.commitment.recorded',
  ReceiptRecorded = 'funding.receipt.recorded',
  DisbursementRequested = 'funding.disbursement.requested',
  /** The request now has every approval the plan's governance rule asks for. */
  DisbursementApproved = 'funding.disbursement.approved',
  DisbursementPaid = 'funding.disbursement.paid',
  ExpenditureRecorded = 'funding.expenditure.recorded',
  EntryReversed = 'funding.entry.reversed',
  TrancheReleased = 'funding.tranche.released',
  /** Every entry, with its record hash: the partnership's hash chain links it. */
  LedgerAppended = 'funding.ledger.appended',
}
