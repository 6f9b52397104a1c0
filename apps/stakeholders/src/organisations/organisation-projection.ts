import { Logger } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { OrganisationSummary } from '@mitra/contracts';
import { organisationIdentity, organisationSortKey } from '@mitra/domain';
import type { LatestRevision } from '@mitra/platform';
import { operator } from '../common/mongo';
import { organisationClaimKey } from './organisation-claim';
import { dropEmpty, inputOf, revisionEvent, type OrganisationChange, type OrganisationStore } from './organisation-revisions';
import type { OrganisationSearchIndex } from './organisation-search-index';
import type { OrganisationRecord } from './organisation.schema';

type StoredOrganisation = OrganisationRecord & { _id: { toString(): string } };

/** How often one projection goes round when other writers keep adding revisions. */
const projectionAttempts = 10;

/** The fields of the current-state document that revision `revision` sets. */
export function stateOf(revision: number, change: OrganisationChange) {
  const input = inputOf(change.organisation);
  const identity = organisationIdentity(input);
  return {
    ...input,
    sortName: organisationSortKey(input.name),
    nameKey: identity.nameKey,
    regionKeys: identity.regionKeys,
    acknowledgedDuplicateOf: change.acknowledgedDuplicateOf,
    version: revision,
    updatedAt: change.at,
    updatedBy: change.by,
  };
}

export function toSummary(record: Pick<StoredOrganisation, '_id' | 'name' | 'sector' | 'region'>): OrganisationSummary {
  return { id: record._id.toString(), name: record.name, sector: record.sector, region: dropEmpty({ ...record.region }) };
}

/**
 * Keeps each organisation's read model in step with its revision log.
 *
 * The log (`organisation_revisions`, a `RevisionStore`) is the truth: a command appends revision n+1
 * with its event, and the unique (organisation, revision) index decides every race. An organisation's
 * current state must still be found through indexes (lists, search, duplicate checks, the unique
 * claim of its normalised name + region), so each organisation also has ONE current-state document in
 * `organisations` and its search keys in `organisation_search`. Without transactions those are
 * written after the revision, by `project`:
 *
 * - it always projects the NEWEST revision it reads from the log, never "its own": a writer that
 *   finishes late writes the newest state, not a stale one;
 * - the document is updated only where its `version` is below that revision (`{version: {$lt: n}}`):
 *   on MongoDB a stale writer can therefore never overwrite a newer state. FerretDB v1 replaces the
 *   document it read without re-checking the filter, so there a late writer may put back what it
 *   read; every projection reads the log and the document again after writing and goes round until
 *   they agree, so the writer that writes last has seen the newest revision and leaves it;
 * - the claim follows the newest revision's name + region (taken where free, else left to the
 *   duplicate report), then the search keys of that revision are written and older ones removed;
 * - a projection that stops half-way (a crash) is finished later: every revision carries an event,
 *   and `OrganisationEvents` projects an organisation before publishing its pending events, which it
 *   does after every command and in the sweep at start-up and every 30 s; a registration stopped
 *   between its insert and its first revision is found by `projected: false` at start-up, and `get`
 *   catches a record up from the log whenever it trails it.
 *
 * A registration inserts the document first, with the claim and the create key: the unique indexes on
 * both decide a race in that one insert (commit 0c72d25). Its revision 1 follows.
 */
export class OrganisationProjection {
  private readonly logger = new Logger(OrganisationProjection.name);

  constructor(
    private readonly model: Model<OrganisationRecord>,
    private readonly store: OrganisationStore,
    private readonly search: OrganisationSearchIndex,
  ) {}

