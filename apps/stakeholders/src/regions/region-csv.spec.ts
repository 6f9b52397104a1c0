import { csvFields, readOfficialRegions } from './region-csv';
import { RegionCatalogue } from '@mitra/domain';

describe('the official region files', () => {
  it('split quoted fields, commas and doubled quotes included', () => {
    expect(csvFields('12.07.28.1007,12.07.28,"Lubuk Pakam I,II"')).toEqual([
      '12.07.28.1007',
      '12.07.28',
      'Lubuk Pakam I,II',
    ]);
    expect(csvFields('35.13.15.2017,35.13.15,"Soka""an"')).toEqual(['35.13.15.2017', '35.13.15', 'Soka"an']);
    expect(csvFields('a,,b')).toEqual(['a', '', 'b']);
    expect(() => csvFields('a,"b')).toThrow(/unclosed quote/);
  });

  it('hold every level of the country, each region under its parent', () => {
    const rows = readOfficialRegions();
    const catalogue = new RegionCatalogue(rows);
    const counts = { province: 0, regency: 0, district: 0, village: 0 };
    for (const { code } of rows) counts[catalogue.get(code)!.level]++;
    // idn-area-data 4.0.1: 38 provinces, 514 regencies and cities, 7,285 districts, 83,762 villages.
    expect(counts).toEqual({ province: 38, regency: 514, district: 7285, village: 83762 });
    expect(catalogue.size).toBe(rows.length);
    expect(
      rows.every(({ code }) => catalogue.get(code)!.parents.every((parent) => parent.name !== parent.code)),
    ).toBe(true);
    expect(catalogue.get('32.73')?.name).toBe('Kota Bandung');
    expect(catalogue.get('12.07.28.1007')?.name).toBe('Lubuk Pakam I,II');
  });
});
