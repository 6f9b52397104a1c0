import type { FundingBalance, FundingSummary, LedgerEntry } from '@mitra/contracts';

/** The command that wrote an entry: a repeat with the same key gets the entry back. */
export interface CommandRecord {
  key: string;
  subject: string;
  inputHash: string;
}

/**
 * What one ledger entry changed: the entry and the command that wrote it. These two and the
 * partnership id and sequence are what the partnership's hash chain covers (`ledgerRecordHash`).
 */
export interface LedgerChange {
  entry: LedgerEntry;
  command: CommandRecord;
}

/**
 * The figures after an entry, carried by the entry (running totals): the balance and the summary are
 * one indexed read of the latest entry, however long the ledger. Bump `ledgerFiguresVersion` whenever
 * `fundingBalance` or `fundingSummary` change what they compute: figures of another version are
 * recomputed from the ledger instead of being served.
 */
export interface LedgerFigures {
  version: number;
  balance: FundingBalance;
  summary: FundingSummary;
}
export const ledgerFiguresVersion = 1;

/**
 * Every partnership's ledger, one collection: one revision (`RevisionStore`) per entry, `_id`
 * `<partnershipId>:<sequence>`, unique on (partnership, sequence) and on (partnership, idempotency key).
 */
export const ledgerCollection = 'ledger_entries';
