import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '#shared/api';
import { useErrorWords } from '#shared/errors';

/** A failed request in the user's language: the rule that refused it where the api named one, else its kind. */
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
  const words = useErrorWords();
  const code = error instanceof ApiError ? error.code : 'INTERNAL';

  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      role="alert"
      data-testid="api-error"
      data-code={code}
      data-refusal={error instanceof ApiError ? error.refusal?.code : undefined}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{words.error(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
