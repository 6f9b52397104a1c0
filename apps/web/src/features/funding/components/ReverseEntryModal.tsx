import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  missingReversalFields,
  reversalFormPath,
  toReversalInput,
  type ReversalFormValues,
} from '../model/movement-forms';
import { CommandError, useFundingForm, useRequiredMessages } from './form-parts';

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
  const { form, formProps, pending, refusal, unplaced } = useFundingForm<ReversalFormValues>(partnershipId, {
    initialValues: { reason: '' },
    validate: (values) => required(missingReversalFields(values)),
    command: (values) => ({ kind: 'reversal', entry: sequence, body: toReversalInput(values) }),
    toFormPath: reversalFormPath,
    savedMessage: (entry) => t('ledger.reversed', { sequence, reversal: entry.sequence }),
    onSaved: onClose,
  });

  return (
    <Modal opened onClose={onClose} title={t('ledger.reverseTitle', { sequence, kind })}>
      <form {...formProps} data-testid="reversal-form">
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
          <CommandError error={refusal} unplaced={unplaced} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {common('actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={pending} data-testid="reversal-submit">
              {t('ledger.reverseSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
