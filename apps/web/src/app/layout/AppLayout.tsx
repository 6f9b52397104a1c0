import { AppShell, Burger, Group, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { useNamespacedT } from '#shared/i18n';
import { useLiveUpdates } from '#shared/live';
import { LanguageSwitch } from '#shared/i18n';
import { mainContentId, SkipLink } from '#shared/ui';
import { navigationFor } from '../navigation';
import { pages } from '../routes';
import { Brand } from './Brand';
import { UserMenu } from './UserMenu';

/** The signed-in frame: navigation for the user's role, language, the user and sign-out; live updates while open. */
export function AppLayout() {
  const { t } = useTranslation();
  const label = useNamespacedT();
  const user = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure();
  useLiveUpdates();

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <SkipLink />
      <AppShell.Header bg="mitra.7" withBorder={false}>
        <Group h="100%" px={{ base: 'md', sm: 'lg' }} justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              color="white"
              aria-label={t('shell.toggleNavigation')}
            />
            <Brand />
          </Group>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
        <AppShell.Section grow component={ScrollArea}>
          {navigationFor(pages, user.role).map((item) => (
            <NavLink
              key={item.path}
              component={RouterNavLink}
              to={`/${item.path}`}
              label={label(item.label)}
              rightSection={
                item.badge && (
                  <Suspense fallback={null}>
                    <item.badge />
                  </Suspense>
                )
              }
              onClick={close}
              data-testid={`nav-${item.path}`}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <NavLink
            component={RouterNavLink}
            to="/health"
            label={t('shell.health')}
            onClick={close}
            c="dimmed"
            data-testid="nav-health"
          />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id={mainContentId} tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
