import type { Collection, Connection, mongo } from 'mongoose';
import {
  organisationSearchKeys,
  type OrganisationSearchKeys,
  type OrganisationSearchPlan,
  type SearchableOrganisation,
} from '@mitra/domain';
import { escapeRegex, isDuplicateKeyError } from '../common/mongo';
import type { CursorPosition } from '../common/page-cursor';

export const organisationSearchCollection = 'organisation_search';

/** One search key of one version of an organisation. */
export interface SearchKeyDocument {
  /** `<organisation>:<version>:<token>`: writing a version's keys again changes nothing. */
  _id: string;
  /** The token (`w:cib`, `s:cso`, `p:jawa barat`, …). */
  t: string;
  /** The organisation's sort key: the index gives a token's organisations in name order. */
  n: string;
  /** The organisation's id (hex): ties in name order, and the order of ids in the organisations' own index. */
  o: string;
  /** The version of the organisation these keys describe. */
  v: number;
  /** Every facet token of that version (`|s:cso|p:jawa barat|…|`), checked on the key itself. */
  f: string;
}

/** A key read for a page: which organisation, where in name order, and from which version. */
export interface SearchHit {
  id: string;
  sortKey: string;
  version: number;
}

/**
 * The organisations' search index: small documents, one per (organisation, version, token), read
 * through ONE index, `(t, n, o)`. A page of a filter is one range of it: the token's keys in name
 * order after the cursor, checked for the rest of the filter by the database as it reads them, and
 * cut at the page's size; a filter without a token reads the organisations' own `(sortName, _id)`
 * index instead. Nothing here is a regular expression over the whole collection, an array in an
 * indexed field, or a count.
 *
 * Keys of an older version stay until `index` writes the newest and removes the older (never a newer
 * one); meanwhile a reader may find an organisation under an old key, so the repository checks every
 * hit whose version is not the organisation's current one against the current record.
 */
export class OrganisationSearchIndex {
  private readonly collection: Collection<SearchKeyDocument>;
  private indexes?: Promise<void>;

  constructor(connection: Connection) {
    this.collection = connection.collection<SearchKeyDocument>(organisationSearchCollection);
  }

  ready(): Promise<void> {
    this.indexes ??= (async () => {
      // One per command: FerretDB v1.24 fails a createIndexes of several indexes that all exist.
      await this.collection.createIndexes([{ key: { t: 1, n: 1, o: 1 }, name: 'token_name_id' }]);
      await this.collection.createIndexes([{ key: { o: 1, v: 1 }, name: 'organisation_version' }]);
    })().catch((error: unknown) => {
      this.indexes = undefined;
      throw error;
    });
    return this.indexes;
  }

  /** The keys of an organisation's version, as stored. */
  static documentsOf(id: string, version: number, keys: OrganisationSearchKeys): SearchKeyDocument[] {
    return keys.tokens.map((t) => ({ _id: `${id}:${version}:${t}`, t, n: keys.sortKey, o: id, v: version, f: keys.facets }));
  }

  /** Writes the keys of `version` (what is there already stays) and removes those of older versions. */
  async index(id: string, version: number, organisation: SearchableOrganisation): Promise<void> {
    await this.ready();
    const documents = OrganisationSearchIndex.documentsOf(id, version, organisationSearchKeys(organisation));
    try {
      await this.collection.insertMany(documents as never[], { ordered: false });
    } catch (error) {
      // Written before (a retry, or another writer of the same version): the other keys went in.
      if (!isDuplicateKeyError(error) && !isBulkOfDuplicates(error)) throw error;
    }
    await this.collection.deleteMany({ o: id, v: { $lt: version } });
  }

  /**
   * The first `limit` hits of the plan after `after`, in (name, id) order, one range per driver token
   * merged (several drivers only for several sectors and nothing else).
   */
  async page(plan: Extract<OrganisationSearchPlan, { kind: 'tokens' }>, limit: number, after?: CursorPosition): Promise<SearchHit[]> {
    await this.ready();
    const checks: mongo.Filter<SearchKeyDocument>[] = [
      ...plan.nameWords.map((word) => ({ n: { $regex: `(?:^| )${escapeRegex(word)}` } })),
      ...plan.allFacets.map((facet) => ({ f: { $regex: `\\|${escapeRegex(facet)}\\|` } })),
      ...(plan.anyFacets.length > 0 ? [{ f: { $regex: `\\|(?:${plan.anyFacets.map(escapeRegex).join('|')})\\|` } }] : []),
    ];
    const ranges = await Promise.all(
      plan.drivers.map((t) =>
        this.collection
          .find(
            {
              t,
              ...(after ? { $or: [{ n: { $gt: after.sortKey } }, { n: after.sortKey, o: { $gt: after.id } }] } : {}),
              ...(checks.length > 0 ? { $and: checks } : {}),
            },
            { projection: { _id: 0, n: 1, o: 1, v: 1 } },
          )
          .sort({ t: 1, n: 1, o: 1 })
          .limit(limit)
          .toArray(),
      ),
    );
    const hits = ranges.flat().map((key) => ({ id: key.o, sortKey: key.n, version: key.v }));
    if (ranges.length > 1) hits.sort(byNameThenId);
    // An organisation is under a token once per version it still has keys of: the first is enough.
    const seen = new Set<string>();
    return hits.filter((hit) => !seen.has(hit.id) && seen.add(hit.id)).slice(0, limit);
  }
}

export function byNameThenId(a: { sortKey: string; id: string }, b: { sortKey: string; id: string }): number {
  // Binary order, as the database compares strings.
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An unordered insertMany whose every failure was a duplicate key. */
function isBulkOfDuplicates(error: unknown): boolean {
  const errors = (error as { writeErrors?: unknown })?.writeErrors;
  const list = Array.isArray(errors) ? errors : errors ? [errors] : [];
  return list.length > 0 && list.every((e: { code?: number; err?: { code?: number } }) => (e.code ?? e.err?.code) === 11000);
}
