import type { StakeholderEntry } from '@mitra/contracts';
import { stakeholderSeries } from './stakeholder-chart';

const entry = (overrides: Partial<StakeholderEntry>): StakeholderEntry => ({
  organisationId: '0'.repeat(24),
  name: 'Organisation',
  sector: 'cso',
  vulnerableGroups: [],
  interest: 3,
  influence: 3,
  role: 'partner',
  ...overrides,
});

describe('stakeholderSeries', () => {
  it('groups the stakeholders by role, in the order of the roles, with their scores', () => {
    const entries = [
      entry({ name: 'Dinkes', role: 'partner', interest: 4, influence: 5 }),
      entry({ name: 'Bappelitbang', role: 'lead', interest: 5, influence: 5 }),
      entry({ name: 'PKK', role: 'beneficiary', interest: 5, influence: 1 }),
    ];
    const series = stakeholderSeries(entries, (role) => `role:${role}`);
    expect(series).toEqual([
      { role: 'lead', name: 'role:lead', color: 'mitra.7', data: [{ interest: 5, influence: 5, entry: 1 }] },
      {
        role: 'partner',
        name: 'role:partner',
        color: 'blue.6',
        data: [{ interest: 4, influence: 5, entry: 0 }],
      },
      {
        role: 'beneficiary',
        name: 'role:beneficiary',
        color: 'orange.6',
        data: [{ interest: 5, influence: 1, entry: 2 }],
      },
    ]);
  });

  it('moves stakeholders with the same scores apart, close to their scores', () => {
    const entries = [entry({ role: 'partner' }), entry({ role: 'supporter' }), entry({ role: 'partner' })];
    const points = stakeholderSeries(entries, String).flatMap((s) => s.data);
    const positions = new Set(points.map((p) => `${p.interest}:${p.influence}`));
    expect(positions.size).toBe(3);
    for (const point of points) {
      expect(Math.hypot(point.interest - 3, point.influence - 3)).toBeCloseTo(0.18, 2);
    }
  });

  it('draws nothing for an empty map', () => {
    expect(stakeholderSeries([], String)).toEqual([]);
  });
});
