import type { SdgIndicator, SdgTarget } from '@mitra/contracts';
import { sdgTitleOf } from './sdg-catalogue';

const targets: SdgTarget[] = [
  {
    code: '6.1',
    goal: '6',
    titleId: 'Pada tahun 2030, mencapai akses air minum',
    titleEn: 'By 2030, achieve access to drinking water',
  },
];
const indicators: SdgIndicator[] = [
  {
    code: '6.1.1',
    target: '6.1',
    goal: '6',
    titleId: 'Proporsi penduduk …',
    titleEn: 'Proportion of population …',
  },
];

describe('SDG titles by code', () => {
  it('titles a target or an indicator code in the language asked for', () => {
    expect(sdgTitleOf({ targets, indicators }, '6.1', 'id')).toBe(
      'Pada tahun 2030, mencapai akses air minum',
    );
    expect(sdgTitleOf({ targets, indicators }, '6.1.1', 'en')).toBe('Proportion of population …');
  });

  it('knows no title for an unknown code or while the catalogue loads', () => {
    expect(sdgTitleOf({ targets, indicators }, '6.9', 'id')).toBeUndefined();
    expect(sdgTitleOf({}, '6.1.1', 'id')).toBeUndefined();
  });
});
