import { findDuplicatePairs, isLikelyDuplicate, organisationIdentity, organisationNameKey, regionNameKey, type IdentifiedOrganisation } from './organisation-identity';

const bandung = { province: 'Jawa Barat', regency: 'Kota Bandung' };

describe('organisation name key', () => {
  it('ignores case, spacing and punctuation', () => {
    expect(organisationNameKey('  Forum   CSR, Kota-Bandung ')).toBe(organisationNameKey('forum csr kota bandung'));
  });

  it('treats legal-form prefixes and suffixes such as PT, Yayasan and Tbk as optional', () => {
    expect(organisationNameKey('PT. Bumi Hijau Tbk.')).toBe(organisationNameKey('Bumi Hijau'));
    expect(organisationNameKey('P.T. Bumi Hijau (Persero)')).toBe(organisationNameKey('bumi hijau'));
    expect(organisationNameKey('Yayasan Kasih Ibu')).toBe(organisationNameKey('Kasih Ibu'));
  });

  it('ignores accents and word order', () => {
    expect(organisationNameKey('SDGs Center Universitas Padjadjaran')).toBe(organisationNameKey('Universitas Padjadjaran SDGs Center'));
    expect(organisationNameKey('Café Inklusi')).toBe(organisationNameKey('cafe inklusi'));
  });

  it('keeps a name that is only a legal form', () => {
    expect(organisationNameKey('Yayasan')).toBe('yayasan');
  });

  it('keeps words that are not legal forms, so different organisations stay apart', () => {
    expect(organisationNameKey('Yayasan Kasih Ibu')).not.toBe(organisationNameKey('Yayasan Kasih Anak'));
  });
});

describe('region name key', () => {
  it('expands abbreviations and drops "Provinsi" before a province', () => {
    expect(regionNameKey('Kab. Bandung')).toBe('kabupaten bandung');
    expect(regionNameKey('Provinsi Jawa Barat', 'province')).toBe(regionNameKey('jawa  barat', 'province'));
  });

  it('keeps a city and a regency of the same name apart', () => {
    expect(regionNameKey('Kota Bandung')).not.toBe(regionNameKey('Kabupaten Bandung'));
  });
});

describe('likely duplicates', () => {
  it('are the same normalised name in the same province and regency', () => {
    expect(isLikelyDuplicate(organisationIdentity({ name: 'Forum CSR Kota Bandung', region: bandung }), organisationIdentity({ name: 'forum csr kota-bandung', region: { province: 'Provinsi Jawa Barat', regency: 'kota bandung' } }))).toBe(true);
  });

  it('include a record that leaves the regency out', () => {
    expect(isLikelyDuplicate(organisationIdentity({ name: 'Forum CSR', region: bandung }), organisationIdentity({ name: 'Forum CSR', region: { province: 'Jawa Barat' } }))).toBe(true);
  });

  it('exclude the same name in another regency or province', () => {
    const forum = organisationIdentity({ name: 'Forum CSR', region: bandung });
    expect(isLikelyDuplicate(forum, organisationIdentity({ name: 'Forum CSR', region: { province: 'Jawa Barat', regency: 'Kabupaten Bandung' } }))).toBe(false);
    expect(isLikelyDuplicate(forum, organisationIdentity({ name: 'Forum CSR', region: { province: 'Bali', regency: 'Kota Bandung' } }))).toBe(false);
  });
});

describe('finding duplicate pairs', () => {
  const record = (id: string, name: string, region: { province: string; regency?: string }, acknowledgedDuplicateOf: string[] = []): IdentifiedOrganisation => ({
    id,
    ...organisationIdentity({ name, region }),
    acknowledgedDuplicateOf,
  });

  it('lists each pair of likely duplicates once, and no organisation without a twin', () => {
    const pairs = findDuplicatePairs([
      record('c', 'PT Bumi Hijau', bandung),
      record('a', 'Bumi Hijau', bandung),
      record('b', 'bumi  hijau', { province: 'Jawa Barat' }),
      record('d', 'Bumi Hijau', { province: 'Jawa Barat', regency: 'Kota Cimahi' }),
      record('e', 'Yayasan Lain', bandung),
    ]);
    expect(pairs).toEqual([
      { firstId: 'a', secondId: 'b', acknowledged: false },
      { firstId: 'a', secondId: 'c', acknowledged: false },
      { firstId: 'b', secondId: 'c', acknowledged: false },
      { firstId: 'b', secondId: 'd', acknowledged: false },
    ]);
  });

  it('marks a pair acknowledged when either record was registered against the other', () => {
    expect(findDuplicatePairs([record('a', 'Forum CSR', bandung), record('b', 'Forum CSR', bandung, ['a'])])).toEqual([
      { firstId: 'a', secondId: 'b', acknowledged: true },
    ]);
  });
});
