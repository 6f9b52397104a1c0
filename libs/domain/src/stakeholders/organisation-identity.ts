import type { Region } from '@mitra/contracts';

/** Legal forms and generic words that people write or leave out at will. */
const optionalPrefixes = new Set(['pt', 'cv', 'ud', 'pd', 'perum', 'yayasan', 'yys', 'perkumpulan', 'lsm', 'ormas', 'koperasi', 'kop']);
const optionalSuffixes = new Set(['tbk', 'persero']);

/** Abbreviations of region levels, and the level words that add nothing to a province. */
const regionAbbreviations: Record<string, string> = { kab: 'kabupaten', kec: 'kecamatan', kel: 'kelurahan', prov: 'provinsi', ds: 'desa' };

/** The words of a name as search and duplicate detection compare them: no case, accents or punctuation. */
export function searchWords(value: string): string[] {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // "P.T." and "Tbk." are one word each, not letters apart.
    .replace(/(\p{L})\.(?=\p{L}|\s|$)/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
}

/**
 * The key under which two spellings of one organisation meet: case, accents, punctuation, spacing,
 * word order and legal-form words such as "PT" or "Yayasan" do not count.
 */
export function organisationNameKey(name: string): string {
  const all = searchWords(name);
  let start = 0;
  let end = all.length;
  while (start < end - 1 && optionalPrefixes.has(all[start])) start++;
  while (end - 1 > start && optionalSuffixes.has(all[end - 1])) end--;
  return all.slice(start, end).sort().join(' ');
}

export function regionNameKey(value: string | undefined, level: keyof Region = 'regency'): string {
  if (!value) return '';
  const normalised = searchWords(value).map((word) => regionAbbreviations[word] ?? word);
  if (level === 'province' && normalised[0] === 'provinsi' && normalised.length > 1) normalised.shift();
  return normalised.join(' ');
}

export interface RegionKeys {
  province: string;
  regency: string;
  district: string;
  village: string;
}

export function regionKeys(region: Partial<Region>): RegionKeys {
  return {
    province: regionNameKey(region.province, 'province'),
    regency: regionNameKey(region.regency, 'regency'),
    district: regionNameKey(region.district, 'district'),
    village: regionNameKey(region.village, 'village'),
  };
}

export interface OrganisationIdentity {
  nameKey: string;
  regionKeys: RegionKeys;
}

export function organisationIdentity(organisation: { name: string; region: Partial<Region> }): OrganisationIdentity {
  return { nameKey: organisationNameKey(organisation.name), regionKeys: regionKeys(organisation.region) };
}

/**
 * Likely the same organisation: the same name key in the same province, and the same regency/city
 * unless one record leaves the regency out.
 */
export function isLikelyDuplicate(a: OrganisationIdentity, b: OrganisationIdentity): boolean {
  if (a.nameKey !== b.nameKey || a.regionKeys.province !== b.regionKeys.province) return false;
  const [ra, rb] = [a.regionKeys.regency, b.regionKeys.regency];
  return ra === '' || rb === '' || ra === rb;
}

export interface IdentifiedOrganisation extends OrganisationIdentity {
  id: string;
  /** Ids this record was registered against although reported as their likely duplicate. */
  acknowledgedDuplicateOf: readonly string[];
}

export interface SuspectedPair {
  firstId: string;
  secondId: string;
  acknowledged: boolean;
}

/** Every pair of likely duplicates, each pair once, ordered by name key then ids. */
export function findDuplicatePairs(organisations: readonly IdentifiedOrganisation[]): SuspectedPair[] {
  const groups = new Map<string, IdentifiedOrganisation[]>();
  for (const organisation of organisations) {
    const key = `${organisation.nameKey}\u0000${organisation.regionKeys.province}`;
    const group = groups.get(key);
    if (group) group.push(organisation);
    else groups.set(key, [organisation]);
  }
  const pairs: Array<SuspectedPair & { nameKey: string }> = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => a.id.localeCompare(b.id));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [first, second] = [sorted[i], sorted[j]];
        if (!isLikelyDuplicate(first, second)) continue;
        const acknowledged = first.acknowledgedDuplicateOf.includes(second.id) || second.acknowledgedDuplicateOf.includes(first.id);
        pairs.push({ firstId: first.id, secondId: second.id, acknowledged, nameKey: first.nameKey });
      }
    }
  }
  pairs.sort((a, b) => a.nameKey.localeCompare(b.nameKey) || a.firstId.localeCompare(b.firstId) || a.secondId.localeCompare(b.secondId));
  return pairs.map(({ firstId, secondId, acknowledged }) => ({ firstId, secondId, acknowledged }));
}
