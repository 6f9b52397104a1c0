import { seesEveryPartnership, stringsAtPath, type Actor } from '@mitra/contracts';
import type { PartnershipMembers } from '@mitra/domain';
import type { OrganisationLocator } from './access-policy';

// The rule is the domain's, so the web offers what the api admits.
export { roleIn, type PartnershipMembers } from '@mitra/domain';

export { seesEveryPartnership };

/** A coordinator of the partnership, or a user whose organisation is in it (admins and auditors see them all). */
export function isMember(actor: Actor, state: PartnershipMembers): boolean {
  if (seesEveryPartnership(actor)) return true;
  if (state.coordinators.includes(actor.userId)) return true;
  const organisationId = actor.organisationId;
  if (!organisationId) return false;
  return (
    state.leadOrganisationId === organisationId ||
    state.partners.some((partner) => partner.organisationId === organisationId && !partner.withdrawnAt) ||
    // The organisation asked to take the lead must see what it accepts.
    state.maturation?.newLeadOrganisationId === organisationId
  );
}

/**
 * The actor's organisation was a partner and withdrew: it stays a party to the agreements it signed
 * while a partner, and signs or declines its own leaving.
 */
export function withdrewFrom(actor: Actor, state: Pick<PartnershipMembers, 'partners'>): boolean {
  const organisationId = actor.organisationId;
  return (
    organisationId !== undefined &&
    state.partners.some((partner) => partner.organisationId === organisationId && partner.withdrawnAt)
  );
}

/**
 * The organisations a request acts for, read from the raw params and body before validation:
 * only strings count (anything else fails validation afterwards).
 */
export function organisationsNamed(
  locators: readonly OrganisationLocator[],
  request: { params: unknown; body: unknown },
): string[] {
  return locators.flatMap((locator) =>
    stringsAtPath(locator.in === 'param' ? request.params : request.body, locator.path),
  );
}
