import type { PublicIndicator } from '@mitra/contracts';
import {
  chartPoints,
  inReportOrder,
  jakartaYear,
  publicReportPath,
  yearChoices,
  yearParam,
} from './publication';

describe('publication model', () => {
  it('counts years in Jakarta: New Year comes seven hours before it does in UTC', () => {
    expect(jakartaYear('2025-12-31T16:59:59Z')).toBe(2025);
    expect(jakartaYear('2025-12-31T17:00:00Z')).toBe(2026);
  });

  it('offers the years from the start of the partnership to this year, newest first', () => {
    expect(yearChoices('2024-03-01T00:00:00Z', new Date('2026-11-26T03:00:00Z'))).toEqual([2026, 2025, 2024]);
    expect(yearChoices('2026-12-31T18:00:00Z', new Date('2026-11-26T03:00:00Z'))).toEqual([2026]);
  });

  it('keeps the report order of the sections', () => {
    expect(inReportOrder(['indicators', 'governance', 'anggaran'])).toEqual(['governance', 'indicators']);
  });

  it('takes only a plausible year from the address, and builds the public address', () => {
    expect(yearParam('2026')).toBe(2026);
    expect([yearParam('1999'), yearParam('20x6'), yearParam(undefined), yearParam('02026')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(publicReportPath('abc 1', 2026)).toBe('/publik/kemitraan/abc%201/2026');
  });

  it('charts each period of the year against target and baseline', () => {
    const indicator = {
      baseline: { value: 30, date: '2025-12-31' },
      periods: [
        { periodNumber: 1, start: '2026-01-01', end: '2026-03-31', value: 29, target: null },
        { periodNumber: 2, start: '2026-04-01', end: '2026-06-30', value: null, target: 25 },
      ],
    } as PublicIndicator;
    expect(chartPoints(indicator)).toEqual([
      { period: 1, value: 29, target: null, baseline: 30 },
      { period: 2, value: null, target: 25, baseline: 30 },
    ]);
  });
});
