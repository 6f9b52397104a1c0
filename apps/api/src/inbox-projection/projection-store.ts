import mongoose, { type FilterQuery, type Model } from 'mongoose';
import type {
  InboxItem,
  PartnershipListItem,
  PartnershipListQuery,
  RecentPartnership,
} from '@mitra/contracts';
import { isSdgCopy, sdgViewer, type InboxEntryDocument, type ListingDocument } from './projection-documents';
import type {
  ProjectedEventDocument,
  ProjectionCountDocument,
  VerificationDocument,
} from './projection.schemas';

export interface ProjectionModels {
  inboxEntry: Model<InboxEntryDocument>;
  listing: Model<ListingDocument>;
  count: Model<ProjectionCountDocument>;
  projectedEvent: Model<ProjectedEventDocument>;
  verification: Model<VerificationDocument>;
}

export interface StoredPage<T> {
  items: T[];
  total: number;
  nextCursor?: string;
}

/** Cursors are opaque to clients: the last row's sort key, base64url. */
export const encodeCursor = (sortKey: string) => Buffer.from(sortKey, 'utf8').toString('base64url');
export const decodeCursor = (cursor: string | undefined) =>
  cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');

const duplicateKeyCode = 11000;
const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === duplicateKeyCode;

/**
 * The inbox projection in the api's database. Every read is one index range per key (audience or viewer)
 * in the key's sort order, stopped after the page: the patched FerretDB serves such ranges without
 * reading the rest (docs/architecture.md, "The database"). Operators are marked trusted because the
 * global `sanitizeFilter` strips any it was not handed by us.
 */
export class ProjectionStore {
  constructor(private readonly models: ProjectionModels) {}

  async init(): Promise<void> {
    // One at a time: FerretDB v1.24 panics on a createIndexes of several existing indexes.
    for (const model of Object.values(this.models)) await model.init();
  }

  /** False when the event was applied before: the caller skips it. */
  async firstApplication(eventId: string): Promise<boolean> {
    return (await this.models.projectedEvent.exists({ _id: eventId })) === null;
  }

