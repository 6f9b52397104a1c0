import type { OrganisationFilter } from '@mitra/contracts';
import {
  matchesSearchPlan,
  nameMatchesSearch,
  organisationSearchKeys,
  organisationSearchPlan,
  organisationSortKey,
  type SearchableOrganisation,
} from './organisation-search';

const lpm: SearchableOrganisation = {
  name: 'LPM Kelurahan Cibangkong',
  sector: 'community',
  region: { province: 'Jawa Barat', regency: 'Kota Bandung', district: 'Batununggal', village: 'Cibangkong' },
  resources: [{ kind: 'labour' }, { kind: 'geographic_reach' }],
  vulnerableGroups: ['women', 'poor'],
};
const cafe: SearchableOrganisation = {
  name: 'Komunitas Café Literasi Ñusa',
  sector: 'community',
  region: { province: 'Bali', regency: 'Kota Denpasar' },
  resources: [],
  vulnerableGroups: ['people_with_disabilities'],
};
const forum: SearchableOrganisation = {
  name: 'Forum CSR (Bandung)',
  sector: 'business',
  region: { province: 'Provinsi Jawa Barat', regency: 'KOTA BANDUNG' },
  resources: [{ kind: 'funds' }, { kind: 'network' }],
  vulnerableGroups: [],
};
const registry = [lpm, cafe, forum];

const found = (filter: OrganisationFilter) => {
  const plan = organisationSearchPlan(filter);
  return registry.filter((organisation) => matchesSearchPlan(plan, organisationSearchKeys(organisation))).map((o) => o.name);
};

describe('organisation search keys', () => {
  it('sort by the words of the name without case, accents or punctuation', () => {
    expect(organisationSortKey('P.T. Bumi-Hijau (Persero)')).toBe('pt bumi hijau persero');
    expect(organisationSortKey('Komunitas Café Literasi Ñusa')).toBe('komunitas cafe literasi nusa');
  });

  it('index the first one to three letters of each word, every facet, and the sector in the province and regency, each once', () => {
    const keys = organisationSearchKeys(lpm);
    expect(keys.tokens).toEqual([
      'w:l', 'w:lp', 'w:lpm', 'w:k', 'w:ke', 'w:kel', 'w:c', 'w:ci', 'w:cib',
      's:community', 'p:jawa barat', 'r:kota bandung', 'd:batununggal', 'v:cibangkong',
      'k:labour', 'k:geographic_reach', 'g:women', 'g:poor', 'sp:community|jawa barat', 'sr:community|kota bandung',
    ]);
    expect(keys.facets).toBe('|s:community|p:jawa barat|r:kota bandung|d:batununggal|v:cibangkong|k:labour|k:geographic_reach|g:women|g:poor|');
  });
});

