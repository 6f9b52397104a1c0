import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Collection, Connection, Model } from 'mongoose';
import type { DomainEvent, LedgerEntry } from '@mitra/contracts';
import { isDuplicateKeyError } from '@mitra/platform';
import {
  ledgerCollectionName,
  PendingEventsRecord,
  type CommandRecord,
  type LedgerDocument,
} from './ledger.schema';

export const entryId = (partnershipId: string, sequence: number) => `${partnershipId}:${sequence}`;
/** Entries kept in memory across all ledgers, the least recently used ledgers dropped first. */
const cachedEntries = 100_000;
/** A marker older than this whose entry never appeared belongs to a writer that gave up or died. */
const abandonedMarkerMs = 60_000;

export type LedgerRecordDocument = Pick<LedgerDocument, '_id' | 'partnershipId' | 'sequence' | 'entry' | 'command'>;

export interface StoredEntry {
  entry: LedgerEntry;
  command: CommandRecord;
}

/**
 * Ledger entries never change once written, so what this process has read stays true: it keeps each
 * ledger's prefix and reads only the entries written since.
 */
class LedgerCache {
  private readonly ledgers = new Map<string, StoredEntry[]>();
  private size = 0;

  get(partnershipId: string): StoredEntry[] | undefined {
    const entries = this.ledgers.get(partnershipId);
    if (entries) {
      this.ledgers.delete(partnershipId);
      this.ledgers.set(partnershipId, entries);
    }
    return entries;
  }

  set(partnershipId: string, entries: StoredEntry[]): void {
    const previous = this.ledgers.get(partnershipId);
    if (previous && previous.length >= entries.length) return;
    this.size += entries.length - (previous?.length ?? 0);
    this.ledgers.delete(partnershipId);
    this.ledgers.set(partnershipId, entries);
    for (const [oldest, dropped] of this.ledgers) {
      if (this.size <= cachedEntries || oldest === partnershipId) break;
      this.ledgers.delete(oldest);
      this.size -= dropped.length;
    }
  }
}

@Injectable()
export class LedgerRepository {
  private readonly cache = new LedgerCache();

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(PendingEventsRecord.name) private readonly pending: Model<PendingEventsRecord>,
  ) {}

  private ledgerOf(partnershipId: string): Collection<LedgerDocument> {
    return this.connection.collection<LedgerDocument>(ledgerCollectionName(partnershipId));
  }

  /** The whole ledger, in sequence order. The returned array is shared: never change it. */
  async load(partnershipId: string): Promise<StoredEntry[]> {
    const ledger = this.ledgerOf(partnershipId);
    const known = this.cache.get(partnershipId) ?? (await this.readAll(ledger));
    const later: StoredEntry[] = [];
    for (;;) {
      const next = await ledger.findOne(
        { _id: entryId(partnershipId, known.length + later.length + 1) },
        { projection: { entry: 1, command: 1 } },
      );
      if (!next) break;
      later.push({ entry: next.entry, command: next.command });
    }
    const entries = later.length > 0 ? [...known, ...later] : known;
    this.cache.set(partnershipId, entries);
    return entries;
  }

  /** Every entry, in one read; up to the first gap (a writer between its marker and its entry). */
  private async readAll(ledger: Collection<LedgerDocument>): Promise<StoredEntry[]> {
    const records = await ledger.find({}, { projection: { sequence: 1, entry: 1, command: 1 } }).toArray();
    records.sort((a, b) => a.sequence - b.sequence);
    const gap = records.findIndex((record, i) => record.sequence !== i + 1);
    return (gap < 0 ? records : records.slice(0, gap)).map((record) => ({
      entry: record.entry,
      command: record.command,
    }));
  }

  /**
   * Every document of the ledger as the database holds it now, gaps and all, past the cache: an audit
   * compares what is stored with what the partnership's hash chain linked.
   */
  async stored(partnershipId: string): Promise<LedgerRecordDocument[]> {
    return this.ledgerOf(partnershipId)
      .find({}, { projection: { partnershipId: 1, sequence: 1, entry: 1, command: 1 } })
      .toArray();
  }

  /**
   * Inserts the next entry; false when another command wrote that sequence first. A marker for the
   * events goes in before the entry, so a crash between the two leaves the events findable.
   */
  async append(
    partnershipId: string,
    previous: StoredEntry[],
    next: StoredEntry,
    outbox: DomainEvent[],
  ): Promise<boolean> {
    const sequence = next.entry.sequence;
    const _id = entryId(partnershipId, sequence);
    if (outbox.length > 0) {
      await this.pending
        .create({ _id, partnershipId, sequence, createdAt: new Date() })
        .catch((error: unknown) => {
          if (!isDuplicateKeyError(error)) throw error;
        });
    }
    try {
      await this.ledgerOf(partnershipId).insertOne({
        _id,
        partnershipId,
        sequence,
        entry: next.entry,
        command: next.command,
        outbox,
        eventsPublished: outbox.length === 0,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    this.cache.set(partnershipId, [...previous, next]);
    return true;
  }

  // ---------------------------------------------------------------- the outbox

  /** The sequences of a ledger whose events may still be unpublished, in order. */
  async pendingOf(partnershipId: string): Promise<PendingEventsRecord[]> {
    const markers = await this.pending.find({ partnershipId }).lean<PendingEventsRecord[]>().exec();
    return markers.sort((a, b) => a.sequence - b.sequence);
  }

  async partnershipsWithPendingEvents(): Promise<string[]> {
    const markers = await this.pending.find({}, { partnershipId: 1 }).lean<PendingEventsRecord[]>().exec();
    return [...new Set(markers.map((m) => m.partnershipId))];
  }

  async outboxOf(
    marker: PendingEventsRecord,
  ): Promise<{ outbox: DomainEvent[]; eventsPublished: boolean } | 'abandoned' | 'in-flight'> {
    const record = await this.ledgerOf(marker.partnershipId).findOne(
      { _id: marker._id },
      { projection: { outbox: 1, eventsPublished: 1 } },
    );
    if (record) return { outbox: record.outbox, eventsPublished: record.eventsPublished };
    return Date.now() - new Date(marker.createdAt).getTime() > abandonedMarkerMs ? 'abandoned' : 'in-flight';
  }

  async markPublished(marker: PendingEventsRecord): Promise<void> {
    await this.ledgerOf(marker.partnershipId).updateOne(
      { _id: marker._id },
      { $set: { eventsPublished: true } },
    );
    await this.dropMarker(marker);
  }

  async dropMarker(marker: PendingEventsRecord): Promise<void> {
    await this.pending.deleteOne({ _id: marker._id }).exec();
  }
}
