import { filtersFromSearch, searchOfFilters } from './filters';

describe('partnership filters', () => {
  it('read valid filters from the address', () => {
    expect(
      filtersFromSearch(
        new URLSearchParams('stage=formation&sdg=3&region=%20Kota%20Bandung%20&health=at_risk'),
      ),
    ).toEqual({
      stage: 'formation',
      sdg: '3',
      region: 'Kota Bandung',
      health: 'at_risk',
    });
  });

  it('drop values that are not filters', () => {
    expect(
      filtersFromSearch(new URLSearchParams('stage=launch&sdg=18&region=%20&health=fine&other=1')),
    ).toEqual({});
    expect(filtersFromSearch(new URLSearchParams('sdg=0'))).toEqual({});
    expect(filtersFromSearch(new URLSearchParams('sdg=17'))).toEqual({ sdg: '17' });
  });

  it('write back only the filters that are set, and read back the same', () => {
    const filters = { stage: 'implementation', sdg: '2', region: 'Jawa Barat' } as const;
    const search = searchOfFilters(filters);
    expect(search.toString()).toBe('stage=implementation&sdg=2&region=Jawa+Barat');
    expect(filtersFromSearch(search)).toEqual(filters);
  });
});
