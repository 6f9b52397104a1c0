import { Button, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import type { LedgerEntry } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '#shared/format';
import { useOrganisationNames } from '#shared/organisations';
import {
  emptyReceiptForm,
  missingReceiptFields,
  receiptFormPath,
  toReceiptInput,
  type ReceiptFormValues,
} from '../model/movement-forms';
import type { ReceivableCommitment } from '../model/requests';
import { CommandError, RupiahInput, useFundingForm, useRequiredMessages } from './form-parts';

/** Money received against a cash commitment (into the common fund, or made available by the partner). */
export function ReceiptForm({
  partnershipId,
  commitments,
  onRecorded,
}: {
  partnershipId: string;
  commitments: ReceivableCommitment[];
  onRecorded: (entry: LedgerEntry) => void;
}) {
  const { t } = useTranslation('funding');
  const required = useRequiredMessages();
  const nameOf = useOrganisationNames(commitments.map((c) => c.organisationId));
  const { form, formProps, pending, refusal, unplaced } = useFundingForm<ReceiptFormValues>(partnershipId, {
    initialValues: emptyReceiptForm(),
    validate: (values) => required(missingReceiptFields(values)),
    command: (values) => ({ kind: 'receipt', body: toReceiptInput(values) }),
    toFormPath: receiptFormPath,
    onSaved: (entry) => {
      form.setValues(emptyReceiptForm());
      onRecorded(entry);
    },
  });

  return (
    <form {...formProps} data-testid="receipt-form">
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('receipts.title')}
        </Title>
        <NativeSelect
          {...form.getInputProps('commitment')}
          label={t('receipts.commitment')}
          data={[
            { value: '', label: t('form.choose') },
            ...commitments.map((c) => ({
              value: String(c.sequence),
              label: t('receipts.commitmentOption', {
                sequence: c.sequence,
                organisation: nameOf(c.organisationId),
                receivable: formatRupiah(c.receivable),
              }),
            })),
          ]}
          data-testid="receipt-commitment"
        />
        <Group grow align="flex-start">
          <RupiahInput
            {...form.getInputProps('amount')}
            label={t('receipts.amount')}
            data-testid="receipt-amount"
          />
          <TextInput
            {...form.getInputProps('receivedOn')}
            type="date"
            label={t('receipts.receivedOn')}
            data-testid="receipt-date"
          />
        </Group>
        <TextInput
          {...form.getInputProps('reference')}
          label={t('receipts.reference')}
          description={t('receipts.referenceHelp')}
          data-testid="receipt-reference"
        />
        <CommandError error={refusal} unplaced={unplaced} />
        <Group>
          <Button type="submit" loading={pending} data-testid="receipt-submit">
            {t('receipts.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
