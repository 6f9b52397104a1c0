import { Logger } from '@nestjs/common';
import type { Collection, Connection } from 'mongoose';
import type { DomainEvent } from '@mitra/contracts';
import { isDuplicateKeyError, RevisionStore, type AppendResult, type Revision } from '@mitra/platform';
import { applyPatch, diffState, referenceTo, resolveReference, type CollectionKeys, type ResultReference, type StatePatch } from './state-patch';

/** What one revision holds: the command's subject, what it changed, and where its reply is. */
export interface DocumentChange {
  subject: string;
  patch: StatePatch;
  result: ResultReference;
}

/** A document as of a revision (0: nothing written yet, the empty document). */
export interface DocumentAt<TDocument> {
  revision: number;
  document: TDocument;
}

/** The current document, written with the revision it is the fold of. */
export interface SnapshotDocument<TDocument> {
  _id: string;
  revision: number;
  /** Of the document's shape: a snapshot of another format is ignored and rebuilt from the revisions. */
  format: number;
  document: TDocument;
  writtenAt: Date;
}

export interface DocumentLogOptions<TDocument> {
  /** The revision store's collection: one revision per command. */
  revisions: string;
  /** One snapshot of the current document per aggregate. */
  snapshots: string;
  /** Bump when the document's stored shape changes: snapshots of another format are rebuilt. */
  snapshotFormat: number;
  empty: (aggregateId: string) => TDocument;
  /** The document's top-level arrays whose elements have a key: a revision stores only the elements that changed. */
  collections: CollectionKeys;
}

export class DocumentLogDamaged extends Error {}

/**
 * A document (a partnership's monitoring plan, its publications) kept as the log of what each command
 * changed, in a `RevisionStore`, plus a snapshot of the current document.
 *
 * Why so: the revision store is the platform's one concurrency scheme and outbox (revision n+1 is an
 * insert refused by the unique (aggregate, revision) index when another writer took it; the events go
 * in the same insert). Its revisions are immutable and hold only the command's change (`StatePatch`:
 * the fields it set and the elements it added or replaced), never the whole document, so a plan no
 * longer grows by its whole size with every report.
 *
 * Reading the current document must not fold the whole log, so each aggregate has one snapshot
 * document, `_id` the aggregate id, holding the document and the revision it is the fold of. Loading
 * is two indexed reads whatever the history: the snapshot by `_id`, then the revisions after its
 * revision (a range of the (aggregate, revision) index, empty unless a writer is behind), folded on it.
 * The log stays the truth and the snapshot is only ever a cache of a prefix of it, which is what makes
 * it safe without transactions or compare-and-set updates:
 * - a snapshot is written only after its revision was appended (a writer that lost the race writes
 *   none), so a snapshot's document is always exactly the fold of revisions 1…its revision;
 * - it is written with `revision: {$lt: n}` in the filter; on FerretDB v1 that filter is not atomic, so
 *   a stale writer can still put back an older snapshot, but an older snapshot is still a correct
 *   prefix: the next load folds the revisions after it (and writes the newer snapshot back);
 * - a crash between the append and the snapshot leaves the snapshot behind, never wrong;
 * - a snapshot of another `snapshotFormat`, or none, is rebuilt from revision 1.
 * The alternatives were worse here: folding every revision on each load grows with the history (a
 * plan gains a revision per report, review and assessment), and the revision's `state` is meant for
 * small figures, not the document.
 */
export class DocumentLog<TDocument extends object> {
  readonly store: RevisionStore<DocumentChange, DomainEvent>;
  private readonly snapshots: Collection<SnapshotDocument<TDocument>>;
  private readonly logger: Logger;

  constructor(
    connection: Connection,
    private readonly options: DocumentLogOptions<TDocument>,
  ) {
    this.store = new RevisionStore(connection, options.revisions);
    this.snapshots = connection.collection<SnapshotDocument<TDocument>>(options.snapshots);
    this.logger = new Logger(`DocumentLog(${options.revisions})`);
  }

  /** The document before its first revision. */
  empty(aggregateId: string): TDocument {
    return this.options.empty(aggregateId);
  }

  /** Declares the revision store's indexes; the snapshots need only `_id`. */
  ready(): Promise<void> {
    return this.store.ready();
  }

