import type { Logger } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { DomainEvent, LedgerEntry } from '@mitra/contracts';
import { applyEntry, canonicalize, emptyFundingState, fundingBalance, fundingSummary } from '@mitra/domain';
import { revisionId, type Revision } from '@mitra/platform';
import type { LedgerStore } from '../ledger/ledger.repository';
import {
  ledgerFiguresVersion,
  type CommandRecord,
  type LedgerChange,
  type LedgerFigures,
} from '../ledger/ledger.schema';

/*
 * The previous layout (funding up to the revision store): a collection per partnership,
 * `ledger_<partnershipId>`, of documents `{_id: '<partnershipId>:<sequence>', partnershipId, sequence,
 * entry, command, outbox, eventsPublished}`, and `ledger_outbox` of markers `{_id, partnershipId,
 * sequence, createdAt}` written before each entry that had events and dropped once they were published.
 */
export const legacyLedgerName = /^ledger_([0-9a-f]{20})$/;
export const legacyMarkerCollection = 'ledger_outbox';

export interface LegacyLedgerDocument {
  _id: string;
  partnershipId: string;
  sequence: number;
  entry: LedgerEntry;
  command: CommandRecord;
  outbox: DomainEvent[];
  eventsPublished: boolean;
}

export interface LegacyMigrationReport {
  /** Old ledger collections found. */
  ledgers: number;
  /** Entries inserted into the new collection by this run. */
  moved: number;
  /** Entries an earlier (or a concurrent) run had moved already, found identical. */
  alreadyMoved: number;
  /** Old collections dropped after every entry was found identical in the new one. */
  dropped: string[];
  /** Old collections kept, with why: nothing is dropped that was not moved. */
  kept: Array<{ collection: string; problems: string[] }>;
  /** Markers whose entry was never written (a writer that died before its insert): nothing to move. */
  abandonedMarkers: number;
}

const isLegacyDocument = (
  partnershipId: string,
  document: Partial<LegacyLedgerDocument>,
): document is LegacyLedgerDocument =>
  typeof document._id === 'string' &&
  document.partnershipId === partnershipId &&
  Number.isSafeInteger(document.sequence) &&
  (document.sequence as number) > 0 &&
  typeof document.entry === 'object' &&
  document.entry !== null &&
  typeof document.command?.key === 'string' &&
  typeof document.command.inputHash === 'string' &&
  Array.isArray(document.outbox);

/** What must be equal for an entry to count as moved: everything but the publication flag. */
const movedContent = (aggregateId: string, revision: number, change: unknown) =>
  canonicalize({ aggregateId, revision, change });

/** The figures after the last entry, when the ledger folds (a damaged one is moved as it is, without). */
function figuresAfter(partnershipId: string, documents: LegacyLedgerDocument[]): LedgerFigures | undefined {
  try {
    const state = emptyFundingState(partnershipId);
    for (const document of documents) applyEntry(state, document.entry);
    return JSON.parse(
      JSON.stringify({
        version: ledgerFiguresVersion,
        balance: fundingBalance(state),
        summary: fundingSummary(state),
      }),
    ) as LedgerFigures;
  } catch {
    return undefined;
  }
}

/**
 * Moves the previous layout into the ledger store, idempotently: each entry is inserted under its own
 * `_id` (so a second run, or a second replica running at the same time, finds it there), then every
 * entry is compared with what the new collection holds, and only a ledger found complete and identical
 * is dropped. Anything else (a document of unexpected shape, an id whose content differs) keeps its
 * old collection and is reported, never dropped. Unpublished events move with their entry
 * (`published: false`) and the outbox sweep publishes them; the markers go last, once no old ledger is left.
 */
