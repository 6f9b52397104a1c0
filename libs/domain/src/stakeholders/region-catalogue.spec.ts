import { isWithinRegion, RegionCatalogue, regionCodePath, regionLevelOf } from './region-catalogue';

const catalogue = new RegionCatalogue([
  { code: '32', name: 'Jawa Barat' },
  { code: '33', name: 'Jawa Tengah' },
  { code: '32.04', name: 'Kabupaten Bandung' },
  { code: '32.17', name: 'Kabupaten Bandung Barat' },
  { code: '32.73', name: 'Kota Bandung' },
  { code: '33.01', name: 'Kabupaten Cilacap' },
  { code: '32.73.01', name: 'Sukasari' },
  { code: '32.73.14', name: 'Lengkong' },
  { code: '32.73.14.1002', name: 'Cijagra' },
  { code: '32.73.14.1006', name: 'Cikawao' },
  { code: '32.73.01.1001', name: 'Sukarasa' },
  // Two villages of one name in one district: names alone cannot tell them apart.
  { code: '33.01.01', name: 'Dayeuhluhur' },
  { code: '33.01.01.2001', name: 'Bolang' },
  { code: '33.01.01.2002', name: 'Bolang' },
]);

describe('region codes', () => {
  it('tell their level, their parents and what lies within', () => {
    expect(['32', '32.73', '32.73.14', '32.73.14.1002'].map(regionLevelOf)).toEqual([
      'province',
      'regency',
      'district',
      'village',
    ]);
    expect(regionCodePath('32.73.14.1002')).toEqual(['32', '32.73', '32.73.14', '32.73.14.1002']);
    expect(isWithinRegion('32.73.14.1002', '32.73')).toBe(true);
    expect(isWithinRegion('32.73', '32.73')).toBe(true);
    // A code that merely begins with the same digits is another region.
    expect(isWithinRegion('32.7', '32.73')).toBe(false);
    expect(isWithinRegion('32.731', '32.73')).toBe(false);
  });
});

describe('RegionCatalogue', () => {
  it('reads a region with the names above it', () => {
    expect(catalogue.get('32.73.14.1002')).toEqual({
      code: '32.73.14.1002',
      name: 'Cijagra',
      level: 'village',
      parents: [
        { code: '32', name: 'Jawa Barat' },
        { code: '32.73', name: 'Kota Bandung' },
        { code: '32.73.14', name: 'Lengkong' },
      ],
    });
    expect(catalogue.get('32.99')).toBeUndefined();
  });

  it('finds regions by the beginnings of their words, provinces first, within a region and at a level', () => {
    expect(catalogue.search({ name: 'band', limit: 10 }).map((r) => r.code)).toEqual([
      '32.04',
      '32.17',
      '32.73',
    ]);
    expect(catalogue.search({ name: 'BARAT band', limit: 10 }).map((r) => r.code)).toEqual(['32.17']);
    expect(catalogue.search({ within: '32.73', level: 'village', limit: 10 }).map((r) => r.name)).toEqual([
      'Cijagra',
      'Cikawao',
      'Sukarasa',
    ]);
    expect(catalogue.search({ within: '32.73', limit: 2 }).map((r) => r.code)).toEqual([
      '32.73.14',
      '32.73.01',
    ]);
    expect(catalogue.search({ name: 'zz', limit: 10 })).toEqual([]);
  });

  it('gives a code its official names', () => {
    expect(catalogue.resolve({ code: '32.73.14.1002' })).toEqual({
      region: {
        code: '32.73.14.1002',
        province: 'Jawa Barat',
        regency: 'Kota Bandung',
        district: 'Lengkong',
        village: 'Cijagra',
      },
    });
    expect(
      catalogue.resolve({ code: '32.73', regency: 'kota  BANDUNG', province: 'Provinsi Jawa Barat' }),
    ).toEqual({
      region: { code: '32.73', province: 'Jawa Barat', regency: 'Kota Bandung' },
    });
  });

  it('refuses a code that is not official, and names that contradict the code', () => {
    expect(catalogue.resolve({ code: '32.99' })).toEqual({
      refusal: { code: 'stakeholders.region_unknown', field: 'region.code', params: { code: '32.99' } },
    });
    expect(catalogue.resolve({ code: '32.73', regency: 'Kabupaten Bandung' })).toEqual({
      refusal: {
        code: 'stakeholders.region_names_disagree',
        field: 'region.regency',
        params: { code: '32.73', given: 'Kabupaten Bandung', official: 'Kota Bandung' },
      },
    });
    expect(catalogue.resolve({ code: '32.73', district: 'Lengkong', regency: 'Kota Bandung' })).toMatchObject(
      {
        refusal: { field: 'region.district', params: { official: '' } },
      },
    );
  });

  it('codes names that lead to exactly one region, and leaves the others uncoded', () => {
    expect(
      catalogue.resolve({
        province: 'Jawa Barat',
        regency: 'Kota Bandung',
        district: 'Lengkong',
        village: 'cikawao',
      }),
    ).toEqual({
      region: {
        code: '32.73.14.1006',
        province: 'Jawa Barat',
        regency: 'Kota Bandung',
        district: 'Lengkong',
        village: 'cikawao',
      },
    });
    expect(catalogue.resolve({ province: 'Jawa Barat', regency: 'Bandung Barat' })).toEqual({
      region: { code: '32.17', province: 'Jawa Barat', regency: 'Bandung Barat' },
    });
    // "Bandung" is the regency and the city; two villages are called Bolang; Atlantis is nowhere.
    for (const region of [
      { province: 'Jawa Barat', regency: 'Bandung' },
      { province: 'Jawa Tengah', regency: 'Kab. Cilacap', district: 'Dayeuhluhur', village: 'Bolang' },
      { province: 'Atlantis' },
    ]) {
      expect(catalogue.resolve(region)).toEqual({ region });
    }
    expect(catalogue.resolve({ province: 'Jawa Barat', regency: 'Kota Bandung' })).toEqual({
      region: { code: '32.73', province: 'Jawa Barat', regency: 'Kota Bandung' },
    });
  });
});
