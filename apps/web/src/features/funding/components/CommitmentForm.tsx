import { ActionIcon, Button, Group, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRupiah, numberRules } from '#shared/format';
import { NumberField } from '#shared/forms';
import {
  commitmentFormPath,
  emptyCommitmentForm,
  emptyInstalment,
  missingCommitmentFields,
  scheduledAmount,
  toCommitmentInput,
  type CommitmentFormValues,
} from '../model/commitment-form';
import { CommandError, RupiahInput, useFundingForm, useRequiredMessages } from './form-parts';
import { OrganisationName, OrganisationSelect } from './organisations';

/**
 * A commitment, cash or in kind, with its schedule of instalments. A partner representative commits
 * for its own organisation only: the form shows it and offers no other.
 */
export function CommitmentForm({
  partnershipId,
  acting,
  organisations,
}: {
  partnershipId: string;
  acting: { fixed: string } | { choose: true };
  organisations: readonly string[];
}) {
  const { t } = useTranslation('funding');
  const required = useRequiredMessages();
  const initial = () => emptyCommitmentForm('fixed' in acting ? acting.fixed : '');
  const [recorded, setRecorded] = useState<number | undefined>();
  const { form, formProps, pending, refusal, unplaced } = useFundingForm<CommitmentFormValues>(
    partnershipId,
    {
      initialValues: initial(),
      validate: (values) => required(missingCommitmentFields(values)),
      command: (commitment) => ({ kind: 'commitment', body: toCommitmentInput(commitment) }),
      toFormPath: commitmentFormPath,
      onSaved: (entry) => {
        setRecorded(entry.sequence);
        form.setValues(initial());
        form.resetDirty();
      },
    },
  );
  const { values } = form;
  const cash = values.kind === 'cash';
  const scheduled = scheduledAmount(values);

  return (
    <form {...formProps} data-testid="commitment-form">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('commitments.formTitle')}
        </Title>
        {'fixed' in acting ? (
          <div>
            <Text size="sm" fw={500}>
              {t('commitments.organisation')}
            </Text>
            <Text data-testid="commit-organisation" data-organisation-id={acting.fixed}>
              <OrganisationName id={acting.fixed} />
            </Text>
            <Text size="xs" c="dimmed">
              {t('commitments.ownOrganisation')}
            </Text>
            {form.errors.organisationId && (
              <Text size="xs" c="red">
                {form.errors.organisationId}
              </Text>
            )}
          </div>
        ) : (
          <OrganisationSelect
            testId="commit-organisation-select"
            label={t('commitments.organisation')}
            organisations={organisations}
            value={values.organisationId}
            onChange={(id) => form.setFieldValue('organisationId', id)}
            error={form.errors.organisationId}
          />
        )}
        <Radio.Group {...form.getInputProps('kind')} label={t('commitments.contribution')}>
          <Group mt={4}>
            <Radio value="cash" label={t('contributions.cash')} data-testid="commit-kind-cash" />
            <Radio value="in_kind" label={t('contributions.in_kind')} data-testid="commit-kind-in_kind" />
          </Group>
        </Radio.Group>
        <RupiahInput
          {...form.getInputProps('amount')}
          label={cash ? t('commitments.amount') : t('commitments.valueEstimate')}
          maw={320}
          data-testid="commit-amount"
        />
        {!cash && (
          <Textarea
            {...form.getInputProps('description')}
            label={t('commitments.description')}
            description={t('commitments.descriptionHelp')}
            autosize
            minRows={2}
            data-testid="commit-description"
          />
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('commitments.schedule')}
          </Text>
          <Text size="xs" c="dimmed">
            {cash ? t('commitments.scheduleHelpCash') : t('commitments.scheduleHelpInKind')}
          </Text>
          {values.schedule.map((row, index) => (
            <Group key={row.key} align="flex-start" wrap="nowrap" data-testid="commit-instalment">
              <TextInput
                {...form.getInputProps(`schedule.${index}.dueOn`)}
                type="date"
                label={t('commitments.dueOn')}
                w={180}
                data-testid={`commit-due-${index}`}
              />
              <RupiahInput
                {...form.getInputProps(`schedule.${index}.amount`)}
                label={t('commitments.instalmentAmount')}
                placeholder={values.schedule.length === 1 ? t('commitments.wholeAmount') : undefined}
                w={220}
                data-testid={`commit-instalment-${index}`}
              />
              {cash && (
                <NumberField
                  {...form.getInputProps(`schedule.${index}.periodNumber`)}
                  rule={numberRules.whole(1, 400)}
                  label={t('commitments.resultsGate')}
                  description={t('commitments.resultsGateHelp')}
                  w={240}
                  data-testid={`commit-period-${index}`}
                />
              )}
              <ActionIcon
                mt={28}
                variant="subtle"
                color="red"
                aria-label={t('form.remove')}
                onClick={() => form.removeListItem('schedule', index)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {form.errors.schedule && (
            <Text size="xs" c="red" data-testid="commit-schedule-error">
              {form.errors.schedule}
            </Text>
          )}
          <Group justify="space-between">
            <Button
              size="xs"
              variant="light"
              onClick={() => form.insertListItem('schedule', emptyInstalment())}
              data-testid="commit-instalment-add"
            >
              {t('commitments.addInstalment')}
            </Button>
            <Text size="xs" c="dimmed" data-testid="commit-scheduled">
              {t('commitments.scheduled', {
                scheduled: formatRupiah(scheduled),
                amount: formatRupiah(typeof values.amount === 'number' ? values.amount : 0),
              })}
            </Text>
          </Group>
        </Stack>
        <Textarea
          {...form.getInputProps('note')}
          label={t('commitments.note')}
          autosize
          data-testid="commit-note"
        />
        <CommandError error={refusal} unplaced={unplaced} />
        <Group>
          <Button type="submit" loading={pending} data-testid="commit-submit">
            {t('commitments.submit')}
          </Button>
          {recorded !== undefined && (
            <Text size="sm" c="teal" data-testid="commit-recorded" data-sequence={recorded}>
              {t('commitments.recordedNotice', { sequence: recorded })}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
