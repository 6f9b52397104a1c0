import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Types, type Connection, type FilterQuery, type Model } from 'mongoose';
import type {
  Actor,
  Organisation,
  OrganisationFilter,
  OrganisationInput,
  OrganisationSummary,
  OrganisationTotal,
  OrganisationVersion,
} from '@mitra/contracts';
import {
  matchesSearchPlan,
  organisationIdentity,
  organisationSearchKeys,
  organisationSearchPlan,
  type IdentifiedOrganisation,
} from '@mitra/domain';
import type { Revision } from '@mitra/platform';
import { isDuplicateKeyError, operator } from '../common/mongo';
import { encodeCursor, type CursorPosition } from '../common/page-cursor';
import { conflict } from '../common/service-errors';
import { organisationClaimKey } from './organisation-claim';
import { OrganisationProjection, stateOf, toSummary } from './organisation-projection';
import {
  createOrganisationStore,
  inputOf,
  revisionEvent,
  type OrganisationChange,
  type OrganisationStore,
} from './organisation-revisions';
import { OrganisationSearchIndex } from './organisation-search-index';
import { OrganisationRecord } from './organisation.schema';

type StoredOrganisation = OrganisationRecord & { _id: { toString(): string } };

/** What reads return: the record without the create command's key and hash. */
const publicFields = '-inputHash -idempotencyKey -identityClaim -projected';
/** How often a registration tries again when the record holding its claim let go of it meanwhile. */
const claimAttempts = 3;

function toOrganisation(record: StoredOrganisation): Organisation {
  const createdAt = record.createdAt.toISOString();
  return {
    id: record._id.toString(),
    ...inputOf(record),
    version: record.version ?? 1,
    createdAt,
    createdBy: record.createdBy,
    updatedAt: record.updatedAt?.toISOString() ?? createdAt,
    updatedBy: record.updatedBy ?? record.createdBy,
  };
}

/** The organisation as revision `revision` wrote it. */
function organisationAt(
  id: string,
  revision: Revision<OrganisationChange>,
  created: Pick<OrganisationRecord, 'createdAt' | 'createdBy'>,
): Organisation {
  return {
    id,
    ...inputOf(revision.change.organisation),
    version: revision.revision,
    createdAt: created.createdAt.toISOString(),
    createdBy: created.createdBy,
    updatedAt: revision.change.at.toISOString(),
    updatedBy: revision.change.by,
  };
}

/** A revision as the contract's version of an organisation. */
export interface LatestVersion extends OrganisationInput {
  version: number;
  acknowledgedDuplicateOf: string[];
}

export interface VersionWrite {
  input: OrganisationInput;
  by: string;
  at: Date;
  idempotencyKey: string;
  inputHash: string;
  acknowledgedDuplicateOf: string[];
  actor?: Actor;
  /** The version this one replaces, so its event can say what changed. */
  previous?: OrganisationInput;
}

/** A version as a command wrote it: what a repeat of that command is answered with. */
export interface WrittenVersion {
  organisation: Organisation;
  inputHash: string;
  acknowledgedDuplicateOf: string[];
}

/** Another organisation holds the normalised name + region this write needed: nothing was written. */
export interface ClaimedElsewhere {
  claimedBy: OrganisationSummary;
}

export interface OrganisationPageResult {
  items: Organisation[];
  total: OrganisationTotal;
  nextCursor: string | null;
}

/**
 * Organisations as a revision log (the truth, `RevisionStore`) and a read model projected from it:
 * one current-state document per organisation and its search keys (see `OrganisationProjection` for
 * how they follow the log without transactions, and `OrganisationSearchIndex` for how search reads).
 *
 * The normalised name + region is claimed on the current-state document itself (`identityClaim`,
 * unique), not in a collection of its own: FerretDB v1 has no transactions, so a claim written apart
 * from its organisation could be left behind by a crash between the two writes, blocking the name
 * for a record that never came, or the organisation could exist without its claim. As a field of
 * the document it is inserted in the same write as the organisation, and a rename moves it in one
 * update of that document, which releases the old key and takes the new one at once. The unique
 * index is the only arbiter; neither FerretDB's `updateOne` (not a compare-and-set) nor the
 * duplicate check (a read) can decide a race.
 */
