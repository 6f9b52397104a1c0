import { Button, Group, Stack, TextInput } from '@mantine/core';
import type { PartnershipIndicator } from '@mitra/contracts';
import { unitRule } from '#shared/format';
import { FormRefusal, NumberField, useCommandForm } from '#shared/forms';
import { usePlanCommands } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import { validateBaseline, type BaselineFormValues } from '../model/plan-setup';
import { useSetupErrors } from './use-setup-errors';

/** Fixes the baseline of an indicator defined without one; it never changes afterwards. */
export function BaselineForm({
  partnershipId,
  indicator,
  onDone,
}: {
  partnershipId: string;
  indicator: PartnershipIndicator;
  onDone: () => void;
}) {
  const { t } = useReportsTranslation();
  const translate = useSetupErrors();
  const { baseline } = usePlanCommands(partnershipId);
  const { form, formProps, pending, refusal } = useCommandForm<BaselineFormValues>({
    initialValues: { value: '', date: '' },
    validate: (values) => translate(validateBaseline(values, '', indicator.unit)),
    send: (values, idempotencyKey) =>
      baseline.mutateAsync({
        indicatorId: indicator.id,
        value: values.value as number,
        date: values.date,
        idempotencyKey,
      }),
    savedMessage: t('setup.indicators.baselineSaved'),
    onSaved: onDone,
  });
  return (
    <form {...formProps} data-testid="baseline-form">
      <Stack gap="xs">
        <Group align="flex-start" gap="xs">
          <NumberField
            {...form.getInputProps('value')}
            rule={unitRule(indicator.unit)}
            aria-label={t('setup.indicators.baselineValue')}
            placeholder={t('setup.indicators.baselineValue')}
            size="xs"
            w={140}
            data-testid="baseline-value"
          />
          <TextInput
            {...form.getInputProps('date')}
            type="date"
            aria-label={t('setup.indicators.baselineDate')}
            size="xs"
            w={160}
            data-testid="baseline-date"
          />
          <Button type="submit" size="xs" loading={pending} data-testid="baseline-submit">
            {t('setup.indicators.fix')}
          </Button>
          <Button size="xs" variant="subtle" onClick={onDone} disabled={pending}>
            {t('setup.indicators.cancel')}
          </Button>
        </Group>
        <FormRefusal error={refusal} />
      </Stack>
    </form>
  );
}
