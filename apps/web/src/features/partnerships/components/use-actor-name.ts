import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { useOrganisations } from '../api/partnerships-api';

/**
 * Who did something, as well as the web can tell: "you", else the organisation acted for, else the
 * user id (the api lists user names to administrators only).
 */
export function useActorName(userId: string, organisationId?: string): string {
  const { t } = useTranslation('partnerships');
  const user = useCurrentUser();
  const [organisation] = useOrganisations(organisationId && userId !== user.id ? [organisationId] : []);
  if (userId === user.id) return t('tasks.you');
  return organisation?.data?.name ?? userId;
}
