import { Button, Group, NativeSelect, Stack, Textarea, TextInput, Title } from '@mantine/core';
import type { LedgerEntry } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '#shared/format';
import { useOrganisationNames } from '#shared/organisations';
import {
  emptyExpenditureForm,
  expenditureFormPath,
  missingExpenditureFields,
  toExpenditureInput,
  type ExpenditureFormValues,
} from '../model/movement-forms';
import type { PaymentSummary } from '../model/requests';
import { CommandError, RupiahInput, useFundingForm, useRequiredMessages } from './form-parts';
import { OrganisationSelect } from './organisations';

/** Money spent from a payment, with the evidence that accounts for it. */
export function ExpenditureForm({
  partnershipId,
  payments,
  organisations,
  onRecorded,
}: {
  partnershipId: string;
  payments: PaymentSummary[];
  organisations: readonly string[];
  onRecorded: (entry: LedgerEntry) => void;
}) {
  const { t } = useTranslation('funding');
  const required = useRequiredMessages();
  const nameOf = useOrganisationNames(payments.map((p) => p.receiverOrganisationId));
  const { form, formProps, pending, refusal, unplaced } = useFundingForm<ExpenditureFormValues>(
    partnershipId,
    {
      initialValues: emptyExpenditureForm(),
      validate: (values) => required(missingExpenditureFields(values)),
      command: (values) => ({ kind: 'expenditure', body: toExpenditureInput(values) }),
      toFormPath: expenditureFormPath,
      onSaved: (entry) => {
        form.setValues(emptyExpenditureForm());
        onRecorded(entry);
      },
    },
  );

  return (
    <form {...formProps} data-testid="expenditure-form">
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('expenditures.title')}
        </Title>
        <NativeSelect
          {...form.getInputProps('payment')}
          label={t('expenditures.payment')}
          data={[
            { value: '', label: t('form.choose') },
            ...payments.map((p) => ({
              value: String(p.sequence),
              label: t('expenditures.paymentOption', {
                sequence: p.sequence,
                line: p.lineId,
                receiver: nameOf(p.receiverOrganisationId),
                left: formatRupiah(p.left),
              }),
            })),
          ]}
          data-testid="spend-payment"
        />
        <Group grow align="flex-start">
          <RupiahInput
            {...form.getInputProps('amount')}
            label={t('expenditures.amount')}
            data-testid="spend-amount"
          />
          <TextInput
            {...form.getInputProps('spentOn')}
            type="date"
            label={t('expenditures.spentOn')}
            data-testid="spend-date"
          />
        </Group>
        <OrganisationSelect
          testId="spend-receiver"
          label={t('expenditures.receiver')}
          organisations={organisations}
          value={form.values.receivingOrganisationId}
          onChange={(id) => form.setFieldValue('receivingOrganisationId', id)}
          error={form.errors.receivingOrganisationId}
          searchRegistry
        />
        <Group grow align="flex-start">
          <TextInput
            {...form.getInputProps('link')}
            type="url"
            label={t('expenditures.link')}
            placeholder="https://"
            data-testid="spend-link"
          />
          <TextInput
            {...form.getInputProps('documentReference')}
            label={t('expenditures.documentReference')}
            placeholder={t('expenditures.documentReferencePlaceholder')}
            data-testid="spend-reference"
          />
        </Group>
        <Textarea
          {...form.getInputProps('description')}
          label={t('expenditures.description')}
          autosize
          minRows={2}
          data-testid="spend-description"
        />
        <CommandError error={refusal} unplaced={unplaced} />
        <Group>
          <Button type="submit" loading={pending} data-testid="spend-submit">
            {t('expenditures.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
