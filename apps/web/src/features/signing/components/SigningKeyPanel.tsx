import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { formatFingerprint } from '@mitra/domain';
import { ApiErrorAlert } from '#shared/ui';
import { SigningUnsupportedError } from '../crypto/browser-key';
import type { useSigningKey } from '../hooks/useSigningKey';
import { useSigningTranslation } from '../i18n';

/** Whether this browser holds the signer's key, and enrolling one: only its public half ever leaves. */
export function SigningKeyPanel({ signingKey }: { signingKey: ReturnType<typeof useSigningKey> }) {
  const { t } = useSigningTranslation();
  const { state, enrol } = signingKey;
  const current = state.data;
  const unsupported =
    enrol.error instanceof SigningUnsupportedError || state.error instanceof SigningUnsupportedError;

  return (
    <Stack gap="xs" data-testid="signing-key" data-status={current?.status ?? 'loading'}>
      <Text fw={500}>{t('key.title')}</Text>
      {current?.status === 'enrolled' ? (
        <Text size="sm">
          {t('key.enrolled')}{' '}
          <Code data-testid="key-fingerprint">{formatFingerprint(current.key.keyId)}</Code>
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {current?.status === 'local-only' ? t('key.localOnly') : t('key.none')}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('key.explanation')}
      </Text>
      <Group>
        {current?.status !== 'enrolled' && (
          <Button
            onClick={() => enrol.mutate({})}
            loading={enrol.isPending}
            disabled={state.isPending}
            data-testid="enrol-key"
          >
            {current?.status === 'local-only' ? t('key.enrolExisting') : t('key.create')}
          </Button>
        )}
        {current?.status === 'enrolled' && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => enrol.mutate({ replace: true })}
            loading={enrol.isPending}
            data-testid="replace-key"
          >
            {t('key.replace')}
          </Button>
        )}
      </Group>
      {unsupported ? (
        <Alert color="red" data-testid="signing-unsupported">
          {t('key.unsupported')}
        </Alert>
      ) : (
        (enrol.error ?? state.error) && <ApiErrorAlert error={enrol.error ?? state.error} />
      )}
    </Stack>
  );
}
