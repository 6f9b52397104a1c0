import type { FundingSummary, PartnerFigures } from '@mitra/contracts';

export type PartnerMoney = Pick<PartnerFigures, 'committed' | 'committedInKind' | 'received' | 'spent'>;

/** A partner's money in the partnership, traced by the funding ledger; nothing when it has committed none. */
export function partnerMoney(
  summary: FundingSummary | null | undefined,
  organisationId: string,
): PartnerMoney | undefined {
  const figures = summary?.byPartner.find((partner) => partner.organisationId === organisationId);
  if (!figures || figures.committed + figures.committedInKind + figures.received + figures.spent === 0)
    return undefined;
  const { committed, committedInKind, received, spent } = figures;
  return { committed, committedInKind, received, spent };
}
