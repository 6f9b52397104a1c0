import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { DomainEvent, LedgerEntry } from '@mitra/contracts';
import { revisionId, RevisionStore, type AppendResult, type Revision } from '@mitra/platform';
import {
  ledgerCollection,
  ledgerFiguresVersion,
  type LedgerChange,
  type LedgerFigures,
} from './ledger.schema';

export const entryId = revisionId;

export type StoredEntry = LedgerChange;

/** A ledger document as an audit hashes it: what is stored, whatever it holds. */
export interface LedgerRecordDocument {
  _id: string;
  partnershipId: string;
  sequence: number;
  entry: LedgerEntry;
  command: unknown;
}

export type LedgerStore = RevisionStore<LedgerChange, DomainEvent, LedgerFigures>;

/**
 * The partnerships' ledgers in one revision store: an entry is a revision of its partnership. Every
 * read is indexed: the latest entry (and the figures it carries), a range of entries, the entry a key
 * wrote, the reversals of a range.
 */
@Injectable()
export class LedgerRepository {
  readonly store: LedgerStore;

  constructor(@InjectConnection() connection: Connection) {
    this.store = new RevisionStore(connection, ledgerCollection, { changeIndexes: ['entry.reverses'] });
  }

  /** Entries from `after + 1`, in sequence order, at most `limit` (all when omitted). */
  async entries(
    partnershipId: string,
    range: { after?: number; limit?: number } = {},
  ): Promise<StoredEntry[]> {
    const revisions = await this.store.history(partnershipId, {
      fromRevision: (range.after ?? 0) + 1,
      limit: range.limit,
    });
    return revisions.map((revision) => revision.change);
  }

  /** The latest sequence (0: an empty ledger) and, when its writer stored current ones, the figures after it. */
  async head(partnershipId: string): Promise<{ sequence: number; figures?: LedgerFigures }> {
    const latest = await this.store.latest(partnershipId);
    if (!latest) return { sequence: 0 };
    const figures = latest.state?.version === ledgerFiguresVersion ? latest.state : undefined;
    return { sequence: latest.revision, ...(figures ? { figures } : {}) };
  }

  async byKey(partnershipId: string, idempotencyKey: string): Promise<StoredEntry | null> {
    return (await this.store.byIdempotencyKey(partnershipId, idempotencyKey))?.change ?? null;
  }

  /** Entry sequence → the reversal that undid it, for the entries `first`…`last`. */
  async reversalsOf(partnershipId: string, first: number, last: number): Promise<Map<number, number>> {
    const targets = Array.from({ length: Math.max(last - first + 1, 0) }, (_, i) => first + i);
    const reversals = await this.store.withChange(partnershipId, 'entry.reverses', targets);
    return new Map(
      reversals.flatMap(({ change: { entry } }) =>
        entry.kind === 'reversal' ? [[entry.reverses, entry.sequence] as const] : [],
      ),
    );
  }

  /** Inserts the entry after `previous` with its events; a lost race is `conflict`, never retried here. */
  append(
    partnershipId: string,
    previous: number,
    next: StoredEntry,
    outbox: DomainEvent[],
    figures: Omit<LedgerFigures, 'version'>,
  ): Promise<AppendResult<LedgerChange>> {
    return this.store.append(partnershipId, previous, next, outbox, {
      idempotencyKey: next.command.key,
      inputHash: next.command.inputHash,
      state: { version: ledgerFiguresVersion, ...figures },
    });
  }

  /**
   * Every document of the partnership's ledger as the database holds it now, gaps and all: an audit
   * compares what is stored with what the partnership's hash chain linked.
   */
  async stored(partnershipId: string): Promise<LedgerRecordDocument[]> {
    return (await this.store.history(partnershipId)).map((revision: Revision<LedgerChange>) => ({
      _id: revision.id,
      partnershipId: revision.aggregateId,
      sequence: revision.revision,
      entry: revision.change?.entry,
      command: revision.change?.command,
    }));
  }
}
