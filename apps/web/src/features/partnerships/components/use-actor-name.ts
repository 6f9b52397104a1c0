import type { LifecycleState } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { usePartnershipAccounts } from '#shared/partnerships';
import { useOrganisations } from '../api/partnerships-api';
import { actorDirectory } from '../model/lifecycle-view';

/**
 * Who did something, by name: "you"; else the person and the organisation they act for, as
 * `GET /partnerships/:id/accounts` names everyone who may act in the partnership. An account no longer
 * listed (disabled, or the representative of an organisation not in the partnership) is named by its
 * organisation, read from the partnership's own decisions when not given; else by its id.
 */
export function useActorName(
  state: Pick<LifecycleState, 'partnershipId' | 'decisions'>,
  userId: string,
  organisationId?: string,
): string {
  const { t } = useTranslation('partnerships');
  const user = useCurrentUser();
  const accounts = usePartnershipAccounts(state.partnershipId);
  const account = accounts.data?.find((candidate) => candidate.id === userId);
  const known = actorDirectory(state).get(userId);
  const organisationOf = organisationId ?? known?.organisationId;
  const lookUp = organisationOf && userId !== user.id && !account;
  const [organisation] = useOrganisations(lookUp ? [organisationOf] : []);
  if (userId === user.id) return t('tasks.you');
  if (account) {
    return account.organisationName
      ? t('actor.nameOf', { name: account.name, organisation: account.organisationName })
      : account.name;
  }
  const name = organisation?.data?.name;
  if (known?.role === 'coordinator')
    return name ? t('actor.coordinatorOf', { organisation: name }) : t('actor.coordinator');
  if (known?.role === 'admin') return name ? t('actor.adminOf', { organisation: name }) : t('actor.admin');
  return name ?? userId;
}
