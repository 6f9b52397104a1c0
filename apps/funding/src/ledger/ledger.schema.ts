import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { DomainEvent, LedgerEntry } from '@mitra/contracts';

/** The command that wrote an entry: a repeat with the same key gets the entry back. */
export interface CommandRecord {
  key: string;
  subject: string;
  inputHash: string;
}

/*
 * A partnership's funding is an append-only ledger: each command inserts one immutable entry with
 * `_id` `<partnershipId>:<sequence>`. FerretDB v1 guards concurrent writers only through the unique
 * `_id` (an update filtered on a balance is not atomic), so of two commands that read the ledger up to
 * n, one inserts n+1 and the other recomputes the balances from the longer ledger and decides again.
 * The entry carries the events it raised (the outbox in the document).
 *
 * Each partnership's ledger is a collection of its own, `ledger_<partnershipId>`. FerretDB v1.24 runs
 * an `_id` filter in SQLite but not on the `_id` index (the query's JSON path `->'$._id'` is not the
 * index's `->"_id"`), so every lookup scans its collection: in one shared collection of 100,000 entries
 * a lookup that finds nothing took seconds; in a partnership's own, it scans that partnership's entries.
 */
export interface LedgerDocument {
  _id: string;
  partnershipId: string;
  sequence: number;
  entry: LedgerEntry;
  command: CommandRecord;
  outbox: DomainEvent[];
  /** Set once the outbox is in JetStream. */
  eventsPublished: boolean;
}

const partnershipIdPattern = /^[0-9a-f]{20}$/;

/** The collection name comes from a request: only a well-formed partnership id may name one. */
export function ledgerCollectionName(partnershipId: string): string {
  if (!partnershipIdPattern.test(partnershipId))
    throw new Error(`not a partnership id: ${JSON.stringify(partnershipId)}`);
  return `ledger_${partnershipId}`;
}

/**
 * "Entry `<partnershipId>:<sequence>` may have events to publish", written before the entry, removed
 * once they are in JetStream. The sweep reads these few markers, never the ledgers.
 */
@Schema({ collection: 'ledger_outbox', versionKey: false })
export class PendingEventsRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) partnershipId!: string;
  @Prop({ type: Number, required: true }) sequence!: number;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}
export const PendingEventsSchema = SchemaFactory.createForClass(PendingEventsRecord);
