import type { Sector, StakeholderEntry, StakeholderRole, VulnerableGroup } from '@mitra/contracts';
import { assessInclusiveness } from './inclusiveness';

let next = 0;
function entry(sector: Sector, options: { role?: StakeholderRole; influence?: number; groups?: VulnerableGroup[]; name?: string } = {}): StakeholderEntry {
  next += 1;
  return {
    organisationId: `org-${next}`,
    name: options.name ?? `${sector} ${next}`,
    sector,
    vulnerableGroups: options.groups ?? [],
    interest: 3,
    influence: options.influence ?? 3,
    role: options.role ?? 'partner',
  };
}

describe('the "leave no one behind" check of a stakeholder map', () => {
  it('passes a map with a CSO, a community group and an organisation representing women', () => {
    const check = assessInclusiveness([entry('government_regency', { role: 'lead' }), entry('cso', { groups: ['women'] }), entry('community', { role: 'beneficiary' })]);
    expect(check.passed).toBe(true);
    expect(check.flags).toEqual([]);
  });

  it('flags a map without a CSO', () => {
    expect(assessInclusiveness([entry('community', { groups: ['women'] }), entry('business')]).flags).toEqual(['no_cso']);
  });

  it('flags a map without a community group', () => {
    expect(assessInclusiveness([entry('cso', { groups: ['women'] })]).flags).toEqual(['no_community']);
  });

  it("flags a map in which nobody represents women, even with a CSO and a community group", () => {
    const check = assessInclusiveness([entry('cso', { groups: ['poor'] }), entry('community', { groups: ['people_with_disabilities'] })]);
    expect(check.passed).toBe(false);
    expect(check.flags).toEqual(['no_women_representation']);
  });

  it('flags an empty map on all three counts', () => {
    expect(assessInclusiveness([]).flags).toEqual(['no_cso', 'no_community', 'no_women_representation']);
  });

  it('counts the sectors present in the order of the sector list', () => {
    const { summary } = assessInclusiveness([entry('business'), entry('cso'), entry('business'), entry('government_national')]);
    expect(summary.sectorsPresent).toEqual([
      { sector: 'government_national', count: 1 },
      { sector: 'cso', count: 1 },
      { sector: 'business', count: 2 },
    ]);
  });

  it('names who represents each vulnerable group', () => {
    const women = entry('cso', { groups: ['women', 'poor'] });
    const disability = entry('community', { groups: ['people_with_disabilities'] });
    expect(assessInclusiveness([women, disability, entry('media')]).summary.representation).toEqual({
      women: [women.organisationId],
      people_with_disabilities: [disability.organisationId],
      poor: [women.organisationId],
    });
  });

  it('lists stakeholders with high influence but no seat, most influential first', () => {
    const ministry = entry('government_national', { role: 'supporter', influence: 5, name: 'Kementerian' });
    const donor = entry('international_donor', { role: 'evaluator', influence: 4, name: 'Donor' });
    const { summary } = assessInclusiveness([
      ministry,
      donor,
      entry('government_regency', { role: 'lead', influence: 5 }),
      entry('business', { role: 'partner', influence: 4 }),
      entry('community', { role: 'beneficiary', influence: 3 }),
    ]);
    expect(summary.highInfluenceWithoutSeat).toEqual([
      { organisationId: ministry.organisationId, name: 'Kementerian', influence: 5, role: 'supporter' },
      { organisationId: donor.organisationId, name: 'Donor', influence: 4, role: 'evaluator' },
    ]);
  });
});
