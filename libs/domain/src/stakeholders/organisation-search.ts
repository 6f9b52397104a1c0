import type { OrganisationFilter, Region, ResourceKind, Sector, VulnerableGroup } from '@mitra/contracts';
import { regionNameKey, searchWords } from './organisation-identity';
import { regionCodePath } from './region-catalogue';

/**
 * Name search finds organisations by the beginnings of the words of their name, in any case and
 * without accents ("cibang" finds "LPM Kelurahan Cibangkong"; "kes" finds "Dinas Kesehatan"). A query
 * of several words finds the names that have a word beginning with each of them, in any order.
 *
 * The index holds, per organisation, one search key ("token") for the first 1…`searchPrefixLength`
 * letters of each word of its name, one for each sector, region level, resource and group it has, and
 * one for its sector in its province and in its regency (the registry's usual browse, whose two facets
 * each match many organisations). A query is answered by reading the keys of ONE token (an index
 * range, in name order, a page at a time) and checking the whole query on each key read.
 */
export const searchPrefixLength = 3;

/** The order of lists: the name's words without case, accents or punctuation. */
export function organisationSortKey(name: string): string {
  return searchWords(name).join(' ');
}

export interface SearchableOrganisation {
  name: string;
  sector: Sector;
  region: Region;
  resources?: ReadonlyArray<{ kind: ResourceKind }>;
  vulnerableGroups?: readonly VulnerableGroup[];
}

export interface OrganisationSearchKeys {
  /** `organisationSortKey` of the name. */
  sortKey: string;
  /** The tokens the organisation is found under, each once. */
  tokens: string[];
  /** Every facet token, as one string `|s:cso|p:jawa barat|…|`, for checks on a key already read. */
  facets: string;
}

const regionLevels = ['province', 'regency', 'district', 'village'] as const;
const regionToken = { province: 'p', regency: 'r', district: 'd', village: 'v' } as const;

const nameToken = (prefix: string) => `w:${prefix}`;
/** One per level of an official code, so a region's token finds the organisations of its sub-regions too. */
const regionCodeToken = (code: string) => `c:${code}`;
const sectorToken = (sector: Sector) => `s:${sector}`;
const sectorInRegionToken = (sector: Sector, level: 'province' | 'regency', key: string) => `${level === 'province' ? 'sp' : 'sr'}:${sector}|${key}`;
const resourceToken = (kind: ResourceKind) => `k:${kind}`;
const groupToken = (group: VulnerableGroup) => `g:${group}`;

/** The first `length` characters (code points, not UTF-16 units). */
const prefix = (word: string, length: number) => Array.from(word).slice(0, length).join('');
const letters = (word: string) => Array.from(word).length;

export function organisationSearchKeys(organisation: SearchableOrganisation): OrganisationSearchKeys {
  const words = searchWords(organisation.name);
  const facets = [
    sectorToken(organisation.sector),
    ...regionLevels.flatMap((level) => {
      const key = regionNameKey(organisation.region[level], level);
      return key ? [`${regionToken[level]}:${key}`] : [];
    }),
    ...(organisation.region.code ? regionCodePath(organisation.region.code).map(regionCodeToken) : []),
    ...(organisation.resources ?? []).map((resource) => resourceToken(resource.kind)),
    ...(organisation.vulnerableGroups ?? []).map(groupToken),
  ];
  const names = words.flatMap((word) =>
    Array.from({ length: Math.min(letters(word), searchPrefixLength) }, (_, i) => nameToken(prefix(word, i + 1))),
  );
  const uniqueFacets = [...new Set(facets)];
  const pairs = (['province', 'regency'] as const).flatMap((level) => {
    const key = regionNameKey(organisation.region[level], level);
    return key ? [sectorInRegionToken(organisation.sector, level, key)] : [];
  });
  return {
    sortKey: words.join(' '),
    tokens: [...new Set([...names, ...uniqueFacets, ...pairs])],
    facets: `|${uniqueFacets.join('|')}|`,
  };
}

/**
 * How to answer a filter from the index:
 * - `nothing`: no organisation can match (a name of punctuation only, a region that normalises to nothing);
 * - `all`: no filter, every organisation in name order (read from the organisations themselves);
 * - `tokens`: the organisations under one of `drivers` (one index range each, merged in name order)
 *   that have a word beginning with each of `nameWords`, every facet of `allFacets` and, when given,
 *   one of `anyFacets`. The drivers only say where to read: every condition is in the three lists.
 */
export type OrganisationSearchPlan =
  | { kind: 'nothing' }
  | { kind: 'all' }
  | { kind: 'tokens'; drivers: string[]; nameWords: string[]; allFacets: string[]; anyFacets: string[] };

/**
 * Words most organisation names share (legal forms, kinds of body, region words): a query's other
 * words narrow it more, so they are read first.
 */
