import type { SdgGoal, SdgIndicator, SdgTarget } from '@mitra/contracts';
import {
  chosenTargetOptions,
  indicatorOptions,
  sdgOptionsFilter,
  targetOptions,
  titlesByCode,
} from './sdg-options';

const goals: SdgGoal[] = [
  {
    code: '12',
    nameId: 'Konsumsi dan Produksi yang Bertanggung Jawab',
    nameEn: 'Responsible Consumption and Production',
    titleId: '',
    titleEn: '',
  },
  {
    code: '11',
    nameId: 'Kota dan Permukiman yang Berkelanjutan',
    nameEn: 'Sustainable Cities and Communities',
    titleId: '',
    titleEn: '',
  },
  {
    code: '6',
    nameId: 'Air Bersih dan Sanitasi Layak',
    nameEn: 'Clean Water and Sanitation',
    titleId: '',
    titleEn: '',
  },
];
const targets: SdgTarget[] = [
  {
    code: '11.a',
    goal: '11',
    titleId: 'Mendukung hubungan ekonomi, sosial, dan lingkungan yang positif',
    titleEn: 'Support positive economic, social and environmental links',
  },
  {
    code: '11.6',
    goal: '11',
    titleId: 'Pada tahun 2030, mengurangi dampak lingkungan perkotaan per kapita yang merugikan',
    titleEn: 'By 2030, reduce the adverse per capita environmental impact of cities',
  },
  {
    code: '12.5',
    goal: '12',
    titleId: 'Pada tahun 2030, secara substansial mengurangi produksi limbah',
    titleEn: 'By 2030, substantially reduce waste generation',
  },
  {
    code: '6.1',
    goal: '6',
    titleId: 'Pada tahun 2030, mencapai akses universal dan merata terhadap air minum yang aman',
    titleEn: 'By 2030, achieve universal and equitable access to safe drinking water',
  },
];
const indicators: SdgIndicator[] = [
  {
    code: '11.6.1',
    target: '11.6',
    goal: '11',
    titleId: 'Proporsi sampah kota yang terkumpul',
    titleEn: 'Proportion of municipal solid waste collected',
  },
  {
    code: '12.5.1',
    target: '12.5',
    goal: '12',
    titleId: 'Tingkat daur ulang nasional, ton bahan yang didaur ulang',
    titleEn: 'National recycling rate, tons of material recycled',
  },
  {
    code: '11.6.2',
    target: '11.6',
    goal: '11',
    titleId: 'Rata-rata tahunan partikulat halus',
    titleEn: 'Annual mean levels of fine particulate matter',
  },
  {
    code: '6.1.1',
    target: '6.1',
    goal: '6',
    titleId: 'Proporsi populasi yang menggunakan layanan air minum yang dikelola secara aman',
    titleEn: 'Proportion of population using safely managed drinking water services',
  },
];

const values = (groups: { items: { value: string }[] }[]) =>
  groups.flatMap((group) => group.items.map((item) => item.value));

describe('SDG catalogue options', () => {
  it('groups every target under its goal, in catalogue order, titled in Bahasa Indonesia', () => {
    const options = targetOptions(targets, goals, 'id', null, []);
    expect(options.map((group) => [group.group, group.items.map((item) => item.value)])).toEqual([
      ['6. Air Bersih dan Sanitasi Layak', ['6.1']],
      ['11. Kota dan Permukiman yang Berkelanjutan', ['11.6', '11.a']],
      ['12. Konsumsi dan Produksi yang Bertanggung Jawab', ['12.5']],
    ]);
    expect(options[1].items[0].label).toBe(
      '11.6 Pada tahun 2030, mengurangi dampak lingkungan perkotaan per kapita yang merugikan',
    );
  });

  it('names goals and targets in English when the user reads English', () => {
    const [water] = targetOptions(targets, goals, 'en', null, []);
    expect(water.group).toBe('6. Clean Water and Sanitation');
    expect(water.items[0].label).toBe(
      '6.1 By 2030, achieve universal and equitable access to safe drinking water',
    );
  });

  it('narrows to one goal but keeps the targets already chosen', () => {
    expect(values(targetOptions(targets, goals, 'id', '11', ['12.5']))).toEqual(['11.6', '11.a', '12.5']);
  });

  it('shortens long titles so the options stay readable', () => {
    const long = { code: '1.1', goal: '1', titleId: 'x'.repeat(200), titleEn: 'y' };
    const [group] = targetOptions(
      [long],
      [{ code: '1', nameId: 'Tanpa Kemiskinan', nameEn: 'No Poverty', titleId: '', titleEn: '' }],
      'id',
      null,
      [],
    );
    expect(group.items[0].label).toHaveLength('1.1 '.length + 90);
    expect(group.items[0].label.endsWith('…')).toBe(true);
  });

  it('offers the catalogue indicators of the chosen targets only, in the user language', () => {
    const options = indicatorOptions(indicators, ['12.5', '11.6'], 'id');
    expect(options.map((group) => [group.group, group.items.map((item) => item.value)])).toEqual([
      ['11.6', ['11.6.1', '11.6.2']],
      ['12.5', ['12.5.1']],
    ]);
    expect(options[0].items[0].label).toBe('11.6.1 Proporsi sampah kota yang terkumpul');
    expect(indicatorOptions(indicators, [], 'id')).toEqual([]);
  });

  it('titles the chosen targets for an indicator of the partnership’s own', () => {
    expect(chosenTargetOptions(targets, ['12.5', '9.9'], 'en')).toEqual([
      { value: '9.9', label: '9.9' },
      { value: '12.5', label: '12.5 By 2030, substantially reduce waste generation' },
    ]);
  });
});

describe('searching the SDG options', () => {
  const search = (query: string, language: 'id' | 'en') =>
    values(
      sdgOptionsFilter(
        titlesByCode(indicators, language),
        language,
      )({
        options: indicatorOptions(indicators, ['6.1', '11.6', '12.5'], language),
        search: query,
        limit: Infinity,
      }) as { items: { value: string }[] }[],
    );

  it('finds indicators by Indonesian words in any case, wherever they sit in the title', () => {
    expect(search('air minum', 'id')).toEqual(['6.1.1']);
    expect(search('SAMPAH', 'id')).toEqual(['11.6.1']);
    expect(search('daur ulang', 'id')).toEqual(['12.5.1']);
  });

  it('finds them by a code, whole segments only', () => {
    expect(search('11.6', 'id')).toEqual(['11.6.1', '11.6.2']);
    expect(search('1.6', 'id')).toEqual([]);
  });

  it('searches the title of the user language', () => {
    expect(search('waste', 'en')).toEqual(['11.6.1']);
    expect(search('waste', 'id')).toEqual([]);
  });

  it('searches the full title, not the shortened label', () => {
    const long: SdgIndicator = { ...indicators[0], titleId: `${'kata '.repeat(30)}stunting` };
    const titles = titlesByCode([long], 'id');
    const options = indicatorOptions([long], ['11.6'], 'id');
    expect(options[0].items[0].label).not.toContain('stunting');
    expect(
      values(
        sdgOptionsFilter(titles, 'id')({ options, search: 'stunting', limit: Infinity }) as typeof options,
      ),
    ).toEqual(['11.6.1']);
  });
});
