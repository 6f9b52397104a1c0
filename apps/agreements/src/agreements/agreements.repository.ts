import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection, mongo } from 'mongoose';
import type { AgreementSummary, DomainEvent } from '@mitra/contracts';
import { partyOrganisationIds, type AgreementState } from '@mitra/domain';
import {
  isDuplicateKeyError,
  revisionId,
  RevisionStore,
  type AppendResult,
  type Revision,
} from '@mitra/platform';
import {
  agreementDigestVersion,
  digestOf,
  foldAgreement,
  plain,
  type AgreementChange,
  type AgreementDigest,
} from './agreement-changes';
import {
  agreementDirectoryCollection,
  agreementLogCollection,
  listedForAll,
  type AgreementDirectoryEntry,
} from './agreement.schema';

export type AgreementStore = RevisionStore<AgreementChange, DomainEvent, AgreementDigest>;

/** An agreement as loaded: its state, the revision it stands at, and every revision (their keys answer repeated commands). */
export interface LoadedAgreement {
  state: AgreementState;
  revision: number;
  revisions: Revision<AgreementChange>[];
}

/** A revision whose digest says time will change the agreement by now. */
export interface DueRevision {
  aggregateId: string;
  revision: number;
}

function requireText(value: unknown, name: string): asserts value is string {
  // The native driver does not sanitise filters: an object here could be a query operator.
  if (typeof value !== 'string' || value.length === 0)
    throw new TypeError(`${name} must be a non-empty string`);
}

/*
 * How agreements are stored, and why.
 *
 * An agreement is a log of immutable revisions in ONE collection, `agreement_log`, through the
 * platform's `RevisionStore`: revision 1 is the draft, and each later one is what a command (a
 * revision of the draft, a signing round opened, a signature, a decline, an amendment) or the passing of
 * time (an expiry, reminders) changed. A revision stores only that change (`AgreementChange`: the
 * versions added, the rounds opened or what moved in one, the version in force), never the agreement
 * again, and the events it raised (the outbox in the same document, published by the one
 * `OutboxRelay`).
 *
 * Concurrency: a command reads the log (one index range on (aggregateId, revision)), folds it, lets
 * the rules of `@mitra/domain` decide, and appends revision n+1. The unique (aggregateId, revision)
 * index is the only compare-and-set FerretDB v1 has (its updates are not conditional), so of two
 * commands that decided on revision n exactly one is written; the other learns it from `append` and
 * decides again on the longer log (a second signature is then recorded too, a second revision of the
 * same base version is refused as stale). The command's idempotency key is unique per agreement, so a
 * repeat finds its revision and gets the first reply; `~create` and `~time:<n>` name revision 1 and
 * revisions time alone made (a client's key cannot hold `~`).
 *
 * Reads are indexed, never a scan:
 * - an agreement: its log, one index range (a document per revision, tens of them; each version's
 *   text is read once, from the revision that added it, where the previous layout held every version
 *   again in every revision);
 * - every revision carries a digest (`state`: the summary lists show, the parties, the next due time),
 *   so an agreement's summary is its newest revision, one indexed read;
 * - lists: a partnership's agreements newest first, everyone's, or those an organisation is a party
 *   to, are one streamed index range with a limit over the small entries of `agreement_directory`
 *   (see there why not over the log), whose `*` entries carry the last digest they were told of; one
 *   more query, for the whole page, finds the agreements that have a later revision than that, and only
 *   their digests are read from the log. So a page costs two or three queries whatever its size;
 * - the due-time sweep: the digest's `nextDueAt` is indexed; a revision the sweep finds superseded has
 *   that hint cleared, so the index holds about one entry per agreement with something due.
 * The store declares only per-aggregate indexes; `state.nextDueAt` is declared here on the store's
 * collection (the platform's API has no place for a cross-aggregate index yet).
 */
@Injectable()
export class AgreementsRepository {
  private readonly logger = new Logger(AgreementsRepository.name);
  readonly store: AgreementStore;
  private readonly log: Collection;
  private readonly directory: Collection<AgreementDirectoryEntry>;
  private indexes?: Promise<void>;

  constructor(@InjectConnection() connection: Connection) {
    this.store = new RevisionStore(connection, agreementLogCollection);
    this.log = connection.collection(agreementLogCollection);
    this.directory = connection.collection<AgreementDirectoryEntry>(agreementDirectoryCollection);
  }

