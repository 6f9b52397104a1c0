import type { Actor, LifecycleState, Role } from '@mitra/contracts';

export type PartnershipMembers = Pick<
  LifecycleState,
  'coordinators' | 'leadOrganisationId' | 'partners' | 'maturation'
>;

/**
 * The role the actor acts in within a partnership it belongs to: a coordinator coordinates only a
 * partnership it was made coordinator of, or one its organisation leads or co-leads (joined as `lead`);
 * in any other partnership its organisation belongs to, it acts as a partner of it. The api authorises
 * with it; the web offers only what that role may do.
 */
export function roleIn(
  actor: Pick<Actor, 'userId' | 'role' | 'organisationId'>,
  state: PartnershipMembers,
): Role {
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