@Injectable()
export class OrganisationsRepository implements OnModuleInit {
  readonly store: OrganisationStore;
  readonly search: OrganisationSearchIndex;
  readonly projection: OrganisationProjection;
  private ready?: Promise<void>;

  constructor(
    @InjectModel(OrganisationRecord.name) readonly model: Model<OrganisationRecord>,
    @InjectConnection() connection: Connection,
  ) {
    this.store = createOrganisationStore(connection);
    this.search = new OrganisationSearchIndex(connection);
    this.projection = new OrganisationProjection(model, this.store, this.search);
  }

  /** The indexes, before anything is claimed or written (here, by a command or by the migration). */
  onModuleInit(): Promise<void> {
    this.ready ??= Promise.all([this.model.init(), this.store.ready(), this.search.ready()]).then(
      () => undefined,
    );
    return this.ready;
  }

  async findById(id: string): Promise<Organisation | undefined> {
    const record = await this.model.findById(id).select(publicFields).lean<StoredOrganisation>().exec();
    return record ? toOrganisation(record) : undefined;
  }

  /** The organisation as its newest revision says, catching the read model up when it trails the log. */
  async findCurrent(id: string): Promise<Organisation | undefined> {
    const record = await this.model.findById(id).select(publicFields).lean<StoredOrganisation>().exec();
    if (!record) return undefined;
    return (await this.projection.catchUp(id, record.version)) ? this.findById(id) : toOrganisation(record);
  }

  async findManyByIds(ids: readonly string[]): Promise<Map<string, Organisation>> {
    if (ids.length === 0) return new Map();
    const records = await this.model
      .find({ _id: operator({ $in: [...ids] }) })
      .select(publicFields)
      .lean<StoredOrganisation[]>()
      .exec();
    return new Map(records.map((record) => [record._id.toString(), toOrganisation(record)]));
  }

  /** The organisation a create command registered, as it answered then. */
  async findByIdempotencyKey(
    idempotencyKey: string,
  ): Promise<{ organisation: Organisation; inputHash: string } | undefined> {
    const record = await this.model
      .findOne({ idempotencyKey })
      .select('createdAt createdBy inputHash projected version')
      .lean<StoredOrganisation>()
      .exec();
    if (!record) return undefined;
    const id = record._id.toString();
    // A create that stopped between its insert and its revision is completed by its repeat.
    if (record.projected !== true) await this.projection.project(id);
    const first = await this.store.byIdempotencyKey(id, idempotencyKey);
    if (!first) return undefined;
    return { organisation: organisationAt(id, first, record), inputHash: record.inputHash };
  }

  async versions(id: string): Promise<OrganisationVersion[]> {
    return (await this.store.history(id)).map((revision) => ({
      ...inputOf(revision.change.organisation),
      version: revision.revision,
      at: revision.change.at.toISOString(),
      by: revision.change.by,
    }));
  }

  /** The newest revision, which the current-state document may trail while a write is under way. */
  async latestVersion(id: string): Promise<LatestVersion | undefined> {
    const latest = await this.store.latest(id);
    if (!latest) return undefined;
    return {
      ...inputOf(latest.change.organisation),
      version: latest.revision,
      acknowledgedDuplicateOf: latest.change.acknowledgedDuplicateOf,
    };
  }

  /** The version a command wrote, as it answered then. */
  async writtenBy(id: string, idempotencyKey: string): Promise<WrittenVersion | undefined> {
    const [revision, current] = await Promise.all([
      this.store.byIdempotencyKey(id, idempotencyKey),
      this.model.findById(id).select('createdAt createdBy').lean<StoredOrganisation>().exec(),
    ]);
    if (!revision || !current) return undefined;
    return {
      organisation: organisationAt(id, revision, current),
      inputHash: revision.inputHash,
      acknowledgedDuplicateOf: revision.change.acknowledgedDuplicateOf,
    };
  }

