import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Under a paged list: how many of how many are shown, and the next page when there is one. */
export function MorePages({
  shown,
  total,
  hasMore,
  loading,
  onMore,
  testId,
}: {
  shown: number;
  total: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" data-testid={`${testId}-paging`}>
      <Text size="sm" c="dimmed" data-testid={`${testId}-shown`} data-shown={shown} data-total={total}>
        {t('paging.shown', { shown, total })}
      </Text>
      {hasMore && (
        <Button variant="light" size="xs" loading={loading} onClick={onMore} data-testid={`${testId}-more`}>
          {t('paging.more')}
        </Button>
      )}
    </Group>
  );
}