const commonNameWords = new Set([
  ...['pt', 'cv', 'ud', 'pd', 'perum', 'tbk', 'persero', 'yayasan', 'yys', 'perkumpulan', 'lsm', 'ormas', 'koperasi', 'kop'],
  ...['dinas', 'badan', 'kantor', 'balai', 'lembaga', 'forum', 'komunitas', 'kelompok', 'warga', 'ikatan', 'himpunan', 'persatuan', 'asosiasi'],
  ...['kementerian', 'pemerintah', 'universitas', 'sekolah', 'radio', 'program', 'pusat', 'rumah', 'sakit', 'puskesmas', 'posyandu'],
  ...['provinsi', 'prov', 'kota', 'kabupaten', 'kab', 'kecamatan', 'kec', 'kelurahan', 'kel', 'desa', 'ds', 'rw', 'rt', 'lpm'],
]);

/**
 * The order in which a query's words would narrow the search most, without statistics: words with a
 * digit (a number in a name is rare), then words not in `commonNameWords`, longer before shorter.
 */
function byNarrowness(a: string, b: string): number {
  const rank = (word: string) => (/\p{N}/u.test(word) ? 0 : commonNameWords.has(word) ? 2 : 1);
  return rank(a) - rank(b) || letters(b) - letters(a);
}

/**
 * Chooses the token to read: the name's narrowest word (its first letters; see `byNarrowness`), else a
 * district or village code, a village or district, the code of a regency or province (when no sector narrows it), the sectors in the regency or province, the regency or province, a single sector,
 * a resource, a group, and several sectors last (one range each).
 */
export function organisationSearchPlan(filter: OrganisationFilter): OrganisationSearchPlan {
  const regions: Partial<Record<(typeof regionLevels)[number], string>> = {};
  for (const level of regionLevels) {
    const value = filter.region?.[level];
    if (value === undefined) continue;
    const key = regionNameKey(value, level);
    if (!key) return { kind: 'nothing' };
    regions[level] = key;
  }
  const regionFacets = [
    ...regionLevels.flatMap((level) => (regions[level] ? [`${regionToken[level]}:${regions[level]}`] : [])),
    ...(filter.region?.code ? [regionCodeToken(filter.region.code)] : []),
  ];
  const others = [...(filter.resources ?? []).map(resourceToken), ...(filter.vulnerableGroups ?? []).map(groupToken)];
  const sectors = filter.sectors ?? [];
  const oneSector = sectors.length === 1 ? [sectorToken(sectors[0]!)] : [];
  const allFacets = [...regionFacets, ...oneSector, ...others];
  const anyFacets = sectors.length > 1 ? sectors.map(sectorToken) : [];
  const tokens = (drivers: string[], nameWords: string[] = []) => ({ kind: 'tokens' as const, drivers, nameWords, allFacets, anyFacets });

  if (filter.name !== undefined) {
    const words = [...new Set(searchWords(filter.name))];
    if (words.length === 0) return { kind: 'nothing' };
    const narrowest = [...words].sort(byNarrowness)[0]!;
    return tokens([nameToken(prefix(narrowest, searchPrefixLength))], words);
  }
  const narrowestRegion = [...regionFacets].reverse()[0];
  if (filter.region?.code && filter.region.code.length > '32.73'.length) return tokens([regionCodeToken(filter.region.code)]);
  if (regions.village || regions.district) return tokens([narrowestRegion!]);
  // The sector within a regency or province is one token: both facets match many organisations each,
  // and in name order the organisations of one sector come together ("PT …", "Yayasan …").
  const area = regions.regency ? ('regency' as const) : regions.province ? ('province' as const) : undefined;
  if (area && sectors.length > 0) return tokens(sectors.map((sector) => sectorInRegionToken(sector, area, regions[area]!)));
  if (narrowestRegion) return tokens([narrowestRegion]);
  if (oneSector.length > 0 || others.length > 0) return tokens([[...oneSector, ...others][0]!]);
  if (anyFacets.length > 0) return tokens(anyFacets);
  return { kind: 'all' };
}

/**
 * Whether a name matches a name query as the search finds it: each word of the query begins a word of
 * the name, case, accents and punctuation aside. For lists that narrow what the search returned.
 */
export function nameMatchesSearch(name: string, query: string): boolean {
  const words = ` ${organisationSortKey(name)}`;
  return searchWords(query).every((word) => words.includes(` ${word}`));
}

/** Whether an organisation with these keys is a match of the plan (what the index read and its checks decide). */
export function matchesSearchPlan(plan: OrganisationSearchPlan, keys: OrganisationSearchKeys): boolean {
  switch (plan.kind) {
    case 'nothing':
      return false;
    case 'all':
      return true;
    case 'tokens': {
      const words = ` ${keys.sortKey}`;
      return (
        plan.nameWords.every((word) => words.includes(` ${word}`)) &&
        plan.allFacets.every((facet) => keys.facets.includes(`|${facet}|`)) &&
        (plan.anyFacets.length === 0 || plan.anyFacets.some((facet) => keys.facets.includes(`|${facet}|`)))
      );
    }
  }
}