  /** Declares the store's indexes and this service's own, once. */
  ready(): Promise<void> {
    this.indexes ??= this.declareIndexes().catch((error: unknown) => {
      this.indexes = undefined;
      throw error;
    });
    return this.indexes;
  }

  private async declareIndexes(): Promise<void> {
    await this.store.ready();
    const own: Array<[Collection<never>, mongo.IndexDescription]> = [
      [this.log, { key: { 'state.nextDueAt': 1 }, name: 'next_due' }],
      [this.directory, { key: { listedFor: 1, createdAt: -1, agreementId: -1 }, name: 'listed_created' }],
      [
        this.directory,
        {
          key: { listedFor: 1, partnershipId: 1, createdAt: -1, agreementId: -1 },
          name: 'listed_partnership_created',
        },
      ],
    ] as never;
    // One per command: FerretDB v1.24 panics on a createIndexes of several indexes that all exist.
    for (const [collection, index] of own) await collection.createIndexes([index]);
  }

  /** The id of the agreement a create command makes: derived from its key, so a repeat finds it. */
  idForCreateKey(idempotencyKey: string): string {
    return createHash('sha256').update(`agreement.create:${idempotencyKey}`).digest('hex').slice(0, 24);
  }

  /** The agreement as its log leaves it: one index range, folded. */
  async load(agreementId: string): Promise<LoadedAgreement | undefined> {
    requireText(agreementId, 'agreementId');
    const revisions = await this.store.history(agreementId);
    const state = foldAgreement(
      agreementId,
      revisions.map((revision) => revision.change),
    );
    return state ? { state, revision: revisions[revisions.length - 1]!.revision, revisions } : undefined;
  }

  /**
   * Appends `next` as the revision after `previous` (revision 1 when there is none) with its change
   * and events; `conflict` when another writer took that revision first. The directory entries it
   * calls for (the agreement's own, each new party's) are inserted first.
   */
  async append(
    previous: LoadedAgreement | undefined,
    next: AgreementState,
    change: AgreementChange,
    events: DomainEvent[],
    command: { idempotencyKey: string; inputHash: string },
  ): Promise<AppendResult<AgreementChange>> {
    await this.ready();
    await this.enterInDirectory(next, previous?.state);
    const digest = plain(digestOf(next));
    const appended = await this.store.append(next.id, previous?.revision ?? 0, change, plain(events), {
      ...command,
      state: digest,
    });
    if (appended.status === 'appended') await this.noteDigest(next.id, appended.revision.revision, digest);
    return appended;
  }

  /**
   * Tells the agreement's `*` directory entry of a newer revision's digest. Only a hint (see the
   * directory): a failure, or a concurrent writer's older digest landing last, costs a later list one
   * more read, never a wrong answer.
   */
  async noteDigest(agreementId: string, revision: number, digest: AgreementDigest): Promise<void> {
    try {
      await this.directory.updateOne(
        { _id: `${listedForAll}:${agreementId}`, revision: { $lt: revision } },
        { $set: { revision, digest } },
      );
    } catch (error) {
      this.logger.warn(
        `the directory entry of ${agreementId} stays behind revision ${revision}: ${String(error)}`,
      );
    }
  }

