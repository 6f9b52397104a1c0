import type { FundingView } from '@mitra/contracts';
import { fundingStatus, partnershipOrganisations } from './funding-status';

describe('the funding status', () => {
  const plan = {} as NonNullable<FundingView['plan']>;
  const commitment = {} as FundingView['commitments'][number];

  it('is committed once the plan has a commitment, as the Formation gate reads it', () => {
    expect(fundingStatus({ commitments: [] })).toBe('no_plan');
    expect(fundingStatus({ plan, commitments: [] })).toBe('planned');
    expect(fundingStatus({ plan, commitments: [commitment] })).toBe('committed');
  });

  it('offers the lead and the partners still in the partnership, once each', () => {
    expect(
      partnershipOrganisations({
        leadOrganisationId: 'city',
        partners: [
          { organisationId: 'forum', role: 'partner', joinedAt: '' },
          { organisationId: 'gone', role: 'partner', joinedAt: '', withdrawnAt: '2026-01-01' },
          { organisationId: 'city', role: 'partner', joinedAt: '' },
        ],
      }),
    ).toEqual(['city', 'forum']);
  });
});