  /** The current document: its snapshot and the revisions written after it. */
  async current(aggregateId: string): Promise<DocumentAt<TDocument>> {
    requireId(aggregateId);
    const snapshot = await this.snapshots.findOne({ _id: aggregateId });
    const base: DocumentAt<TDocument> =
      snapshot && snapshot.format === this.options.snapshotFormat && Number.isSafeInteger(snapshot.revision) && typeof snapshot.document === 'object' && snapshot.document !== null
        ? { revision: snapshot.revision, document: snapshot.document }
        : { revision: 0, document: this.empty(aggregateId) };
    const newer = await this.store.history(aggregateId, { fromRevision: base.revision + 1 });
    const current = this.fold(aggregateId, base, newer);
    if (newer.length > 0) await this.saveSnapshot(aggregateId, current);
    return current;
  }

  /** The document as the given revision left it. */
  async at(aggregateId: string, revision: number): Promise<TDocument> {
    const current = await this.current(aggregateId);
    if (current.revision === revision) return current.document;
    if (revision > current.revision) throw new DocumentLogDamaged(`${aggregateId} has no revision ${revision}`);
    const history = await this.store.history(aggregateId, { toRevision: revision });
    return this.fold(aggregateId, { revision: 0, document: this.empty(aggregateId) }, history).document;
  }

  /** The revision a command with this key wrote, if any. */
  byIdempotencyKey(aggregateId: string, idempotencyKey: string): Promise<Revision<DocumentChange> | null> {
    return this.store.byIdempotencyKey(aggregateId, idempotencyKey);
  }

  /** The reply the command of a revision gave. */
  async resultOf(revision: Revision<DocumentChange>): Promise<unknown> {
    const { result } = revision.change;
    if (result.kind === 'value') return result.value;
    return resolveReference(result, await this.at(revision.aggregateId, revision.revision));
  }

  /**
   * Appends what a command decided on `base`: the change from `base.document` to `next`, where its
   * reply is, and its events, as revision `base.revision + 1`; then, when it got in, the snapshot.
   * A lost race is `conflict`, never retried here.
   */
  async append(
    aggregateId: string,
    base: DocumentAt<TDocument>,
    next: TDocument,
    command: { subject: string; result: unknown; idempotencyKey: string; inputHash: string },
    events: DomainEvent[],
  ): Promise<AppendResult<DocumentChange>> {
    const stored = plain(next);
    const change: DocumentChange = {
      subject: command.subject,
      patch: plain(diffState(base.document, stored, this.options.collections)),
      result: plain(referenceTo(plain(command.result), stored, this.options.collections)),
    };
    const appended = await this.store.append(aggregateId, base.revision, change, plain(events), {
      idempotencyKey: command.idempotencyKey,
      inputHash: command.inputHash,
    });
    if (appended.status === 'appended') await this.saveSnapshot(aggregateId, { revision: base.revision + 1, document: stored });
    return appended;
  }

  /** What `append` would store as the change from `before` to `after` (for migrations). */
  changeOf(subject: string, before: TDocument, after: TDocument, result: unknown): DocumentChange {
    const stored = plain(after);
    return {
      subject,
      patch: plain(diffState(plain(before), stored, this.options.collections)),
      result: plain(referenceTo(plain(result), stored, this.options.collections)),
    };
  }

  /**
   * Writes the snapshot unless a newer one is there. Best effort: a snapshot that stays behind costs
   * the next load the revisions after it, nothing more.
   */
  async saveSnapshot(aggregateId: string, at: DocumentAt<TDocument>): Promise<void> {
    try {
      await this.snapshots.updateOne(
        { _id: aggregateId, revision: { $lt: at.revision } },
        { $set: { revision: at.revision, format: this.options.snapshotFormat, document: at.document, writtenAt: new Date() } },
        { upsert: true },
      );
    } catch (error) {
      // A snapshot of this or a later revision is there: the upsert's insert met its `_id`.
      if (!isDuplicateKeyError(error)) this.logger.warn(`snapshot of ${aggregateId} at ${at.revision} not written: ${String(error)}`);
    }
  }

  private fold(aggregateId: string, base: DocumentAt<TDocument>, revisions: Revision<DocumentChange>[]): DocumentAt<TDocument> {
    let { revision, document } = base;
    for (const next of revisions) {
      // Revisions are appended n+1 after n: a gap is damage, and folding over it would be a wrong document.
      if (next.revision !== revision + 1) throw new DocumentLogDamaged(`${aggregateId} has no revision ${revision + 1} before ${next.revision}`);
      document = applyPatch(document, next.change.patch);
      revision = next.revision;
    }
    return { revision, document };
  }
}

function requireId(value: unknown): asserts value is string {
  // The native driver does not sanitise filters: an object here could be a query operator.
  if (typeof value !== 'string' || value.length === 0) throw new TypeError('aggregateId must be a non-empty string');
}

/** Stored values are plain JSON: no undefined members (which the driver would write as null). */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
