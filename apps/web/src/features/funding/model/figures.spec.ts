import type { FundingSummary } from '@mitra/contracts';
import { partnerBars, realisation, yearBars } from './figures';

const zero = { planned: 0, committed: 0, committedInKind: 0, received: 0, disbursed: 0, spent: 0 };

const summary = {
  byPartner: [
    { ...zero, organisationId: 'forum', committed: 300, received: 200, disbursed: 75, spent: 60 },
    { ...zero, organisationId: 'lpm', committedInKind: 50 },
    { ...zero, organisationId: 'city', planned: 450 },
  ],
  byYear: [
    { year: 2027, planned: 100, committed: 0, received: 0, disbursed: 0, spent: 0 },
    { year: 2026, planned: 350, committed: 300, received: 200, disbursed: 75, spent: 60 },
  ],
} as unknown as FundingSummary;

describe('the funding figures for the charts', () => {
  it('charts each partner that moved or committed money, by name', () => {
    expect(partnerBars(summary, (id) => `Org ${id}`)).toEqual([
      {
        organisationId: 'forum',
        organisation: 'Org forum',
        committed: 300,
        inKind: 0,
        received: 200,
        disbursed: 75,
        spent: 60,
      },
      {
        organisationId: 'lpm',
        organisation: 'Org lpm',
        committed: 0,
        inKind: 50,
        received: 0,
        disbursed: 0,
        spent: 0,
      },
    ]);
  });

  it('charts plan against actual per year, in year order', () => {
    expect(yearBars(summary).map((bar) => [bar.year, bar.planned, bar.spent])).toEqual([
      ['2026', 350, 60],
      ['2027', 100, 0],
    ]);
  });

  it('tells the share of the plan spent, and nothing without a plan', () => {
    expect(realisation(400, 100)).toBe(0.25);
    expect(realisation(0, 100)).toBeNull();
  });
});
