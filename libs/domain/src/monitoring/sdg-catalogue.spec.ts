import { buildSdgCatalogue, compareCodes, searchSdgGoals, searchSdgIndicators, searchSdgTargets, type SdgSources } from './sdg-catalogue';
import { foldForSearch, matchesSdgSearch } from './sdg-search';

const sources: SdgSources = {
  goalsEn: { '1-short': 'No poverty', '1-title': 'End poverty', '10-short': 'Reduced inequalities', '10-title': 'Reduce inequality' },
  goalsId: { '1-short': 'Tanpa Kemiskinan', '1-title': 'Mengakhiri kemiskinan', '10-short': 'Berkurangnya Kesenjangan', '10-title': 'Mengurangi kesenjangan' },
  targetsEn: { '1-a-title': 'Mobilise resources', '1-10-title': 'Invented', '1-2-title': 'Halve  poverty\n  by 2030', '10-1-title': 'Income growth' },
  targetsId: {
    '1-a-title': 'Menjamin mobilisasi sumber daya',
    '1-10-title': 'Rekaan',
    '1-2-title': 'Pada tahun 2030, mengurangi  setidaknya\n  setengah proporsi kemiskinan',
    '10-1-title': 'Pertumbuhan pendapatan',
  },
  indicatorsEn: {
    '1-2-1-title': 'Poverty line',
    '1-2-2-title': 'Multidimensional POVERTY',
    '2-2-1-title': 'Prevalence of stunting',
    '6-1-1-title': 'Safely managed drinking water',
    '10-1-1-title': 'Income growth rates',
  },
  indicatorsId: {
    '1-2-1-title': 'Proporsi penduduk yang hidup di bawah garis kemiskinan nasional',
    '1-2-2-title': 'Kemiskinan multidimensi',
    '2-2-1-title': 'Prevalensi stunting (pendek dan sangat pendek)',
    '6-1-1-title': 'Layanan air minum yang dikelola secara aman',
    '10-1-1-title': 'Laju pertumbuhan pengeluaran atau pendapatan per kapita',
  },
};
const catalogue = buildSdgCatalogue(sources);
const codes = (entries: { code: string }[]) => entries.map((entry) => entry.code);

describe('SDG catalogue', () => {
  it('orders codes numerically, numbered targets before lettered ones', () => {
    expect(codes(catalogue.targets)).toEqual(['1.2', '1.10', '1.a', '10.1']);
    expect(compareCodes('1.5', '1.a')).toBeLessThan(0);
  });

  it('gives each goal its Indonesian and English names and titles', () => {
    expect(catalogue.goals[0]).toEqual({
      code: '1',
      nameId: 'Tanpa Kemiskinan',
      nameEn: 'No poverty',
      titleId: 'Mengakhiri kemiskinan',
      titleEn: 'End poverty',
    });
  });

  it('carries targets and indicators in both languages, wrapped titles joined into one line', () => {
    expect(catalogue.targets[0]).toEqual({
      code: '1.2',
      goal: '1',
      titleId: 'Pada tahun 2030, mengurangi setidaknya setengah proporsi kemiskinan',
      titleEn: 'Halve poverty by 2030',
    });
    expect(catalogue.indicators.find((i) => i.code === '2.2.1')).toMatchObject({ target: '2.2', goal: '2', titleId: 'Prevalensi stunting (pendek dan sangat pendek)' });
  });

  it('refuses an English title that has no Indonesian one', () => {
    expect(() => buildSdgCatalogue({ ...sources, indicatorsId: { ...sources.indicatorsId, '2-2-1-title': ' ' } })).toThrow(/2-2-1-title/);
  });

  it('finds targets of one goal by whole code segments, not by string prefix', () => {
    expect(codes(searchSdgTargets(catalogue, { goal: '1' }))).toEqual(['1.2', '1.10', '1.a']);
  });
});

describe('searching the SDG catalogue', () => {
  it('searches Indonesian titles by default, in any case', () => {
    expect(codes(searchSdgIndicators(catalogue, { q: 'kemiskinan' }))).toEqual(['1.2.1', '1.2.2']);
    expect(codes(searchSdgIndicators(catalogue, { q: 'STUNTING' }))).toEqual(['2.2.1']);
    expect(codes(searchSdgTargets(catalogue, { q: 'pertumbuhan pendapatan' }))).toEqual(['10.1']);
  });

  it('needs every word of the query, in any order', () => {
    expect(codes(searchSdgIndicators(catalogue, { q: 'air minum' }))).toEqual(['6.1.1']);
    expect(codes(searchSdgIndicators(catalogue, { q: 'minum aman' }))).toEqual(['6.1.1']);
    expect(codes(searchSdgIndicators(catalogue, { q: 'air kemiskinan' }))).toEqual([]);
  });

  it('finds a root word after an Indonesian prefix, but not inside other words nor in English titles', () => {
    expect(codes(searchSdgIndicators(catalogue, { q: 'miskin' }))).toEqual(['1.2.1', '1.2.2']);
    expect(matchesSdgSearch('lindung', '1.3', 'Menerapkan sistem perlindungan sosial', 'id')).toBe(true);
    expect(matchesSdgSearch('nasional', '1.1.1', 'garis kemiskinan internasional', 'id')).toBe(false);
    expect(matchesSdgSearch('air', '6.1.1', 'pairing', 'id')).toBe(false);
    expect(matchesSdgSearch('cure', '1.4.2', 'secure tenure', 'en')).toBe(false);
  });

  it('ignores diacritics on either side', () => {
    expect(foldForSearch('Pengelolaan Éko-Wisata')).toBe('pengelolaan eko-wisata');
    expect(matchesSdgSearch('ekowisata', '8.9', 'Pariwisata berkelanjutan (ékowisata)', 'id')).toBe(true);
    expect(matchesSdgSearch('Ékowisata', '8.9', 'ekowisata', 'id')).toBe(true);
    expect(matchesSdgSearch('éko', '8.9', 'ekowisata', 'id')).toBe(true);
  });

  it('searches English titles when English is asked for, and not the Indonesian ones', () => {
    expect(codes(searchSdgIndicators(catalogue, { q: 'poverty', language: 'en' }))).toEqual(['1.2.1', '1.2.2']);
    expect(codes(searchSdgIndicators(catalogue, { q: 'poverty' }))).toEqual([]);
    expect(codes(searchSdgIndicators(catalogue, { q: 'kemiskinan', language: 'en' }))).toEqual([]);
  });

  it('finds codes by whole segments within a target', () => {
    expect(codes(searchSdgIndicators(catalogue, { q: '1.2.1' }))).toEqual(['1.2.1']);
    expect(codes(searchSdgIndicators(catalogue, { q: '1.2' }))).toEqual(['1.2.1', '1.2.2']);
    expect(codes(searchSdgIndicators(catalogue, { q: '0.1' }))).toEqual([]);
    expect(codes(searchSdgIndicators(catalogue, { target: '1.2', q: 'multidimensi' }))).toEqual(['1.2.2']);
  });

  it('searches goals by their name and title in the chosen language', () => {
    expect(codes(searchSdgGoals(catalogue, { q: 'kesenjangan' }))).toEqual(['10']);
    expect(codes(searchSdgGoals(catalogue, { q: 'inequalities', language: 'en' }))).toEqual(['10']);
  });
});
