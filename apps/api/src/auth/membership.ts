import { seesEveryPartnership, stringsAtPath, type Actor, type LifecycleState, type Role } from '@mitra/contracts';
import type { OrganisationLocator } from './access-policy';

export type PartnershipMembers = Pick<
  LifecycleState,
  'coordinators' | 'leadOrganisationId' | 'partners' | 'maturation'
>;

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
 * The role the actor acts in within a partnership it belongs to: a coordinator coordinates only a
 * partnership it was made coordinator of, or one its organisation leads or co-leads (joined as `lead`);
 * in any other partnership its organisation belongs to, it acts as a partner of it.
 */
export function roleIn(actor: Actor, state: PartnershipMembers): Role {
  if (actor.role !== 'coordinator') return actor.role;
  const organisationId = actor.organisationId;
  const leads =
    organisationId !== undefined &&
    (state.leadOrganisationId === organisationId ||
      state.partners.some(
        (partner) =>
          partner.organisationId === organisationId && partner.role === 'lead' && !partner.withdrawnAt,
      ));
  return state.coordinators.includes(actor.userId) || leads ? 'coordinator' : 'partner';
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