  async markApplied(eventId: string, partnershipId: string): Promise<void> {
    try {
      await this.models.projectedEvent.create({ _id: eventId, partnershipId, at: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * Writes a partnership's entries and listings, removes those it no longer has, and moves the counts by
   * the difference. Callers apply one partnership at a time (the projector's loop does), or two writers
   * of the same partnership would both move the counts.
   */
  async replacePartnership(
    partnershipId: string,
    entries: InboxEntryDocument[],
    listings: ListingDocument[],
  ): Promise<void> {
    const [oldEntries, oldListings] = await Promise.all([
      this.models.inboxEntry
        .find({ partnershipId }, { audience: 1 })
        .lean<Array<Pick<InboxEntryDocument, 'audience'>>>()
        .exec(),
      this.models.listing.find({ partnershipId }).lean<ListingDocument[]>().exec(),
    ]);
    const moves = keptCounts(entries, listings);
    keptCounts(oldEntries, oldListings).forEach((count, key) =>
      moves.set(key, (moves.get(key) ?? 0) - count),
    );
    await Promise.all([
      ...entries.map((entry) =>
        this.models.inboxEntry.replaceOne({ _id: entry._id }, entry, { upsert: true }).exec(),
      ),
      ...listings.map((listing) =>
        this.models.listing.replaceOne({ _id: listing._id }, listing, { upsert: true }).exec(),
      ),
    ]);
    await Promise.all([
      this.models.inboxEntry
        .deleteMany({ partnershipId, _id: mongoose.trusted({ $nin: entries.map((entry) => entry._id) }) })
        .exec(),
      this.models.listing
        .deleteMany({
          partnershipId,
          _id: mongoose.trusted({ $nin: listings.map((listing) => listing._id) }),
        })
        .exec(),
    ]);
    await Promise.all(
      [...moves]
        .filter(([, by]) => by !== 0)
        .map(([key, by]) =>
          this.models.count.updateOne({ _id: key }, { $inc: { count: by } }, { upsert: true }).exec(),
        ),
    );
  }

  private async counted(keys: string[]): Promise<number> {
    const counts = await this.models.count
      .find({ _id: mongoose.trusted({ $in: keys }) })
      .lean<ProjectionCountDocument[]>()
      .exec();
    return counts.reduce((sum, count) => sum + count.count, 0);
  }

  async forgetPartnership(partnershipId: string): Promise<void> {
    await this.replacePartnership(partnershipId, [], []);
  }

  async recordVerification(partnershipId: string, intact: boolean, at: string): Promise<void> {
    await this.models.verification
      .replaceOne({ _id: partnershipId }, { _id: partnershipId, intact, at }, { upsert: true })
      .exec();
  }

  /** One page of the audiences' entries, most urgent first; an item two audiences share is shown once. */
  async inboxPage(audienceKeys: string[], limit: number, cursor?: string): Promise<StoredPage<InboxItem>> {
    const after = decodeCursor(cursor);
    const [perAudience, total] = await Promise.all([
      Promise.all(
        audienceKeys.map((audience) =>
          this.models.inboxEntry
            .find({ audience, ...(after === undefined ? {} : { sortKey: mongoose.trusted({ $gt: after }) }) })
            .sort({ sortKey: 1 })
            .limit(limit + 1)
            .lean<InboxEntryDocument[]>()
            .exec(),
        ),
      ),
      this.counted(audienceKeys.map(countKeys.inbox)),
    ]);
    const merged = [...new Map(perAudience.flat().map((entry) => [entry.sortKey, entry])).values()].sort(
      (a, b) => (a.sortKey < b.sortKey ? -1 : 1),
    );
    return pageOf(
      merged,
      limit,
      total,
      (entry) => entry.item,
      (entry) => entry.sortKey,
    );
  }

  /** One page of the partnerships the viewers may list, by name, filtered as asked. */
  async listPage(
    viewerKeys: string[],
    query: PartnershipListQuery,
  ): Promise<StoredPage<PartnershipListItem>> {
    const after = decodeCursor(query.cursor);
    const filter = (viewer: string): FilterQuery<ListingDocument> => ({
      viewer: query.sdg ? sdgViewer(viewer, query.sdg) : viewer,
      ...(query.stage ? { stage: query.stage } : {}),
      ...(query.health ? { health: query.health } : {}),
      ...(query.region ? { $or: [{ province: query.region }, { regency: query.region }] } : {}),
    });
    const [perViewer, total] = await Promise.all([
      Promise.all(
        viewerKeys.map((viewer) =>
          this.models.listing
            .find({
              ...filter(viewer),
              ...(after === undefined ? {} : { sortKey: mongoose.trusted({ $gt: after }) }),
            })
            .sort({ sortKey: 1 })
            .limit(query.limit + 1)
            .lean<ListingDocument[]>()
            .exec(),
        ),
      ),
      this.listTotal(viewerKeys, query),
    ]);
    const merged = [...new Map(perViewer.flat().map((listing) => [listing.sortKey, listing])).values()].sort(
      (a, b) => (a.sortKey < b.sortKey ? -1 : 1),
    );
    return pageOf(merged, query.limit, total, listItemOf, (listing) => listing.sortKey);
  }

  /** Every combination of filters has a kept count (`listingCountKeys`), so no total reads the matches. */
  private listTotal(viewerKeys: string[], query: PartnershipListQuery): Promise<number> {
    const filters = listFilters.flatMap((filter) =>
      query[filter] === undefined ? [] : [`${filter}=${query[filter]}`],
    );
    return this.counted(viewerKeys.map((viewer) => countKeys.list(viewer, filters)));
  }

  /** Every partnership by its latest change, newest first, with its last verification: the auditor's landing. */
  async recentPage(limit: number, cursor?: string): Promise<StoredPage<RecentPartnership>> {
    const after = decodeCursor(cursor);
    const [changedAt, partnershipId] = after?.split('\n') ?? [];
    const viewer = 'everyone';
    const older =
      after === undefined
        ? {}
        : {
            $or: [
              { changedAt: mongoose.trusted({ $lt: changedAt }) },
              { changedAt, _id: mongoose.trusted({ $lt: `${viewer}|${partnershipId}` }) },
            ],
          };
    const [listings, total] = await Promise.all([
      this.models.listing
        .find({ viewer, ...older })
        .sort({ changedAt: -1, _id: -1 })
        .limit(limit + 1)
        .lean<ListingDocument[]>()
        .exec(),
      this.counted([countKeys.list(viewer)]),
    ]);
    const shown = listings.slice(0, limit);
    const verifications = await this.models.verification
      .find({ _id: mongoose.trusted({ $in: shown.map((listing) => listing.partnershipId) }) })
      .lean<VerificationDocument[]>()
      .exec();
    const verificationOf = new Map(verifications.map((verification) => [verification._id, verification]));
    const last = shown.at(-1);
    return {
      items: shown.map((listing) => {
        const verification = verificationOf.get(listing.partnershipId);
        return {
          partnershipId: listing.partnershipId,
          name: listing.name,
          stage: listing.stage,
          status: listing.status,
          changedAt: listing.changedAt,
          ...(verification ? { lastVerification: { intact: verification.intact, at: verification.at } } : {}),
        };
      }),
      total,
      ...(listings.length > limit && last
        ? { nextCursor: encodeCursor(`${last.changedAt}\n${last.partnershipId}`) }
        : {}),
    };
  }
}

const listFilters = ['stage', 'health', 'sdg', 'region'] as const;

const countKeys = {
  inbox: (audience: string) => `inbox|${audience}`,
  /** `filters` in the order of `listFilters`, each `name=value`. */
  list: (viewer: string, filters: string[] = []) => ['list', viewer, ...filters].join('|'),
};

/**
 * Every kept count a listing is in: one per combination of its filter values (stage, health, each SDG goal,
 * province and regency), the empty combination being its viewer's total. Only a changed listing moves them.
 */
function listingCountKeys(listing: ListingDocument): string[] {
  if (isSdgCopy(listing)) return [];
  const values: Record<(typeof listFilters)[number], Array<string | number>> = {
    stage: [listing.stage],
    health: listing.health ? [listing.health] : [],
    sdg: listing.sdgGoals,
    region: [...new Set([listing.province, listing.regency].filter((region): region is string => !!region))],
  };
  let combinations: string[][] = [[]];
  for (const filter of listFilters) {
    combinations = combinations.flatMap((combination) => [
      combination,
      ...values[filter].map((value) => [...combination, `${filter}=${value}`]),
    ]);
  }
  return combinations.map((filters) => countKeys.list(listing.viewer, filters));
}

/** The kept counts these documents make up (the bench seeds them with it too). */
export function keptCounts(
  entries: Array<Pick<InboxEntryDocument, 'audience'>>,
  listings: ListingDocument[],
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  entries.forEach((entry) => add(countKeys.inbox(entry.audience)));
  listings.forEach((listing) => listingCountKeys(listing).forEach(add));
  return counts;
}

function pageOf<D, T>(
  rows: D[],
  limit: number,
  total: number,
  toItem: (row: D) => T,
  sortKeyOf: (row: D) => string,
): StoredPage<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map(toItem),
    // Keys overlap only for a named coordinator whose organisation also coordinates: counted per key.
    total,
    ...(rows.length > limit && last ? { nextCursor: encodeCursor(sortKeyOf(last)) } : {}),
  };
}

function listItemOf(listing: ListingDocument): PartnershipListItem {
  return {
    partnershipId: listing.partnershipId,
    name: listing.name,
    stage: listing.stage,
    status: listing.status,
    sdgGoals: listing.sdgGoals,
    health: listing.health,
    ...(listing.province
      ? { region: { province: listing.province, ...(listing.regency ? { regency: listing.regency } : {}) } }
      : {}),
    ...(listing.dueAt ? { dueAt: listing.dueAt } : {}),
  };
}
