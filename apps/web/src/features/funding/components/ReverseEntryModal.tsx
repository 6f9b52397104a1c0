import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import {
  missingReversalFields,
  reversalFormPath,
  toReversalInput,
  type ReversalFormValues,
} from '../model/movement-forms';
import { CommandError, useCommandForm, useRequiredMessages } from './form-parts';

/** A correction: a new entry that undoes an earlier one, with the reason on the record. */
export function ReverseEntryModal({
  partnershipId,
  sequence,
  kind,
  onClose,
}: {
  partnershipId: string;
  sequence: number;
  kind: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('funding');
  const { t: common } = useTranslation();
  const required = useRequiredMessages();
  const { send, command, unplaced } = useCommandForm(partnershipId, reversalFormPath);
  const form = useForm<ReversalFormValues>({
    initialValues: { reason: '' },
    validate: (values) => required(missingReversalFields(values)),
  });
  const submit = form.onSubmit((values) =>
    send(form, { kind: 'reversal', entry: sequence, body: toReversalInput(values) }, (entry) => {
      notifications.show({
        color: 'teal',
        message: t('ledger.reversed', { sequence, reversal: entry.sequence }),
      });
      onClose();
    }),
  );

  return (
    <Modal opened onClose={onClose} title={t('ledger.reverseTitle', { sequence, kind })}>
      <form onSubmit={submit} noValidate data-testid="reversal-form">
        <Stack>
          <Text size="sm" c="dimmed">
            {t('ledger.reverseExplain')}
          </Text>
          <Textarea
            {...form.getInputProps('reason')}
            label={t('ledger.reason')}
            description={t('ledger.reasonHelp')}
            autosize
            minRows={3}
            data-testid="reversal-reason"
          />
          <CommandError error={command.error} unplaced={unplaced} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {common('actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={command.isPending} data-testid="reversal-submit">
              {t('ledger.reverseSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
