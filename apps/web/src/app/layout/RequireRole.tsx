import { Alert, Container, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser, type UserRole } from '#shared/auth';

/** The api refuses anyway; this says so before the user gets a page of errors. */
export function RequireRole({ roles, children }: { roles: readonly UserRole[]; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (roles.includes(user.role)) return children;
  return (
    <Container size="sm" py="xl">
      <Alert color="yellow" title={t('forbidden.title')} data-testid="forbidden">
        <Text size="sm">
          {t('forbidden.description', { roles: roles.map((role) => t(`roles.${role}`)).join(', ') })}
        </Text>
      </Alert>
    </Container>
  );
}
