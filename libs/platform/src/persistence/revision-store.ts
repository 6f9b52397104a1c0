import type { Collection, Connection, mongo } from 'mongoose';
import type { OutboxSource, PendingRevisionEvents } from '../events/outbox-source';
import { isDuplicateKeyError } from '../mongo/duplicate-key';

/** One revision of an aggregate as the store returns it (its events are read by the outbox only). */
export interface Revision<TChange> {
  /** `<aggregateId>:<revision>`. */
  id: string;
  aggregateId: string;
  /** 1, 2, 3, … without gaps. */
  revision: number;
  idempotencyKey: string;
  inputHash: string;
  /** What this revision changed: the caller's own shape. */
  change: TChange;
  recordedAt: Date;
}

/** The newest revision, with what its writer derived for reads (running totals), if it wrote any. */
export interface LatestRevision<TChange, TState> extends Revision<TChange> {
  state?: TState;
}

export interface AppendOptions<TState> {
  /** Unique per aggregate: the same command sent twice writes one revision. */
  idempotencyKey: string;
  /** A digest of the command's input (and actor): the same key with other input is refused. */
  inputHash: string;
  /**
   * Small figures derived from the whole aggregate after this revision, so that reading them is one
   * indexed read of the latest revision. Never the aggregate itself: store what changed in `change`.
   * Kept on the latest revision only (see `latest`).
   */
  state?: TState;
}

/**
 * What an append did. `conflict`: another writer took revision `expectedRevision + 1` first; re-read,
 * decide again (once) or answer 409. `keyReused`: the key names a stored revision of other input (409).
 */
export type AppendResult<TChange> =
  | { status: 'appended'; revision: Revision<TChange> }
  | { status: 'replayed'; revision: Revision<TChange> }
  | { status: 'keyReused'; revision: Revision<TChange> }
  | { status: 'conflict'; expectedRevision: number };

/** A revision written as given, by a migration from an older layout. */
export interface ImportedRevision<TChange, TEvent, TState> {
  /** Defaults to `<aggregateId>:<revision>`; a migration may keep the id a record was known by. */
  id?: string;
  aggregateId: string;
  revision: number;
  idempotencyKey: string;
  inputHash: string;
  change: TChange;
  events: TEvent[];
  published: boolean;
  recordedAt: Date;
  state?: TState;
}

/** `inserted`; `exists`: a document with that id is there already; `taken`: the revision or the key is another document's. */
export type ImportResult = 'inserted' | 'exists' | 'taken';

/** The stored document. Every indexed field is always present (FerretDB v1 has no partial or sparse index). */
export interface RevisionDocument<TChange, TEvent, TState> {
  _id: string;
  aggregateId: string;
  revision: number;
  idempotencyKey: string;
  inputHash: string;
  change: TChange;
  events: TEvent[];
  /** The events are in JetStream (true from the start when there are none). */
  published: boolean;
  recordedAt: Date;
  state?: TState;
}

export interface RevisionStoreOptions {
  /**
   * Fields of the change that the service looks revisions up by (`changeIndexes: ['entry.reverses']`),
   * each indexed after the aggregate id and read through `withChange`.
   */
  changeIndexes?: readonly string[];
}

export const revisionId = (aggregateId: string, revision: number) => `${aggregateId}:${revision}`;

function requireText(value: unknown, name: string): asserts value is string {
  // The native driver does not sanitise filters: an object here could be a query operator.
  if (typeof value !== 'string' || value.length === 0)
    throw new TypeError(`${name} must be a non-empty string`);
}

function requireRevision(value: unknown, name: string): asserts value is number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw new TypeError(`${name} must be a whole number ≥ 0`);
}

const withoutStateOrEvents = { state: 0, events: 0 } as const;

function revisionOf<TChange>(document: RevisionDocument<TChange, unknown, unknown>): Revision<TChange> {
  return {
    id: document._id,
    aggregateId: document.aggregateId,
    revision: document.revision,
    idempotencyKey: document.idempotencyKey,
    inputHash: document.inputHash,
    change: document.change,
    recordedAt: document.recordedAt,
  };
}

/**
 * An aggregate's history as a log of immutable revisions, in ONE collection per kind of aggregate.
 *
 * Why it is shaped so: on FerretDB v1 (and on MongoDB without transactions) the only real
 * compare-and-set is an insert refused by a unique index; an update filtered on a version is not
 * atomic there. So a command reads the latest revision n, decides, and inserts n+1: the unique
 * `(aggregateId, revision)` lets exactly one of two racing writers in, and the other learns it from
 * `append` (`conflict`) and decides once more on the newer revision or gives up with 409. The
 * command's idempotency key is unique per aggregate too, so a repeated command finds its revision
 * instead of writing another. The events a revision raises go in the same document (an outbox in the
 * document: one insert, no transaction) and `OutboxRelay` publishes them and marks them published.
 *
 * Every read goes through an index declared here: the latest revision is `find({aggregateId})
 * .sort({revision: -1}).limit(1)` on `(aggregateId, revision)`, a history is a range of it, pending
 * events are found by `(published, aggregateId, revision)`. No collection per aggregate, no cache: the
 * database serves it. (Sorts name only the fields after the equality prefix: the patched FerretDB
 * then streams the index and stops at the limit; with the prefix repeated it sorted the whole range.)
 */
