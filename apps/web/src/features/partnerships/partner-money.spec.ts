import type { FundingSummary, PartnerFigures } from '@mitra/contracts';
import { partnerMoney } from './partner-money';

const figures = (organisationId: string, overrides: Partial<PartnerFigures> = {}): PartnerFigures => ({
  organisationId,
  planned: 0,
  committed: 0,
  committedInKind: 0,
  received: 0,
  disbursed: 0,
  spent: 0,
  ...overrides,
});

const summary = (byPartner: PartnerFigures[]) => ({ byPartner }) as unknown as FundingSummary;

describe('partnerMoney', () => {
  it("reads a partner's committed, received and spent Rupiah", () => {
    const money = partnerMoney(
      summary([
        figures('forum', {
          committed: 500_000_000,
          committedInKind: 25_000_000,
          received: 250_000_000,
          spent: 100_000_000,
          planned: 9,
        }),
      ]),
      'forum',
    );
    expect(money).toEqual({
      committed: 500_000_000,
      committedInKind: 25_000_000,
      received: 250_000_000,
      spent: 100_000_000,
    });
  });

  it('has nothing for a partner without money, or without funding', () => {
    expect(partnerMoney(summary([figures('forum', { planned: 1_000 })]), 'forum')).toBeUndefined();
    expect(partnerMoney(summary([figures('forum', { committed: 1 })]), 'lpm')).toBeUndefined();
    expect(partnerMoney(null, 'forum')).toBeUndefined();
  });
});
