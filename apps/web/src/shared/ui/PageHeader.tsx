import { Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The page's title, also as the browser tab's title. */
export function PageHeader({
  title,
  description,
  actions,
  testId,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t('app.name')}`);

  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap">
      <Stack gap={4}>
        <Title order={1} size="h2" data-testid={testId ?? 'page-title'}>
          {title}
        </Title>
        {typeof description === 'string' ? <Text c="dimmed">{description}</Text> : description}
      </Stack>
      {actions}
    </Group>
  );
}