export async function migrateLegacyLedgers(
  connection: Connection,
  store: LedgerStore,
  logger: Pick<Logger, 'log' | 'warn' | 'error'>,
): Promise<LegacyMigrationReport> {
  const report: LegacyMigrationReport = {
    ledgers: 0,
    moved: 0,
    alreadyMoved: 0,
    dropped: [],
    kept: [],
    abandonedMarkers: 0,
  };
  const names = (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  const legacy = names.filter((name) => legacyLedgerName.test(name)).sort();
  report.ledgers = legacy.length;

  for (const name of legacy) {
    const partnershipId = legacyLedgerName.exec(name)![1]!;
    const problems = await migrateLedger(connection, store, name, partnershipId, report);
    if (problems.length > 0) {
      report.kept.push({ collection: name, problems });
      logger.error(`kept ${name}, not fully moved to the ledger store: ${problems.join('; ')}`);
      continue;
    }
    await dropIfExists(connection, name);
    report.dropped.push(name);
  }

  if (names.includes(legacyMarkerCollection) && report.kept.length === 0) {
    for (const marker of await connection
      .collection<{ _id: string; partnershipId: string; sequence: number }>(legacyMarkerCollection)
      .find({})
      .toArray()) {
      if (typeof marker.partnershipId !== 'string' || !Number.isSafeInteger(marker.sequence)) continue;
      const [moved] = await store.history(marker.partnershipId, {
        fromRevision: marker.sequence,
        toRevision: marker.sequence,
      });
      if (!moved) report.abandonedMarkers++;
    }
    await dropIfExists(connection, legacyMarkerCollection);
    report.dropped.push(legacyMarkerCollection);
  }
  if (report.ledgers > 0 || report.dropped.length > 0)
    logger.log(
      `moved the previous ledger layout: ${report.ledgers} ledger(s), ${report.moved} entr(ies) moved, ${report.alreadyMoved} already there, ` +
        `${report.kept.length} kept, ${report.abandonedMarkers} abandoned marker(s)`,
    );
  return report;
}

async function migrateLedger(
  connection: Connection,
  store: LedgerStore,
  name: string,
  partnershipId: string,
  report: LegacyMigrationReport,
): Promise<string[]> {
  const problems: string[] = [];
  const found = await connection.collection<Partial<LegacyLedgerDocument>>(name).find({}).toArray();
  const documents: LegacyLedgerDocument[] = [];
  for (const document of found) {
    if (isLegacyDocument(partnershipId, document)) documents.push(document);
    else problems.push(`${String(document._id)} is not a ledger entry of ${partnershipId}`);
  }
  documents.sort((a, b) => a.sequence - b.sequence);
  const figures = figuresAfter(partnershipId, documents);
  const keys = new Set<string>();

  for (const [i, document] of documents.entries()) {
    const change: LedgerChange = { entry: document.entry, command: document.command };
    // The key is unique per partnership in the store; were it not unique in the old ledger, the later
    // entry keeps its command (the hash chain covers it) under a key of its own.
    const idempotencyKey = keys.has(document.command.key)
      ? `${document.command.key}~${document.sequence}`
      : document.command.key;
    keys.add(document.command.key);
    const imported = {
      id: document._id,
      aggregateId: partnershipId,
      revision: document.sequence,
      inputHash: document.command.inputHash,
      change,
      events: document.outbox,
      published: document.eventsPublished === true,
      recordedAt: new Date(typeof document.entry.at === 'string' ? document.entry.at : 0),
      ...(i === documents.length - 1 && figures ? { state: figures } : {}),
    };
    let result = await store.importRevision({ ...imported, idempotencyKey });
    if (result === 'taken' && idempotencyKey === document.command.key) {
      result = await store.importRevision({
        ...imported,
        idempotencyKey: `${document.command.key}~${document.sequence}`,
      });
    }
    if (result === 'inserted') report.moved++;
    else if (result === 'exists') report.alreadyMoved++;
  }

  // Moved means: the new collection holds every old entry, under its id, with the same content.
  const stored = new Map<string, Revision<LedgerChange>>();
  for (const revision of await store.history(partnershipId)) stored.set(revision.id, revision);
  for (const document of documents) {
    const moved = stored.get(document._id);
    if (!moved)
      problems.push(
        `${document._id} is not in the ledger store (sequence ${document.sequence} is another entry's)`,
      );
    else if (
      movedContent(moved.aggregateId, moved.revision, moved.change) !==
      movedContent(partnershipId, document.sequence, { entry: document.entry, command: document.command })
    )
      problems.push(`${document._id} differs from the entry the ledger store holds under that id`);
  }
  if (documents.some((d) => d._id !== revisionId(partnershipId, d.sequence)))
    problems.push('entries whose id is not <partnershipId>:<sequence> were moved under their own id');
  return problems;
}

async function dropIfExists(connection: Connection, name: string): Promise<void> {
  try {
    await connection.db!.dropCollection(name);
  } catch (error) {
    // Another replica dropped it first.
    if (!/not found|doesn't exist|does not exist/i.test(String((error as Error).message))) throw error;
  }
}
