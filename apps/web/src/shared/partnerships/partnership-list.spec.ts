import { partnershipListOf } from './partnership-list';

describe('partnershipListOf', () => {
  const row = {
    partnershipId: 'p1',
    name: 'Stunting',
    stage: 'formation',
    status: 'active',
    sdgGoals: [2, 3],
    region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
    health: 'at_risk',
  };

  it('reads the rows of the page, how many there are in all, the next page and the services that did not answer', () => {
    expect(
      partnershipListOf({ items: [row], total: 51, nextCursor: 'c2', unavailable: ['monitoring'] }),
    ).toEqual({
      items: [row],
      total: 51,
      nextCursor: 'c2',
      unavailable: ['monitoring'],
    });
  });

  it('leaves out rows it cannot show', () => {
    expect(
      partnershipListOf({
        items: [{ ...row, partnershipId: undefined }, { ...row, sdgGoals: ['2'] }, null, 'x'],
      }).items,
    ).toEqual([]);
    expect(partnershipListOf(undefined)).toEqual({ items: [], total: 0, unavailable: [] });
  });
});