  /**
   * Registered organisations that are likely the one described: the same name key in the same
   * province, and the same regency unless one of the two leaves it out.
   */
  async findLikelyDuplicates(
    input: OrganisationInput,
    options: { excludeId?: string; limit: number },
  ): Promise<OrganisationSummary[]> {
    const { nameKey, regionKeys } = organisationIdentity(input);
    const filter: FilterQuery<OrganisationRecord> = { nameKey, 'regionKeys.province': regionKeys.province };
    if (regionKeys.regency) filter['regionKeys.regency'] = operator({ $in: [regionKeys.regency, ''] });
    if (options.excludeId) filter._id = operator({ $ne: options.excludeId });
    const records = await this.model
      .find(filter)
      .select('name sector region')
      .sort({ _id: 1 })
      .limit(options.limit)
      .lean<StoredOrganisation[]>()
      .exec();
    return records.map(toSummary);
  }

  /**
   * Registers once per key and once per normalised name + region: the unique indexes on the create
   * key and on the claim decide a race, in the one insert of the current-state document. Answers the
   * record that holds the key, which may be an earlier one, or the record holding the claim. An
   * acknowledged duplicate whose claim is held registers without one. Revision 1, with the
   * `registered` event, follows the insert.
   */
  async create(
    write: VersionWrite,
    options: { acknowledgeDuplicate: boolean },
  ): Promise<{ organisation: Organisation; inputHash: string } | ClaimedElsewhere> {
    const { by, at, idempotencyKey, inputHash } = write;
    const id = new Types.ObjectId();
    const claim = organisationClaimKey(write.input);
    let acknowledgedDuplicateOf = write.acknowledgedDuplicateOf;
    let claiming = true;
    for (let attempt = 0; attempt < claimAttempts; attempt++) {
      const change: OrganisationChange = {
        organisation: inputOf(write.input),
        acknowledgedDuplicateOf,
        at,
        by,
      };
      try {
        await this.model.create({
          _id: id,
          ...stateOf(1, change),
          ...(claiming ? { identityClaim: claim } : {}),
          projected: false,
          createdAt: at,
          createdBy: by,
          idempotencyKey,
          inputHash,
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // This command's key first: a concurrent repeat of this command holds the claim too, and is the answer.
        const existing = await this.findByIdempotencyKey(idempotencyKey);
        if (existing) return existing;
        if (!claiming) throw error;
        const holder = await this.projection.claimHolder(claim);
        // None: the holder was renamed between our insert and this read, so the claim is free again.
        if (!holder) continue;
        if (!options.acknowledgeDuplicate) return { claimedBy: holder };
        claiming = false;
        acknowledgedDuplicateOf = [...new Set([...acknowledgedDuplicateOf, holder.id])];
        continue;
      }
      const appended = await this.store.append(
        id.toString(),
        0,
        change,
        [revisionEvent(id.toString(), 1, change, undefined, write.actor)],
        { idempotencyKey, inputHash },
      );
      // `replayed`: a concurrent repeat of this command found the record without its revision and wrote it first.
      if (appended.status === 'conflict')
        throw new Error(`revision 1 of the new organisation ${id.toString()} was taken by another command`);
      await this.projection.project(id.toString());
      return {
        organisation: organisationAt(id.toString(), appended.revision, { createdAt: at, createdBy: by }),
        inputHash,
      };
    }
    throw conflict(
      'stakeholders.registration_contested',
      undefined,
      'The name and region of this organisation kept changing hands while it was registered: send it again.',
    );
  }

  /**
   * Appends revision `version` for this command; undefined when that revision or this command's key
   * is already taken for the organisation (the caller tells a repeat from a lost race).
   *
   * A rename (another normalised name + region) first moves the organisation's claim to the new key,
   * so that a rename into a key another record holds is refused before anything is written (or, when
   * acknowledged, goes through without a claim). Should the revision then be lost to a concurrent
   * edit, or the process stop before writing it, the claim names a revision that does not exist; the
   * projection moves it back to the newest revision's key (after every write of this organisation,
   * this one included, and whenever the organisation is projected again).
   */
  async appendVersion(
    id: string,
    version: number,
    write: VersionWrite,
    options: { acknowledgeDuplicate: boolean },
  ): Promise<{ organisation: Organisation } | ClaimedElsewhere | undefined> {
    const claim = organisationClaimKey(write.input);
    let acknowledgedDuplicateOf = write.acknowledgedDuplicateOf;
    if (!write.previous || organisationClaimKey(write.previous) !== claim) {
      const holder = await this.projection.takeClaim(id, claim);
      if (holder && !options.acknowledgeDuplicate) return { claimedBy: holder };
      if (holder) acknowledgedDuplicateOf = [...new Set([...acknowledgedDuplicateOf, holder.id])];
    }
    const change: OrganisationChange = {
      organisation: inputOf(write.input),
      acknowledgedDuplicateOf,
      at: write.at,
      by: write.by,
    };
    const event = revisionEvent(id, version, change, write.previous, write.actor);
    const appended = await this.store.append(id, version - 1, change, [event], {
      idempotencyKey: write.idempotencyKey,
      inputHash: write.inputHash,
    });
    await this.projection.project(id);
    if (appended.status !== 'appended') return undefined;
    const current = await this.model
      .findById(id)
      .select('createdAt createdBy')
      .lean<StoredOrganisation>()
      .exec();
    return current ? { organisation: organisationAt(id, appended.revision, current) } : undefined;
  }

  /**
   * A page of the organisations matching the filter, in name order, each read through an index (see
   * `OrganisationSearchIndex`): `limit + 1` keys tell whether another page follows; no count.
   */
  async list(
    filter: OrganisationFilter,
    limit: number,
    after?: CursorPosition,
  ): Promise<OrganisationPageResult> {
    const plan = organisationSearchPlan(filter);
    const shownBefore = after?.shown ?? 0;
    let rows: Array<{ id: string; sortKey: string }>;
    let items: StoredOrganisation[];
    switch (plan.kind) {
      case 'nothing':
        return { items: [], total: { count: shownBefore, exact: true }, nextCursor: null };
      case 'all': {
        const page: FilterQuery<OrganisationRecord> = after
          ? {
              $or: [
                { sortName: operator({ $gt: after.sortKey }) },
                { sortName: after.sortKey, _id: operator({ $gt: after.id }) },
              ],
            }
          : {};
        const records = await this.model
          .find(page)
          .select(publicFields)
          .sort({ sortName: 1, _id: 1 })
          .limit(limit + 1)
          .lean<StoredOrganisation[]>()
          .exec();
        rows = records.map((record) => ({ id: record._id.toString(), sortKey: record.sortName }));
        items = records.slice(0, limit);
        break;
      }
      case 'tokens': {
        const hits = await this.search.page(plan, limit + 1, after);
        rows = hits;
        const shown = hits.slice(0, limit);
        const records = await this.model
          .find({ _id: operator({ $in: shown.map((hit) => hit.id) }) })
          .select(publicFields)
          .lean<StoredOrganisation[]>()
          .exec();
        const byId = new Map(records.map((record) => [record._id.toString(), record]));
        // A key of another version than the record's (a projection under way): the record itself decides.
        items = shown.flatMap((hit) => {
          const record = byId.get(hit.id);
          if (!record) return [];
          return record.version === hit.version || matchesSearchPlan(plan, organisationSearchKeys(record))
            ? [record]
            : [];
        });
        break;
      }
    }
    const shown = shownBefore + items.length;
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items: items.map(toOrganisation),
      total: { count: shown, exact: last === undefined },
      nextCursor: last ? encodeCursor({ sortKey: last.sortKey, id: last.id, shown }) : null,
    };
  }

  /** Name keys and regions of every organisation, for the duplicate report. */
  async identities(): Promise<IdentifiedOrganisation[]> {
    const records = await this.model
      .find({})
      .select('nameKey regionKeys acknowledgedDuplicateOf')
      .lean<StoredOrganisation[]>()
      .exec();
    return records.map((record) => ({
      id: record._id.toString(),
      nameKey: record.nameKey,
      regionKeys: record.regionKeys,
      acknowledgedDuplicateOf: record.acknowledgedDuplicateOf ?? [],
    }));
  }

  async summaries(ids: readonly string[]): Promise<Map<string, OrganisationSummary>> {
    const organisations = await this.findManyByIds(ids);
    return new Map(
      [...organisations].map(([id, { name, sector, region }]) => [id, { id, name, sector, region }]),
    );
  }
}
