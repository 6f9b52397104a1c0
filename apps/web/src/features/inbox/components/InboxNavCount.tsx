import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { useInboxCount } from '../api/inbox-api';

/** Beside the inbox in the navigation: how many items wait (nothing for auditors, whose landing lists changes). */
export function InboxNavCount() {
  const { t } = useTranslation('inbox');
  const counted = useCurrentUser().role !== 'auditor';
  const count = useInboxCount(counted);
  if (!counted || !count.data) return null;
  return (
    <Badge
      size="sm"
      variant="filled"
      circle={count.data < 10}
      aria-label={t('navCount', { count: count.data })}
      data-testid="nav-inbox-count"
    >
      {count.data}
    </Badge>
  );
}
