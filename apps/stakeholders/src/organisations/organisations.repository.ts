import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type FilterQuery, type Model } from 'mongoose';
import type {
  Actor,
  DomainEvent,
  Organisation,
  OrganisationFilter,
  OrganisationInput,
  OrganisationSummary,
  OrganisationVersion,
} from '@mitra/contracts';
import { organisationEvent, organisationIdentity, regionNameKey, type IdentifiedOrganisation } from '@mitra/domain';
import { escapeRegex, isDuplicateKeyError, operator } from '../common/mongo';
import { encodeCursor, type CursorPosition } from '../common/page-cursor';
import { conflict } from '../common/service-errors';
import { claimsToSettle, organisationClaimKey } from './organisation-claim';
import { OrganisationOutboxRecord, OrganisationRecord, OrganisationVersionRecord } from './organisation.schema';

type Stored<T> = T & { _id: { toString(): string } };
type StoredOrganisation = Stored<OrganisationRecord>;

/** What reads return: the record without the create command's key and hash. */
const publicFields = '-inputHash -idempotencyKey -identityClaim';
/** How often a write re-projects the newest version when others keep writing newer ones. */
const projectionAttempts = 10;
/** How often a registration tries again when the record holding its claim let go of it meanwhile. */
const claimAttempts = 3;

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

function inputOf(record: OrganisationInput): OrganisationInput {
  return {
    name: record.name,
    sector: record.sector,
    region: dropEmpty({ ...record.region }),
    contacts: (record.contacts ?? []).map((contact) => dropEmpty({ ...contact })),
    resources: (record.resources ?? []).map((resource) => dropEmpty({ ...resource })),
    vulnerableGroups: [...(record.vulnerableGroups ?? [])],
  };
}

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

function toSummary(record: StoredOrganisation): OrganisationSummary {
  return { id: record._id.toString(), name: record.name, sector: record.sector, region: dropEmpty({ ...record.region }) };
}

function toVersion(record: OrganisationVersionRecord): OrganisationVersion {
  return { ...inputOf(record), version: record.version, at: record.at.toISOString(), by: record.by };
}

/** The current-state document of a version: its input and the keys derived from it. */
function projectionOf(version: OrganisationVersionRecord) {
  const input = inputOf(version);
  const identity = organisationIdentity(input);
  return {
    ...input,
    resourceKinds: input.resources.map((resource) => resource.kind),
    sortName: input.name.toLocaleLowerCase('id'),
    nameKey: identity.nameKey,
    regionKeys: identity.regionKeys,
    acknowledgedDuplicateOf: version.acknowledgedDuplicateOf,
    version: version.version,
    updatedAt: version.at,
    updatedBy: version.by,
  };
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

/** The events of a version just written, and the outbox marker to remove once they are published. */
export interface PendingEvents {
  markerId: string;
  events: DomainEvent[];
}

type VersionFields = Omit<OrganisationVersionRecord, 'organisationId' | 'version'>;

function versionFields(organisationId: string, version: number, write: VersionWrite): VersionFields {
  const { input, at, by, idempotencyKey, inputHash, acknowledgedDuplicateOf } = write;
  const previous = write.previous ? inputOf(write.previous) : undefined;
  const event = organisationEvent({ organisationId, version, organisation: inputOf(input), previous, at: at.toISOString(), by, actor: write.actor });
  return { ...input, acknowledgedDuplicateOf, at, by, idempotencyKey, inputHash, events: [event] };
}

/** A marker younger than this belongs to a write still under way, which publishes its own events. */
const inFlightMs = 30_000;
/** How long an outbox marker without its version may be a write still under way. */
const unwrittenMarkerGraceMs = 2 * 60_000;

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
  total: number;
  nextCursor: string | null;
}

