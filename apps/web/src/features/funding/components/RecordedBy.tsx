import type { Actor } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { useOrganisationNames } from '#shared/organisations';

/**
 * Who recorded an entry, as well as the web can tell: "you", else the role and the organisation acted
 * for (the api lists user names to administrators only).
 */
export function RecordedBy({ actor }: { actor: Actor }) {
  const { t } = useTranslation('funding');
  const { t: common } = useTranslation();
  const user = useCurrentUser();
  const nameOf = useOrganisationNames(actor.organisationId ? [actor.organisationId] : []);
  if (actor.userId === user.id) return <span data-testid="recorded-by">{t('recordedBy.you')}</span>;
  const role = common(`roles.${actor.role}`);
  return (
    <span data-testid="recorded-by" data-user-id={actor.userId}>
      {actor.organisationId
        ? t('recordedBy.roleOf', { role, organisation: nameOf(actor.organisationId) })
        : t('recordedBy.role', { role })}
    </span>
  );
}