  /** Inserts the directory entries `state` has and `before` had not, each once (a repeat, or a concurrent writer, finds it there). */
  async enterInDirectory(state: AgreementState, before?: AgreementState): Promise<void> {
    const had = new Set(before ? [listedForAll, ...partyOrganisationIds(before)] : []);
    for (const listedFor of [listedForAll, ...partyOrganisationIds(state)]) {
      if (had.has(listedFor)) continue;
      try {
        await this.directory.insertOne({
          _id: `${listedFor}:${state.id}`,
          listedFor,
          agreementId: state.id,
          partnershipId: state.partnershipId,
          createdAt: state.createdAt,
          ...(listedFor === listedForAll ? { revision: 0, digest: null } : {}),
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  /** The digest of the newest revision (one indexed read), or recomputed from the log when it is of another version. */
  async digest(agreementId: string): Promise<AgreementDigest | undefined> {
    const latest = await this.store.latest(agreementId);
    if (!latest) return undefined;
    if (latest.state?.version === agreementDigestVersion) return latest.state;
    const loaded = await this.load(agreementId);
    return loaded && digestOf(loaded.state);
  }

  /** Newest first: one partnership's agreements, or everyone's. */
  list(partnershipId: string | undefined, limit: number): Promise<AgreementSummary[]> {
    return this.listed(listedForAll, partnershipId, limit, () => true);
  }

  /** Newest first: the agreements the organisation is or was a party to (of one partnership, if given). */
  listOfParty(
    organisationId: string,
    partnershipId: string | undefined,
    limit: number,
  ): Promise<AgreementSummary[]> {
    return this.listed(organisationId, partnershipId, limit, (digest) =>
      digest.organisationIds.includes(organisationId),
    );
  }

  /**
   * A range of directory entries, newest first, and each one's digest. An entry whose revision never
   * came (no digest, or not a party by it) is passed over, and the next page read in its place.
   */
  private async listed(
    listedFor: string,
    partnershipId: string | undefined,
    limit: number,
    stands: (digest: AgreementDigest) => boolean,
  ): Promise<AgreementSummary[]> {
    requireText(listedFor, 'listedFor');
    if (partnershipId !== undefined) requireText(partnershipId, 'partnershipId');
    await this.ready();
    const found: AgreementSummary[] = [];
    for (let after: AgreementDirectoryEntry | undefined; found.length < limit;) {
      const wanted = limit - found.length;
      const page = await this.directory
        .find({
          listedFor,
          ...(partnershipId === undefined ? {} : { partnershipId }),
          ...(after
            ? {
                $or: [
                  { createdAt: { $lt: after.createdAt } },
                  { createdAt: after.createdAt, agreementId: { $lt: after.agreementId } },
                ],
              }
            : {}),
        })
        .sort({ createdAt: -1, agreementId: -1 }) // only the fields after the equalities: the index is streamed
        .limit(wanted)
        .toArray();
      for (const digest of await this.digestsOf(page, listedFor))
        if (digest && stands(digest)) found.push(digest.summary);
      if (page.length < wanted) break;
      after = page[page.length - 1];
    }
    return found;
  }

  /**
   * The newest digest of each entry's agreement, in the page's order (undefined: no revision yet): the
   * `*` entries' hints (read with the page, or in one query by id for a party's page), checked in one
   * query for a later revision; only those that have one are read from the log (and their hint renewed).
   */
  private async digestsOf(
    page: AgreementDirectoryEntry[],
    listedFor: string,
  ): Promise<Array<AgreementDigest | undefined>> {
    if (page.length === 0) return [];
    const hints =
      listedFor === listedForAll
        ? page
        : await this.directory
            .find({ _id: { $in: page.map((entry) => `${listedForAll}:${entry.agreementId}`) } })
            .toArray();
    const hinted = new Map(
      hints.map((entry) => [
        entry.agreementId,
        { revision: entry.revision ?? 0, digest: entry.digest ?? undefined },
      ]),
    );
    const probes = page.map((entry) => ({
      aggregateId: entry.agreementId,
      revision: (hinted.get(entry.agreementId)?.revision ?? 0) + 1,
    }));
    const later = new Set(
      (await this.log.find({ $or: probes }, { projection: { aggregateId: 1 } }).toArray()).map(
        (document) => document.aggregateId as string,
      ),
    );
    return Promise.all(
      page.map(async ({ agreementId }) => {
        const hint = hinted.get(agreementId);
        if (hint?.digest?.version === agreementDigestVersion && !later.has(agreementId)) return hint.digest;
        if (!hint?.digest && !later.has(agreementId)) return undefined; // entered, but its revision 1 never came
        const latest = await this.store.latest(agreementId);
        if (!latest) return undefined;
        const digest =
          latest.state?.version === agreementDigestVersion ? latest.state : await this.digest(agreementId);
        if (digest) await this.noteDigest(agreementId, latest.revision, digest);
        return digest;
      }),
    );
  }

  /** Revisions whose digest says something falls due by `now`, soonest first (the index on `state.nextDueAt`). */
  async dueBy(now: string, limit: number): Promise<DueRevision[]> {
    await this.ready();
    const documents = await this.log
      .find({ 'state.nextDueAt': { $lte: now } }, { projection: { aggregateId: 1, revision: 1 } })
      .sort({ 'state.nextDueAt': 1 })
      .limit(limit)
      .toArray();
    return documents.map(({ aggregateId, revision }) => ({
      aggregateId: aggregateId as string,
      revision: revision as number,
    }));
  }

  /** Drops a superseded revision's due time from the sweep's index (idempotent: a lost race only means one more visit). */
  async clearDue(aggregateId: string, revision: number): Promise<void> {
    requireText(aggregateId, 'aggregateId');
    await this.log.updateOne({ _id: revisionId(aggregateId, revision) } as never, {
      $set: { 'state.nextDueAt': null },
    });
  }
}