/**
 * Organisations as two collections: the versions, whose unique indexes decide every race, and the
 * current state, a projection of the newest version that lists and reads use.
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
  private readonly logger = new Logger(OrganisationsRepository.name);

  constructor(
    @InjectModel(OrganisationRecord.name) private readonly model: Model<OrganisationRecord>,
    @InjectModel(OrganisationVersionRecord.name) private readonly versionModel: Model<OrganisationVersionRecord>,
    @InjectModel(OrganisationOutboxRecord.name) private readonly outboxModel: Model<OrganisationOutboxRecord>,
  ) {}

  /** Records from before versions, search keys and claims existed get them once, at start-up. */
  async onModuleInit(): Promise<void> {
    // The unique claim index must exist before anything is claimed, here or by a command.
    await this.model.init();
    const legacy = await this.model.find({ nameKey: operator({ $exists: false }) }).lean<StoredOrganisation[]>().exec();
    for (const record of legacy) {
      const at = record.createdAt ?? new Date();
      const first = { ...inputOf(record), acknowledgedDuplicateOf: [], at, by: record.createdBy, idempotencyKey: record.idempotencyKey, inputHash: record.inputHash, events: [] };
      const version = (await this.claimVersion(record._id.toString(), 1, first)) ?? (await this.latestVersion(record._id.toString()));
      if (version) await this.model.updateOne({ _id: record._id }, { $set: { ...projectionOf(version), createdAt: at } }).exec();
    }
    if (legacy.length > 0) this.logger.log(`gave ${legacy.length} earlier organisation records their version and search keys`);
    await this.settleClaims();
  }

  /**
   * Gives every record the claim of its name and region where no other holds it, and moves a claim
   * left on a name its record no longer has (a rename that stopped after moving it). Idempotent, and
   * safe beside a running replica: every step is decided by the unique index again. Two records that
   * already collide both stay; the older holds the claim and the duplicate report lists the pair.
   */
  async settleClaims(): Promise<void> {
    const records = await this.model.find({}).select('name region identityClaim').lean<StoredOrganisation[]>().exec();
    const steps = claimsToSettle(records.map((record) => ({ id: record._id.toString(), key: organisationClaimKey(record), claim: record.identityClaim })));
    let [taken, left] = [0, 0];
    for (const step of steps) {
      // The plan already knows the claims held: skip the read, which FerretDB v1 answers by a scan.
      const holder = step.take ? await this.takeClaim(step.id, step.take, { known: 'free' }) : undefined;
      if (step.take && !holder) taken++;
      else if (step.release) await this.releaseClaim(step.id, step.release);
      if (holder) left++;
    }
    if (steps.length > 0) {
      this.logger.log(`settled organisation claims: ${taken} taken, ${left} left to the duplicate report as their key is held by another record`);
    }
  }

  async findById(id: string): Promise<Organisation | undefined> {
    const record = await this.model.findById(id).select(publicFields).lean<StoredOrganisation>().exec();
    return record ? toOrganisation(record) : undefined;
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

  async findByIdempotencyKey(idempotencyKey: string): Promise<{ organisation: Organisation; inputHash: string } | undefined> {
    const record = await this.model.findOne({ idempotencyKey }).lean<StoredOrganisation>().exec();
    if (!record) return undefined;
    // A create that stopped between its two writes is completed by its repeat.
    if (record.version === 1) await this.ensureFirstVersion(record);
    return { organisation: toOrganisation(record), inputHash: record.inputHash };
  }

  async versions(id: string): Promise<OrganisationVersion[]> {
    const records = await this.versionModel.find({ organisationId: id }).sort({ version: 1 }).lean<OrganisationVersionRecord[]>().exec();
    return records.map(toVersion);
  }

  /** The newest version written, which the current-state document may trail while a write is under way. */
  async latestVersion(id: string): Promise<OrganisationVersionRecord | undefined> {
    const record = await this.versionModel.findOne({ organisationId: id }).sort({ version: -1 }).lean<OrganisationVersionRecord>().exec();
    return record ?? undefined;
  }

  /** The version a command wrote, as it answered then. */
  async writtenBy(id: string, idempotencyKey: string): Promise<WrittenVersion | undefined> {
    const [version, current] = await Promise.all([
      this.versionModel.findOne({ organisationId: id, idempotencyKey }).lean<OrganisationVersionRecord>().exec(),
      this.model.findById(id).select('createdAt createdBy').lean<StoredOrganisation>().exec(),
    ]);
    if (!version || !current) return undefined;
    return {
      organisation: {
        id,
        ...inputOf(version),
        version: version.version,
        createdAt: current.createdAt.toISOString(),
        createdBy: current.createdBy,
        updatedAt: version.at.toISOString(),
        updatedBy: version.by,
      },
      inputHash: version.inputHash,
      acknowledgedDuplicateOf: version.acknowledgedDuplicateOf,
    };
  }

  /**
   * Registered organisations that are likely the one described: the same name key in the same
   * province, and the same regency unless one of the two leaves it out.
   */
  async findLikelyDuplicates(input: OrganisationInput, options: { excludeId?: string; limit: number }): Promise<OrganisationSummary[]> {
    const { nameKey, regionKeys } = organisationIdentity(input);
    const filter: FilterQuery<OrganisationRecord> = { nameKey, 'regionKeys.province': regionKeys.province };
    if (regionKeys.regency) filter['regionKeys.regency'] = operator({ $in: [regionKeys.regency, ''] });
    if (options.excludeId) filter._id = operator({ $ne: options.excludeId });
    const records = await this.model.find(filter).select('name sector region').sort({ _id: 1 }).limit(options.limit).lean<StoredOrganisation[]>().exec();
    return records.map(toSummary);
  }

  /**
   * Registers once per key and once per normalised name + region: the unique indexes on the create
   * key and on the claim decide a race, in the one insert. Answers the record that holds the key,
   * which may be an earlier one, or the record holding the claim. An acknowledged duplicate whose
   * claim is held registers without one.
   */
  async create(write: VersionWrite, options: { acknowledgeDuplicate: boolean }): Promise<{ organisation: Organisation; inputHash: string; pending?: PendingEvents } | ClaimedElsewhere> {
    const { by, at, idempotencyKey, inputHash } = write;
    const id = new Types.ObjectId();
    const claim = organisationClaimKey(write.input);
    const markerId = await this.markPending(id.toString(), 1, idempotencyKey);
    let acknowledgedDuplicateOf = write.acknowledgedDuplicateOf;
    let claiming = true;
    for (let attempt = 0; attempt < claimAttempts; attempt++) {
      const fields = versionFields(id.toString(), 1, { ...write, acknowledgedDuplicateOf });
      const identity = claiming ? { identityClaim: claim } : {};
      try {
        const created = await this.model.create({ _id: id, ...projectionOf({ organisationId: id.toString(), version: 1, ...fields }), ...identity, createdAt: at, createdBy: by, idempotencyKey, inputHash });
        await this.claimVersion(id.toString(), 1, fields);
        return { organisation: toOrganisation(created.toObject() as StoredOrganisation), inputHash, pending: { markerId, events: fields.events } };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // This command's key first: a concurrent repeat of this command holds the claim too, and is the answer.
        const existing = await this.findByIdempotencyKey(idempotencyKey);
        if (existing) {
          await this.clearPending(markerId);
          return existing;
        }
        if (!claiming) throw error;
        const holder = await this.claimHolder(claim);
        // None: the holder was renamed between our insert and this read, so the claim is free again.
        if (!holder) continue;
        if (!options.acknowledgeDuplicate) {
          await this.clearPending(markerId);
          return { claimedBy: holder };
        }
        claiming = false;
        acknowledgedDuplicateOf = [...new Set([...acknowledgedDuplicateOf, holder.id])];
      }
    }
    await this.clearPending(markerId);
    throw conflict('The name and region of this organisation kept changing hands while it was registered: send it again.');
  }

  /**
   * Claims version `version` for this command; undefined when that version or this command's key is
   * already taken for the organisation. The claimant then projects the newest version.
   *
   * A rename (another normalised name + region) first moves the organisation's claim to the new key,
   * so that a rename into a key another record holds is refused before anything is written (or, when
   * acknowledged, goes through without a claim). Should the version then be lost to a concurrent
   * edit, or the process stop before writing it, the claim names a version that does not exist; it
   * is moved back to the newest version's key by `settle` (after every write of this organisation,
   * this one's retry included) and by `settleClaims` at start-up.
   */
  async appendVersion(
    id: string,
    version: number,
    write: VersionWrite,
    options: { acknowledgeDuplicate: boolean },
  ): Promise<{ organisation: Organisation; pending: PendingEvents } | ClaimedElsewhere | undefined> {
    const claim = organisationClaimKey(write.input);
    let acknowledgedDuplicateOf = write.acknowledgedDuplicateOf;
    if (!write.previous || organisationClaimKey(write.previous) !== claim) {
      const holder = await this.takeClaim(id, claim);
      if (holder && !options.acknowledgeDuplicate) return { claimedBy: holder };
      if (holder) acknowledgedDuplicateOf = [...new Set([...acknowledgedDuplicateOf, holder.id])];
    }
    const fields = versionFields(id, version, { ...write, acknowledgedDuplicateOf });
    const markerId = await this.markPending(id, version, write.idempotencyKey);
    const claimed = await this.claimVersion(id, version, fields);
    if (!claimed) {
      await this.clearPending(markerId);
      await this.settle(id);
      return undefined;
    }
    await this.settle(id);
    const written = await this.writtenBy(id, write.idempotencyKey);
    return written ? { organisation: written.organisation, pending: { markerId, events: fields.events } } : undefined;
  }

  async list(filter: OrganisationFilter, limit: number, after?: CursorPosition): Promise<OrganisationPageResult> {
    const query = this.filterQuery(filter);
    const page: FilterQuery<OrganisationRecord> = after
      ? {
          ...query,
          $or: [{ sortName: operator({ $gt: after.sortKey }) }, { sortName: after.sortKey, _id: operator({ $gt: after.id }) }],
        }
      : query;
    const [records, total] = await Promise.all([
      this.model
        .find(page)
        .select(publicFields)
        .sort({ sortName: 1, _id: 1 })
        .limit(limit + 1)
        .lean<StoredOrganisation[]>()
        .exec(),
      this.model.countDocuments(query).exec(),
    ]);
    const items = records.slice(0, limit);
    const last = records.length > limit ? items[items.length - 1] : undefined;
    return {
      items: items.map(toOrganisation),
      total,
      nextCursor: last ? encodeCursor({ sortKey: last.sortName, id: last._id.toString() }) : null,
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
    return new Map([...organisations].map(([id, { name, sector, region }]) => [id, { id, name, sector, region }]));
  }

  private async claimVersion(organisationId: string, version: number, fields: VersionFields): Promise<OrganisationVersionRecord | undefined> {
    try {
      const created = await this.versionModel.create({ organisationId, version, ...fields });
      return created.toObject();
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }

  /** Completes a create that stopped before its first version; the outbox sweep publishes its event. */
  private async ensureFirstVersion(record: StoredOrganisation): Promise<void> {
    const id = record._id.toString();
    if (await this.versionModel.exists({ organisationId: id, version: 1 })) return;
    const write: VersionWrite = {
      input: inputOf(record),
      acknowledgedDuplicateOf: record.acknowledgedDuplicateOf ?? [],
      at: record.createdAt,
      by: record.createdBy,
      idempotencyKey: record.idempotencyKey,
      inputHash: record.inputHash,
    };
    await this.markPending(id, 1, record.idempotencyKey);
    await this.claimVersion(id, 1, versionFields(id, 1, write));
  }

  // ------------------------------------------------------------------ outbox

  private async markPending(organisationId: string, version: number, idempotencyKey: string): Promise<string> {
    const marker = await this.outboxModel.create({ organisationId, version, idempotencyKey, at: new Date() });
    return marker._id.toString();
  }

  async clearPending(markerId: string): Promise<void> {
    await this.outboxModel.deleteOne({ _id: markerId }).exec();
  }

  /**
   * The events of every write left marked pending, oldest first; a marker whose version was never
   * written (a lost race, a crash before the insert) is dropped once it is old enough. Writes under
   * way are left to publish their own: finding a marker's version reads every version.
   */
  async pendingEvents(limit = 100): Promise<PendingEvents[]> {
    const settled = operator({ $lt: new Date(Date.now() - inFlightMs) });
    const markers = await this.outboxModel.find({ at: settled }).sort({ at: 1 }).limit(limit).lean<Stored<OrganisationOutboxRecord>[]>().exec();
    const pending: PendingEvents[] = [];
    for (const marker of markers) {
      const { organisationId, version, idempotencyKey } = marker;
      const written = await this.versionModel.findOne({ organisationId, version, idempotencyKey }).select('events').lean<OrganisationVersionRecord>().exec();
      if (written) pending.push({ markerId: marker._id.toString(), events: written.events ?? [] });
      else if (Date.now() - marker.at.getTime() > unwrittenMarkerGraceMs) await this.clearPending(marker._id.toString());
    }
    return pending;
  }

  /**
   * Sets the current-state document to the newest version and its claim to the newest version's
   * key (or none, when another record holds that key), again until a read finds both in place: the
   * write that finishes last has seen the newest version, so concurrent writers cannot leave an older
   * one in place. Both go through FerretDB's read-and-replace `updateOne`, so a concurrent writer of
   * this document may put back what it read; checking again after every write catches that.
   */
  private async settle(id: string): Promise<void> {
    const heldElsewhere = new Set<string>();
    for (let attempt = 0; attempt < projectionAttempts; attempt++) {
      const [newest, current] = await Promise.all([
        this.latestVersion(id),
        this.model.findById(id).select('version identityClaim').lean<StoredOrganisation>().exec(),
      ]);
      if (!newest || !current) return;
      let wrote = false;
      if (current.version !== newest.version) {
        await this.model.updateOne({ _id: id }, { $set: projectionOf(newest) }).exec();
        wrote = true;
      }
      const claim = organisationClaimKey(newest);
      const held = current.identityClaim ?? undefined;
      if (held !== claim) {
        if (!heldElsewhere.has(claim) && (await this.takeClaim(id, claim)) !== undefined) heldElsewhere.add(claim);
        if (!heldElsewhere.has(claim)) wrote = true;
        else if (held !== undefined) {
          await this.releaseClaim(id, held);
          wrote = true;
        }
      }
      if (!wrote) return;
    }
    this.logger.warn(`organisation ${id}: versions kept arriving while projecting; the next write will catch up`);
  }

  /** The record holding a claim. */
  private async claimHolder(claim: string): Promise<OrganisationSummary | undefined> {
    const record = await this.model.findOne({ identityClaim: claim }).select('name sector region').lean<StoredOrganisation>().exec();
    return record ? toSummary(record) : undefined;
  }

  /**
   * Makes this record hold `claim` (letting go of the one it held, in the same write), unless another
   * record holds it: then answers that record and changes nothing.
   */
  private async takeClaim(id: string, claim: string, options: { known?: 'free' } = {}): Promise<OrganisationSummary | undefined> {
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

  private async releaseClaim(id: string, claim: string): Promise<void> {
    await this.model.updateOne({ _id: id, identityClaim: claim }, { $unset: { identityClaim: 1 } }).exec();
  }

  /** The filter was validated against its contract; every operator here is the service's own. */
  private filterQuery(filter: OrganisationFilter): FilterQuery<OrganisationRecord> {
    const query: FilterQuery<OrganisationRecord> = {};
    if (filter.name) query.name = operator({ $regex: escapeRegex(filter.name), $options: 'i' });
    if (filter.sectors) query.sector = operator({ $in: filter.sectors });
    if (filter.region) {
      for (const level of ['province', 'regency', 'district', 'village'] as const) {
        const value = filter.region[level];
        if (value) query[`regionKeys.${level}`] = regionNameKey(value, level);
      }
    }
    if (filter.resources) query.resourceKinds = operator({ $all: filter.resources });
    if (filter.vulnerableGroups) query.vulnerableGroups = operator({ $all: filter.vulnerableGroups });
    return query;
  }
}