export class RevisionStore<
  TChange,
  TEvent extends { eventId: string },
  TState = never,
> implements OutboxSource<TEvent> {
  private readonly collection: Collection<RevisionDocument<TChange, TEvent, TState>>;
  private indexes?: Promise<void>;

  constructor(
    connection: Connection,
    readonly collectionName: string,
    private readonly options: RevisionStoreOptions = {},
  ) {
    this.collection = connection.collection<RevisionDocument<TChange, TEvent, TState>>(collectionName);
  }

  /** Declares the indexes (once per store; every method waits for it, so no write precedes them). */
  ready(): Promise<void> {
    this.indexes ??= this.declareIndexes().catch((error: unknown) => {
      this.indexes = undefined;
      throw error;
    });
    return this.indexes;
  }

  private async declareIndexes(): Promise<void> {
    const indexes: mongo.IndexDescription[] = [
      { key: { aggregateId: 1, revision: 1 }, name: 'aggregate_revision', unique: true },
      { key: { aggregateId: 1, idempotencyKey: 1 }, name: 'aggregate_idempotency_key', unique: true },
      { key: { published: 1, aggregateId: 1, revision: 1 }, name: 'pending_events' },
      ...(this.options.changeIndexes ?? []).map((path) => ({
        key: { aggregateId: 1, [`change.${path}`]: 1 },
        name: `aggregate_change_${path.replace(/\W/g, '_')}`,
      })),
    ];
    // One per command: FerretDB v1.24 panics on a createIndexes of several indexes that all exist.
    for (const index of indexes) await this.collection.createIndexes([index]);
  }

  /**
   * The newest revision and its state; null when the aggregate has none. A state is kept on the latest
   * revision only: when n+1 is appended with one, n drops its own.
   */
  async latest(aggregateId: string): Promise<LatestRevision<TChange, TState> | null> {
    requireText(aggregateId, 'aggregateId');
    await this.ready();
    const [document] = await this.collection
      .find({ aggregateId }, { projection: { events: 0 } })
      .sort({ revision: -1 })
      .limit(1)
      .toArray();
    if (!document) return null;
    return {
      ...revisionOf(document as RevisionDocument<TChange, TEvent, TState>),
      ...(document.state === undefined ? {} : { state: document.state as TState }),
    };
  }

  /**
   * The revisions from `fromRevision` to `toRevision` (both included, each optional), in revision
   * order, at most `limit`: what is stored, gaps and all (an audit reads it as it is).
   */
  async history(
    aggregateId: string,
    range: { fromRevision?: number; toRevision?: number; limit?: number } = {},
  ): Promise<Revision<TChange>[]> {
    requireText(aggregateId, 'aggregateId');
    const { fromRevision, toRevision, limit } = range;
    if (fromRevision !== undefined) requireRevision(fromRevision, 'fromRevision');
    if (toRevision !== undefined) requireRevision(toRevision, 'toRevision');
    if (limit !== undefined && limit <= 0) return [];
    await this.ready();
    const revision = {
      ...(fromRevision === undefined ? {} : { $gte: fromRevision }),
      ...(toRevision === undefined ? {} : { $lte: toRevision }),
    };
    // Without a range, every document of the aggregate, even one whose revision is not a number.
    const filter = Object.keys(revision).length === 0 ? { aggregateId } : { aggregateId, revision };
    let cursor = this.collection.find(filter, { projection: withoutStateOrEvents }).sort({ revision: 1 });
    if (limit !== undefined) cursor = cursor.limit(limit);
    return (await cursor.toArray()).map((document) =>
      revisionOf(document as RevisionDocument<TChange, TEvent, TState>),
    );
  }

  /** The revision a command with this key wrote, if any. */
  async byIdempotencyKey(aggregateId: string, idempotencyKey: string): Promise<Revision<TChange> | null> {
    requireText(aggregateId, 'aggregateId');
    requireText(idempotencyKey, 'idempotencyKey');
    await this.ready();
    const document = await this.collection.findOne(
      { aggregateId, idempotencyKey },
      { projection: withoutStateOrEvents },
    );
    return document ? revisionOf(document as RevisionDocument<TChange, TEvent, TState>) : null;
  }

  /**
   * The revisions whose change holds one of `values` at `path` (a path declared in `changeIndexes`),
   * in revision order.
   */
  async withChange(
    aggregateId: string,
    path: string,
    values: ReadonlyArray<string | number>,
  ): Promise<Revision<TChange>[]> {
    requireText(aggregateId, 'aggregateId');
    if (!this.options.changeIndexes?.includes(path))
      throw new Error(`change.${path} is not indexed in ${this.collectionName}`);
    if (values.length === 0) return [];
    for (const value of values)
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new TypeError(`change.${path} values must be strings or numbers`);
    await this.ready();
    const documents = await this.collection
      .find({ aggregateId, [`change.${path}`]: { $in: [...values] } } as never, {
        projection: withoutStateOrEvents,
      })
      .toArray();
    return documents
      .map((document) => revisionOf(document as RevisionDocument<TChange, TEvent, TState>))
      .sort((a, b) => a.revision - b.revision);
  }

  /**
   * Inserts revision `expectedRevision + 1` with its events, in one write. Pass the revision the
   * decision was taken on (0 for a new aggregate); this never retries.
   */
  async append(
    aggregateId: string,
    expectedRevision: number,
    change: TChange,
    events: TEvent[],
    options: AppendOptions<TState>,
  ): Promise<AppendResult<TChange>> {
    requireText(aggregateId, 'aggregateId');
    requireRevision(expectedRevision, 'expectedRevision');
    requireText(options.idempotencyKey, 'idempotencyKey');
    requireText(options.inputHash, 'inputHash');
    await this.ready();
    const revision = expectedRevision + 1;
    const document: RevisionDocument<TChange, TEvent, TState> = {
      _id: revisionId(aggregateId, revision),
      aggregateId,
      revision,
      idempotencyKey: options.idempotencyKey,
      inputHash: options.inputHash,
      change,
      events,
      published: events.length === 0,
      recordedAt: new Date(),
      ...(options.state === undefined ? {} : { state: options.state }),
    };
    try {
      await this.collection.insertOne(document as never);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Which unique key refused it: the key's own revision decides (MongoDB and FerretDB word the error differently).
      const stored = await this.byIdempotencyKey(aggregateId, options.idempotencyKey);
      if (stored)
        return {
          status: stored.inputHash === options.inputHash ? 'replayed' : 'keyReused',
          revision: stored,
        };
      return { status: 'conflict', expectedRevision };
    }
    if (options.state !== undefined && expectedRevision > 0)
      await this.dropState(aggregateId, expectedRevision);
    return { status: 'appended', revision: revisionOf(document) };
  }

  /**
   * Only the latest revision's state is ever read, so the one before drops its own: histories stay
   * small to read. Best effort: a state left behind is only bytes. (On FerretDB v1 this update may
   * race with `markPublished` of that revision and undo it; the events are then published again and
   * JetStream drops the copy by event id.)
   */
  private async dropState(aggregateId: string, revision: number): Promise<void> {
    try {
      await this.collection.updateOne({ aggregateId, revision }, { $unset: { state: '' } } as never);
    } catch {
      // Left for the bytes it costs.
    }
  }

  /** For migrations only: inserts a revision exactly as given, once. */
  async importRevision(imported: ImportedRevision<TChange, TEvent, TState>): Promise<ImportResult> {
    requireText(imported.aggregateId, 'aggregateId');
    requireRevision(imported.revision, 'revision');
    requireText(imported.idempotencyKey, 'idempotencyKey');
    await this.ready();
    const _id = imported.id ?? revisionId(imported.aggregateId, imported.revision);
    requireText(_id, 'id');
    try {
      await this.collection.insertOne({
        _id,
        aggregateId: imported.aggregateId,
        revision: imported.revision,
        idempotencyKey: imported.idempotencyKey,
        inputHash: imported.inputHash,
        change: imported.change,
        events: imported.events,
        published: imported.published,
        recordedAt: imported.recordedAt,
        ...(imported.state === undefined ? {} : { state: imported.state }),
      } as never);
      return 'inserted';
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    return (await this.collection.findOne({ _id } as never, { projection: { _id: 1 } })) ? 'exists' : 'taken';
  }

  /**
   * Revisions whose events are not yet published, in (aggregate, revision) order: of one aggregate
   * when `aggregateId` is given (after its command), else of all (the sweep).
   */
  async pendingEvents(query: {
    limit: number;
    aggregateId?: string;
  }): Promise<PendingRevisionEvents<TEvent>[]> {
    if (query.aggregateId !== undefined) requireText(query.aggregateId, 'aggregateId');
    await this.ready();
    const documents = await this.collection
      .find(
        { published: false, ...(query.aggregateId === undefined ? {} : { aggregateId: query.aggregateId }) },
        { projection: { aggregateId: 1, revision: 1, events: 1 } },
      )
      .sort(query.aggregateId === undefined ? { aggregateId: 1, revision: 1 } : { revision: 1 })
      .limit(query.limit)
      .toArray();
    return documents.map(({ aggregateId, revision, events }) => ({
      aggregateId,
      revision,
      events: events as TEvent[],
    }));
  }

  /** After every event of the revision is in JetStream. Idempotent, so not a race. */
  async markPublished(aggregateId: string, revision: number): Promise<void> {
    requireText(aggregateId, 'aggregateId');
    requireRevision(revision, 'revision');
    await this.ready();
    await this.collection.updateOne({ aggregateId, revision }, { $set: { published: true } } as never);
  }
}