describe('organisation search plans', () => {
  it('find a name by the beginning of any of its words, in any case and without accents', () => {
    expect(found({ name: 'Cibangkong' })).toEqual([lpm.name]);
    expect(found({ name: 'cibang' })).toEqual([lpm.name]);
    expect(found({ name: 'CAFE' })).toEqual([cafe.name]);
    expect(found({ name: 'ñusa' })).toEqual([cafe.name]);
    expect(found({ name: 'angkong' })).toEqual([]);
  });

  it('need every query word, in any order, each the beginning of a word of the name', () => {
    expect(found({ name: 'kelurahan lpm' })).toEqual([lpm.name]);
    expect(found({ name: 'forum csr' })).toEqual([forum.name]);
    expect(found({ name: 'forum lpm' })).toEqual([]);
    expect(found({ name: 'k' })).toEqual([lpm.name, cafe.name]);
  });

  it('ignore punctuation and never treat it as a pattern; a name of punctuation only finds nothing', () => {
    expect(found({ name: '(Bandung)' })).toEqual([forum.name]);
    expect(found({ name: 'csr.*' })).toEqual([forum.name]);
    expect(found({ name: 'forum|lpm' })).toEqual([]);
    expect(organisationSearchPlan({ name: '.*' })).toEqual({ kind: 'nothing' });
  });

  it('read the narrowest word of the name and check the whole query on what it reads', () => {
    expect(organisationSearchPlan({ name: 'lpm kelurahan', region: { province: 'Jawa Barat' }, sectors: ['community', 'cso'] })).toEqual({
      kind: 'tokens',
      drivers: ['w:kel'],
      nameWords: ['lpm', 'kelurahan'],
      allFacets: ['p:jawa barat'],
      anyFacets: ['s:community', 's:cso'],
    });
    // A number first, then a word most names do not share, the longer first.
    expect(organisationSearchPlan({ name: 'Dinas Provinsi Cerdas Bersama Semarang 77000' })).toMatchObject({ drivers: ['w:770'] });
    expect(organisationSearchPlan({ name: 'Dinas Kesehatan Kota Bandung' })).toMatchObject({ drivers: ['w:kes'] });
    expect(organisationSearchPlan({ name: 'ke' })).toMatchObject({ drivers: ['w:ke'], nameWords: ['ke'] });
  });

  it('without a name, read a village or district, then the sectors in the regency or province, then wider facets', () => {
    expect(organisationSearchPlan({ region: { province: 'jawa barat', village: 'CIBANGKONG' }, sectors: ['community'] })).toMatchObject({
      drivers: ['v:cibangkong'],
      allFacets: ['p:jawa barat', 'v:cibangkong', 's:community'],
    });
    expect(organisationSearchPlan({ region: { province: 'Jawa Barat' }, sectors: ['business', 'cso'] })).toMatchObject({
      drivers: ['sp:business|jawa barat', 'sp:cso|jawa barat'],
      anyFacets: ['s:business', 's:cso'],
    });
    expect(organisationSearchPlan({ region: { province: 'Jawa Barat', regency: 'Kota Bandung' }, sectors: ['cso'] })).toMatchObject({ drivers: ['sr:cso|kota bandung'] });
    expect(organisationSearchPlan({ region: { province: 'Jawa Barat', regency: 'Kota Bandung' } })).toMatchObject({ drivers: ['r:kota bandung'] });
    expect(organisationSearchPlan({ sectors: ['business'], resources: ['funds'] })).toMatchObject({ drivers: ['s:business'], allFacets: ['s:business', 'k:funds'] });
    expect(organisationSearchPlan({ sectors: ['business', 'cso'], vulnerableGroups: ['women'] })).toMatchObject({
      drivers: ['g:women'],
      anyFacets: ['s:business', 's:cso'],
    });
    expect(organisationSearchPlan({ sectors: ['business', 'community'] })).toMatchObject({ drivers: ['s:business', 's:community'] });
    expect(organisationSearchPlan({})).toEqual({ kind: 'all' });
  });

  it('reads only organisations the query may find under the token it chose', () => {
    const filters: OrganisationFilter[] = [
      { name: 'lpm cibang' },
      { name: 'forum', sectors: ['business', 'community'] },
      { region: { province: 'jawa barat' }, sectors: ['community', 'business'] },
      { region: { regency: 'kota bandung' }, sectors: ['business'] },
      { region: { village: 'cibangkong' } },
      { resources: ['funds'], vulnerableGroups: ['women'] },
    ];
    for (const filter of filters) {
      const plan = organisationSearchPlan(filter);
      if (plan.kind !== 'tokens') throw new Error('a token plan expected');
      for (const organisation of registry) {
        const keys = organisationSearchKeys(organisation);
        if (matchesSearchPlan(plan, keys)) expect(plan.drivers.some((driver) => keys.tokens.includes(driver))).toBe(true);
      }
    }
  });

  it('filter by sector, region in any spelling, all resources and all groups', () => {
    expect(found({ sectors: ['community'] })).toEqual([lpm.name, cafe.name]);
    expect(found({ sectors: ['business', 'community'], region: { province: 'provinsi jawa barat' } })).toEqual([lpm.name, forum.name]);
    expect(found({ region: { regency: 'Kota  Bandung', village: 'cibangkong' } })).toEqual([lpm.name]);
    expect(found({ resources: ['funds', 'network'] })).toEqual([forum.name]);
    expect(found({ resources: ['funds', 'labour'] })).toEqual([]);
    expect(found({ vulnerableGroups: ['women', 'poor'], name: 'lpm' })).toEqual([lpm.name]);
    expect(organisationSearchPlan({ region: { province: '---' } })).toEqual({ kind: 'nothing' });
  });
});

describe('a name against a name query', () => {
  it('matches when each query word begins a word of the name, as the search does', () => {
    expect(nameMatchesSearch('Komunitas Café Literasi Ñusa', 'cafe nus')).toBe(true);
    expect(nameMatchesSearch('Forum CSR (Bandung)', 'bandung forum')).toBe(true);
    expect(nameMatchesSearch('PT. Bumi Hijau Tbk.', 'pt bumi')).toBe(true);
    expect(nameMatchesSearch('LPM Kelurahan Cibangkong', 'angkong')).toBe(false);
    expect(nameMatchesSearch('LPM Kelurahan Cibangkong', '')).toBe(true);
    for (const name of registry.map((o) => o.name))
      for (const query of ['k', 'cib', 'forum csr', 'cafe', 'bandung'])
        expect(nameMatchesSearch(name, query)).toBe(matchesSearchPlan(organisationSearchPlan({ name: query }), organisationSearchKeys(registry.find((o) => o.name === name)!)));
  });
});
