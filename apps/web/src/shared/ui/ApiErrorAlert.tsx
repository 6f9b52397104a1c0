import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from './describe-error';

/** A failed request, in the user's language, with the api's reason where it has one. */
export function ApiErrorAlert({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const { code, detail } = describeError(error);

  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="api-error" data-code={code}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t(`errors.${code}`)}</Text>
        {detail && (
          <Text size="sm" c="dimmed">
            {t('errors.detail', { message: detail })}
          </Text>
        )}
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
