import { Alert, Button, Group, List, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { signingModes, type AgreementVersion } from '@mitra/contracts';
import { useState } from 'react';
import type { ApiFieldError } from '#shared/api';
import { useErrorWords } from '#shared/errors';
import { formatDateTime } from '#shared/format';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { useOpenSigning } from '../hooks/useDrafting';
import { useSigningTranslation } from '../i18n';
import { signingErrorPlaces } from '../model/field-errors';
import { defaultSigningValues, fromJakartaInput, type OpenSigningValues } from '../model/signing-round';
import { placedReasons } from './AgreementForm';

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
  const [unplaced, setUnplaced] = useState<ApiFieldError[]>([]);
  const { form, formProps, pending, refusal } = useCommandForm<OpenSigningValues>({
    initialValues: initial,
    send: (values, idempotencyKey) => {
      setUnplaced([]);
      return open.mutateAsync({ versionNumber: version.number, values, idempotencyKey });
    },
    fieldErrors: (error) => {
      const { placed, unplaced: elsewhere } = placedReasons(words.field, error, signingErrorPlaces);
      setUnplaced(elsewhere);
      return placed;
    },
    savedMessage: t('openSigning.done', { number: version.number }),
    onSaved: onClose,
  });

  // What was typed, read back as the instant it stands for, so nobody mistakes the time zone.
  const inWib = (value: string) => {
    const instant = fromJakartaInput(value);
    return instant ? t('time.wib', { time: formatDateTime(instant, locale) }) : undefined;
  };

  return (
    <Modal opened onClose={onClose} title={t('openSigning.title', { number: version.number })} size="lg">
      <form {...formProps} data-testid="open-signing-form">
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
          <FormRefusal error={refusal} />
          {unplaced.length > 0 && (
            <Alert color="red" variant="outline" title={t('form.unplaced')} data-form-error tabIndex={-1}>
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
            <Button type="submit" loading={pending} data-testid="open-signing-submit">
              {t('openSigning.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
