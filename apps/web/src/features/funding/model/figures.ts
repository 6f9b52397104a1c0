import type { FundingSummary } from '@mitra/contracts';

export interface PartnerBar {
  organisationId: string;
  organisation: string;
  committed: number;
  inKind: number;
  received: number;
  disbursed: number;
  spent: number;
}

/** Each partner's money for the bar chart: committed (cash and in kind) against what came in and went out. */
export function partnerBars(
  summary: FundingSummary,
  nameOf: (organisationId: string) => string,
): PartnerBar[] {
  return summary.byPartner
    .filter((p) => p.committed + p.committedInKind + p.received + p.disbursed + p.spent > 0)
    .map((p) => ({
      organisationId: p.organisationId,
      organisation: nameOf(p.organisationId),
      committed: p.committed,
      inKind: p.committedInKind,
      received: p.received,
      disbursed: p.disbursed,
      spent: p.spent,
    }));
}

export interface YearBar {
  year: string;
  planned: number;
  committed: number;
  received: number;
  spent: number;
}

/** Plan against actual per year, in year order. */
export const yearBars = (summary: FundingSummary): YearBar[] =>
  [...summary.byYear]
    .sort((a, b) => a.year - b.year)
    .map(({ year, planned, committed, received, spent }) => ({
      year: String(year),
      planned,
      committed,
      received,
      spent,
    }));

/** Realisation of the plan: what is spent of what is planned, 0 to 1 (more when overspent); null without a plan. */
export const realisation = (planned: number, spent: number) => (planned > 0 ? spent / planned : null);
