import { buildSdgCatalogue, compareCodes, searchSdgIndicators, searchSdgTargets } from './sdg-catalogue';

const catalogue = buildSdgCatalogue({
  goalsEn: { '1-short': 'No poverty', '1-title': 'End poverty', '10-short': 'Reduced inequalities', '10-title': 'Reduce inequality' },
  goalsId: { '1-short': 'Tanpa Kemiskinan', '10-short': 'Berkurangnya Kesenjangan' },
  targetsEn: { '1-a-title': 'Mobilise resources', '1-10-title': 'Invented', '1-2-title': 'Halve  poverty\n  by 2030', '10-1-title': 'Income growth' },
  indicatorsEn: { '1-2-1-title': 'Poverty line', '1-2-2-title': 'Multidimensional POVERTY', '10-1-1-title': 'Income growth rates' },
});

describe('SDG catalogue', () => {
  it('orders codes numerically, numbered targets before lettered ones', () => {
    expect(catalogue.targets.map((t) => t.code)).toEqual(['1.2', '1.10', '1.a', '10.1']);
    expect(compareCodes('1.5', '1.a')).toBeLessThan(0);
  });

  it('gives each goal its Indonesian and English names', () => {
    expect(catalogue.goals[0]).toEqual({ code: '1', nameId: 'Tanpa Kemiskinan', nameEn: 'No poverty', titleEn: 'End poverty' });
  });

  it('joins wrapped titles into one line', () => {
    expect(catalogue.targets[0]?.titleEn).toBe('Halve poverty by 2030');
  });

  it('finds targets of one goal by whole code segments, not by string prefix', () => {
    expect(searchSdgTargets(catalogue, { goal: '1' }).map((t) => t.code)).toEqual(['1.2', '1.10', '1.a']);
  });

  it('searches indicator titles case-insensitively within a target', () => {
    expect(searchSdgIndicators(catalogue, { target: '1.2', q: 'poverty' }).map((i) => i.code)).toEqual(['1.2.1', '1.2.2']);
    expect(searchSdgIndicators(catalogue, { q: 'income' }).map((i) => i.code)).toEqual(['10.1.1']);
  });
});
