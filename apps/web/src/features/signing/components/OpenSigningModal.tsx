import { Alert, Button, Group, List, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { signingModes, type AgreementVersion } from '@mitra/contracts';
import { useState } from 'react';
import type { ApiFieldError } from '#shared/api';
import { useErrorWords, wordedFieldErrors } from '#shared/errors';
import { formatDateTime } from '#shared/format';
import { ApiErrorAlert } from '#shared/ui';
import { useOpenSigning } from '../hooks/useDrafting';
import { useSigningTranslation } from '../i18n';
import { placeFieldErrors, signingErrorPlaces } from '../model/field-errors';
import { defaultSigningValues, fromJakartaInput, type OpenSigningValues } from '../model/signing-round';

/** The coordinator opens the latest version for signature: in parallel or in order, due and closing times in WIB. */
export function OpenSigningModal({
  partnershipId,
  agreementId,
  version,
  onClose,
}: {
  partnershipId: string;
  agreementId: string;
  version: AgreementVersion;
  onClose: () => void;
}) {
  const { t, locale } = useSigningTranslation();
  const words = useErrorWords();
  const open = useOpenSigning(partnershipId, agreementId);
  const [initial] = useState(() => defaultSigningValues(new Date()));
  const form = useForm<OpenSigningValues>({ mode: 'controlled', initialValues: initial });
  const [unplaced, setUnplaced] = useState<ApiFieldError[]>([]);

  // What was typed, read back as the instant it stands for, so nobody mistakes the time zone.
  const inWib = (value: string) => {
    const instant = fromJakartaInput(value);
    return instant ? t('time.wib', { time: formatDateTime(instant, locale) }) : undefined;
  };

  const submit = form.onSubmit((values) => {
    setUnplaced([]);
    open.mutate(
      { versionNumber: version.number, values },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('openSigning.done', { number: version.number }) });
          onClose();
        },
        onError: (error) => {
          const placed = placeFieldErrors(wordedFieldErrors(error, words.field), signingErrorPlaces);
          form.setErrors(placed.placed);
          setUnplaced(placed.unplaced);
        },
      },
    );
  });

  return (
    <Modal opened onClose={onClose} title={t('openSigning.title', { number: version.number })} size="lg">
      <form onSubmit={submit} noValidate data-testid="open-signing-form">
        <Stack>
          <NativeSelect
            {...form.getInputProps('mode')}
            label={t('openSigning.mode')}
            data={signingModes.map((mode) => ({ value: mode, label: t(`round.mode.${mode}`) }))}
            data-testid="signing-mode"
          />
          <TextInput
            {...form.getInputProps('dueAt')}
            type="datetime-local"
            label={t('openSigning.dueAt')}
            description={inWib(form.values.dueAt)}
            descriptionProps={{ 'data-testid': 'signing-due-at-wib' }}
            data-testid="signing-due-at"
          />
          <TextInput
            {...form.getInputProps('expiresAt')}
            type="datetime-local"
            label={t('openSigning.expiresAt')}
            description={inWib(form.values.expiresAt)}
            descriptionProps={{ 'data-testid': 'signing-expires-at-wib' }}
            data-testid="signing-expires-at"
          />
          <Text size="xs" c="dimmed">
            {t('openSigning.dueAtHelp')} {t('openSigning.expiresAtHelp')}
          </Text>
          <div>
            <Text size="sm" fw={500}>
              {t('openSigning.parties')}
            </Text>
            <List type="ordered" size="sm" data-testid="signing-parties">
              {version.content.fields.parties.map((party) => (
                <List.Item key={party.organisationId}>
                  {party.name} — {party.representative.name}, {party.representative.title}
                </List.Item>
              ))}
            </List>
          </div>
          {open.error && <ApiErrorAlert error={open.error} />}
          {unplaced.length > 0 && (
            <Alert color="red" variant="outline" title={t('form.unplaced')}>
              <List size="xs">
                {unplaced.map((error) => (
                  <List.Item key={`${error.field}:${error.reason}`}>
                    {error.field}: {error.reason}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('openSigning.cancel')}
            </Button>
            <Button type="submit" loading={open.isPending} data-testid="open-signing-submit">
              {t('openSigning.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
