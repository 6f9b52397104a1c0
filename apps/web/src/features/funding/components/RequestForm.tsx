import { Button, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import type { FundingView, LedgerEntry } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '#shared/format';
import {
  emptyRequestForm,
  missingRequestFields,
  requestFormPath,
  toRequestInput,
  type RequestFormValues,
} from '../model/movement-forms';
import { CommandError, RupiahInput, useFundingForm, useRequiredMessages } from './form-parts';
import { OrganisationName, OrganisationSelect } from './organisations';

type Plan = NonNullable<FundingView['plan']>;

/**
 * A request to disburse money for a budget line. It reserves the money at once; the plan's rule
 * decides who must approve it before it is paid.
 */
export function RequestForm({
  partnershipId,
  plan,
  acting,
  organisations,
  onRecorded,
}: {
  partnershipId: string;
  plan: Plan;
  acting: { fixed: string } | { choose: true };
  organisations: readonly string[];
  onRecorded: (entry: LedgerEntry) => void;
}) {
  const { t } = useTranslation('funding');
  const required = useRequiredMessages();
  const coFunding = plan.mechanism === 'co_funding';
  const initial = () => emptyRequestForm('fixed' in acting ? acting.fixed : '');
  const { form, formProps, pending, refusal, unplaced } = useFundingForm<RequestFormValues>(partnershipId, {
    initialValues: initial(),
    validate: (values) => required(missingRequestFields(values, coFunding)),
    command: (values) => ({ kind: 'request', body: toRequestInput(values) }),
    toFormPath: requestFormPath,
    onSaved: (entry) => {
      form.setValues(initial());
      onRecorded(entry);
    },
  });

  return (
    <form {...formProps} data-testid="request-form">
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('requests.formTitle')}
        </Title>
        <NativeSelect
          {...form.getInputProps('lineId')}
          label={t('requests.line')}
          data={[
            { value: '', label: t('form.choose') },
            ...plan.lines.map((line) => ({
              value: line.id,
              label: t('requests.lineOption', {
                id: line.id,
                activity: line.activity,
                amount: formatRupiah(line.amount),
              }),
            })),
          ]}
          data-testid="request-line"
        />
        <RupiahInput
          {...form.getInputProps('amount')}
          label={t('requests.amount')}
          maw={320}
          data-testid="request-amount"
        />
        <Textarea
          {...form.getInputProps('purpose')}
          label={t('requests.purpose')}
          autosize
          minRows={2}
          data-testid="request-purpose"
        />
        {'fixed' in acting ? (
          <div>
            <Text size="sm" fw={500}>
              {t('requests.requester')}
            </Text>
            <Text data-testid="request-requester" data-organisation-id={acting.fixed}>
              <OrganisationName id={acting.fixed} />
            </Text>
          </div>
        ) : (
          <OrganisationSelect
            testId="request-requester-select"
            label={t('requests.requester')}
            organisations={organisations}
            value={form.values.requestingOrganisationId}
            onChange={(id) => form.setFieldValue('requestingOrganisationId', id)}
            error={form.errors.requestingOrganisationId}
          />
        )}
        {coFunding && (
          <OrganisationSelect
            testId="request-payer"
            label={t('requests.payer')}
            description={t('requests.payerHelp')}
            organisations={(plan.shares ?? []).map((share) => share.organisationId)}
            value={form.values.payingOrganisationId}
            onChange={(id) => form.setFieldValue('payingOrganisationId', id)}
            error={form.errors.payingOrganisationId}
          />
        )}
        <OrganisationSelect
          testId="request-receiver"
          label={t('requests.receiver')}
          description={t('requests.receiverHelp')}
          organisations={organisations}
          value={form.values.receivingOrganisationId}
          onChange={(id) => form.setFieldValue('receivingOrganisationId', id)}
          error={form.errors.receivingOrganisationId}
          searchRegistry
        />
        <CommandError error={refusal} unplaced={unplaced} />
        <Group>
          <Button type="submit" loading={pending} data-testid="request-submit">
            {t('requests.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
