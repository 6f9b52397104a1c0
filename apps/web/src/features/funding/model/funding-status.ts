import type { FundingView, LifecycleState } from '@mitra/contracts';

/**
 * Where the partnership's funding stands: no plan yet, a plan without commitments, or a plan with
 * commitments — what the service announces with `funding.plan.committed` at the first commitment and
 * the Formation gate waits for. A commitment reversed later does not undo that announcement.
 */
export type FundingStatus = 'no_plan' | 'planned' | 'committed';

export function fundingStatus(view: Pick<FundingView, 'plan' | 'commitments'>): FundingStatus {
  if (!view.plan) return 'no_plan';
  return view.commitments.length > 0 ? 'committed' : 'planned';
}

/** The organisations a plan may name: the lead, then the partners still in the partnership. */
export function partnershipOrganisations(
  state: Pick<LifecycleState, 'leadOrganisationId' | 'partners'>,
): string[] {
  const ids = [
    ...(state.leadOrganisationId ? [state.leadOrganisationId] : []),
    ...state.partners.filter((partner) => !partner.withdrawnAt).map((partner) => partner.organisationId),
  ];
  return [...new Set(ids)];
}