  /**
   * Brings the document, its claim and its search keys to the newest revision. A document without any
   * revision is a registration that stopped before its first: its revision 1 is written from it.
   * `reindex` writes the search keys even when the document says they are in place (the sweep, for a
   * revision whose event is still pending, may meet a projection that stopped after its flag).
   */
  async project(id: string, options: { reindex?: boolean } = {}): Promise<void> {
    const heldElsewhere = new Set<string>();
    let reindex = options.reindex === true;
    for (let attempt = 0; attempt < projectionAttempts; attempt++) {
      const [newest, current] = await Promise.all([
        this.store.latest(id),
        this.model.findById(id).select('version identityClaim projected').lean<StoredOrganisation>().exec(),
      ]);
      if (!current) return;
      if (!newest) {
        await this.logRegistration(id);
        continue;
      }
      let wrote = false;
      // Not projected (a projection under way or stopped, a registration, a record of the previous
      // layout): the state is derived again even at the same version, the derived fields may be of an
      // older kind. `projected: false` goes in the same write, so a stop before the keys is seen.
      const projected = current.projected === true;
      const behind = current.version < newest.revision || !projected;
      if (behind) {
        const older = projected ? { $lt: newest.revision } : { $lte: newest.revision };
        await this.model
          .updateOne({ _id: id, version: operator(older) }, { $set: { ...stateOf(newest.revision, newest.change), projected: false } })
          .exec();
        wrote = true;
      }
      if (current.version > newest.revision) this.logger.warn(`organisation ${id} shows version ${current.version}, its log ends at ${newest.revision}`);
      wrote = (await this.settleClaim(id, newest, current.identityClaim ?? undefined, heldElsewhere)) || wrote;
      if (behind || reindex) {
        await this.search.index(id, newest.revision, newest.change.organisation);
        await this.model.updateOne({ _id: id, version: newest.revision }, { $set: { projected: true } }).exec();
        reindex = false;
      }
      if (!wrote) return;
    }
    this.logger.warn(`organisation ${id}: revisions kept arriving while projecting; the next write or sweep catches up`);
  }

  /** Projects when the document trails its log (one indexed read of each when it does not). */
  async catchUp(id: string, shownVersion: number): Promise<boolean> {
    const newest = await this.store.latest(id);
    if (!newest || newest.revision === shownVersion) return false;
    await this.project(id);
    return true;
  }

  /** Writes revision 1 of a registration from its document (a create that stopped after its insert). */
  async logRegistration(id: string): Promise<void> {
    const record = await this.model.findById(id).lean<StoredOrganisation>().exec();
    if (!record) return;
    const change: OrganisationChange = {
      organisation: inputOf(record),
      acknowledgedDuplicateOf: record.acknowledgedDuplicateOf ?? [],
      at: record.createdAt,
      by: record.createdBy,
    };
    await this.store.append(id, 0, change, [revisionEvent(id, 1, change)], { idempotencyKey: record.idempotencyKey, inputHash: record.inputHash });
  }

  /**
   * Moves the claim to the newest revision's key (or lets go of it when another record holds that
   * key). True when it wrote.
   */
  private async settleClaim(id: string, newest: LatestRevision<OrganisationChange, never>, held: string | undefined, heldElsewhere: Set<string>): Promise<boolean> {
    const claim = organisationClaimKey(inputOf(newest.change.organisation));
    if (held === claim) return false;
    if (!heldElsewhere.has(claim) && (await this.takeClaim(id, claim)) !== undefined) heldElsewhere.add(claim);
    if (!heldElsewhere.has(claim)) return true;
    if (held === undefined) return false;
    await this.releaseClaim(id, held);
    return true;
  }

  /** The record holding a claim. */
  async claimHolder(claim: string): Promise<OrganisationSummary | undefined> {
    const record = await this.model.findOne({ identityClaim: claim }).select('name sector region').lean<StoredOrganisation>().exec();
    return record ? toSummary(record) : undefined;
  }

  /**
   * Makes this record hold `claim` (letting go of the one it held, in the same write), unless another
   * record holds it: then answers that record and changes nothing.
   */
  async takeClaim(id: string, claim: string, options: { known?: 'free' } = {}): Promise<OrganisationSummary | undefined> {
    const holder = options.known === 'free' ? undefined : await this.claimHolder(claim);
    if (holder) return holder.id === id ? undefined : holder;
    try {
      await this.model.updateOne({ _id: id }, { $set: { identityClaim: claim } }).exec();
      return undefined;
    } catch (error) {
      // Taken since the read. MongoDB refuses the update with a duplicate key error, FerretDB v1 with
      // an internal error naming the index: rather than tell them apart, read who holds the claim now.
      const raced = await this.claimHolder(claim);
      if (raced && raced.id !== id) return raced;
      throw error;
    }
  }

  async releaseClaim(id: string, claim: string): Promise<void> {
    await this.model.updateOne({ _id: id, identityClaim: claim }, { $unset: { identityClaim: 1 } }).exec();
  }
}
