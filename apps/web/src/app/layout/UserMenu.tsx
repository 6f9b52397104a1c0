import { Avatar, Menu, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser, useSignOut } from '#shared/auth';

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');

export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const signOut = useSignOut();
  const navigate = useNavigate();

  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        {/* Named by its hidden text, not aria-label: a name that omits the initials shown breaks voice control. */}
        <UnstyledButton data-testid="user-menu">
          <Avatar color="white" variant="outline" radius="xl" size="md" aria-hidden>
            {initialsOf(user.name)}
          </Avatar>
          <VisuallyHidden>{t('shell.userMenu')}</VisuallyHidden>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.signedInAs')}</Menu.Label>
        <Stack gap={0} px="sm" pb="xs">
          <Text fw={600} data-testid="user-name">
            {user.name}
          </Text>
          <Text size="sm" c="dimmed">
            {user.email}
          </Text>
          <Text size="sm" data-testid="user-role">
            {t(`roles.${user.role}`)}
            {user.organisationName ? ` · ${user.organisationName}` : ''}
          </Text>
        </Stack>
        <Menu.Divider />
        <Menu.Item
          color="red"
          data-testid="sign-out"
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })
          }
        >
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
