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
import { OrganisationOutboxRecord, OrganisationRecord, OrganisationVersionRecord } from './organisation.schema';

type Stored<T> = T & { _id: { toString(): string } };
type StoredOrganisation = Stored<OrganisationRecord>;

/** What reads return: the record without the create command's key and hash. */
const publicFields = '-inputHash -idempotencyKey';
/** How often a write re-projects the newest version when others keep writing newer ones. */
const projectionAttempts = 10;

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

export interface OrganisationPageResult {
  items: Organisation[];
  total: number;
  nextCursor: string | null;
}

/**
 * Organisations as two collections: the versions, whose unique indexes decide every race, and the
 * current state, a projection of the newest version that lists and reads use.
 */
@Injectable()
export class OrganisationsRepository implements OnModuleInit {
  private readonly logger = new Logger(OrganisationsRepository.name);

  constructor(
    @InjectModel(OrganisationRecord.name) private readonly model: Model<OrganisationRecord>,
    @InjectModel(OrganisationVersionRecord.name) private readonly versionModel: Model<OrganisationVersionRecord>,
    @InjectModel(OrganisationOutboxRecord.name) private readonly outboxModel: Model<OrganisationOutboxRecord>,
  ) {}

  /** Records from before versions and search keys existed get them once, at start-up. */
  async onModuleInit(): Promise<void> {
    const legacy = await this.model.find({ nameKey: operator({ $exists: false }) }).lean<StoredOrganisation[]>().exec();
    for (const record of legacy) {
      const at = record.createdAt ?? new Date();
      const first = { ...inputOf(record), acknowledgedDuplicateOf: [], at, by: record.createdBy, idempotencyKey: record.idempotencyKey, inputHash: record.inputHash, events: [] };
      const version = (await this.claimVersion(record._id.toString(), 1, first)) ?? (await this.latestVersion(record._id.toString()));
      if (version) await this.model.updateOne({ _id: record._id }, { $set: { ...projectionOf(version), createdAt: at } }).exec();
    }
    if (legacy.length > 0) this.logger.log(`gave ${legacy.length} earlier organisation records their version and search keys`);
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
    return records.map((record) => ({ id: record._id.toString(), name: record.name, sector: record.sector, region: dropEmpty({ ...record.region }) }));
  }

  /**
   * Registers once per key (the unique index on the create key decides a race), then writes the
   * first version. Answers the record that holds the key, which may be an earlier one.
   */
  async create(write: VersionWrite): Promise<{ organisation: Organisation; inputHash: string; pending?: PendingEvents }> {
    const { by, at, idempotencyKey, inputHash } = write;
    const id = new Types.ObjectId();
    const fields = versionFields(id.toString(), 1, write);
    const markerId = await this.markPending(id.toString(), 1, idempotencyKey);
    try {
      const created = await this.model.create({ _id: id, ...projectionOf({ organisationId: id.toString(), version: 1, ...fields }), createdAt: at, createdBy: by, idempotencyKey, inputHash });
      await this.claimVersion(id.toString(), 1, fields);
      return { organisation: toOrganisation(created.toObject() as StoredOrganisation), inputHash, pending: { markerId, events: fields.events } };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.clearPending(markerId);
      const existing = await this.findByIdempotencyKey(idempotencyKey);
      if (!existing) throw error;
      return existing;
    }
  }

  /**
   * Claims version `version` for this command; undefined when that version or this command's key is
   * already taken for the organisation. The claimant then projects the newest version.
   */
  async appendVersion(id: string, version: number, write: VersionWrite): Promise<{ organisation: Organisation; pending: PendingEvents } | undefined> {
    const fields = versionFields(id, version, write);
    const markerId = await this.markPending(id, version, write.idempotencyKey);
    const claimed = await this.claimVersion(id, version, fields);
    if (!claimed) {
      await this.clearPending(markerId);
      return undefined;
    }
    await this.projectNewest(id);
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
   * Sets the current-state document to the newest version, again until no newer one appears: the
   * write that finishes last has seen the newest version, so concurrent writers cannot leave an
   * older one in place.
   */
  private async projectNewest(id: string): Promise<void> {
    let projected = 0;
    for (let attempt = 0; attempt < projectionAttempts; attempt++) {
      const newest = await this.latestVersion(id);
      if (!newest || newest.version === projected) return;
      await this.model.updateOne({ _id: id }, { $set: projectionOf(newest) }).exec();
      projected = newest.version;
    }
    this.logger.warn(`organisation ${id}: versions kept arriving while projecting; the next write will catch up`);
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
