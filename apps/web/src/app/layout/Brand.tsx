import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function Brand() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="baseline" wrap="nowrap">
      <Anchor component={Link} to="/" c="white" underline="never" fw={700} fz="xl" data-testid="app-name">
        {t('app.name')}
      </Anchor>
      <Text c="white" opacity={0.85} size="sm" visibleFrom="sm">
        {t('app.tagline')}
      </Text>
    </Group>
  );
}
