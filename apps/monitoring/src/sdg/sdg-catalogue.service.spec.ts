import { loadSdgCatalogue } from './sdg-catalogue.service';

describe('the bundled SDG catalogue', () => {
  const catalogue = loadSdgCatalogue();

  it('has the 17 goals with Indonesian and English names', () => {
    expect(catalogue.goals).toHaveLength(17);
    expect(catalogue.goals[0]).toMatchObject({ code: '1', nameId: 'Tanpa Kemiskinan', nameEn: 'No poverty' });
    expect(catalogue.goals.every((g) => g.nameId && g.nameEn && g.titleEn)).toBe(true);
  });

  it('has the 169 targets and the global indicators, each under an existing target', () => {
    expect(catalogue.targets).toHaveLength(169);
    const targets = new Set(catalogue.targets.map((t) => t.code));
    expect(catalogue.indicators.length).toBeGreaterThan(200);
    expect(catalogue.indicators.every((i) => targets.has(i.target))).toBe(true);
  });
});
