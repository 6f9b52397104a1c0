import { AppShell, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '#shared/i18n';
import { mainContentId, SkipLink } from '#shared/ui';
import { Brand } from './Brand';

/** Pages anyone may open: sign-in and system health. They ask nothing of the session. */
export function PublicLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();

  return (
    <AppShell header={{ height: 64 }} padding="lg">
      <SkipLink />
      <AppShell.Header bg="mitra.7" withBorder={false}>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Brand />
          <Group gap="sm" wrap="nowrap">
            {pathname !== '/sign-in' && (
              <Button component={Link} to="/sign-in" size="xs" variant="white" data-testid="header-sign-in">
                {t('shell.signIn')}
              </Button>
            )}
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id={mainContentId} tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
