import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { accumulations, directions, disaggregations, type MonitoringPlan } from '@mitra/contracts';
import { numberRules, unitRule } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { useSdgCatalogue } from '#shared/sdg';
import { FormRefusal, NumberField, useCommandForm } from '#shared/forms';
import { usePlanCommands } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import {
  baselineOf,
  emptyIndicatorForm,
  targetRow,
  toIndicatorInput,
  validateIndicatorForm,
  type IndicatorFormValues,
} from '../model/plan-setup';
import { chosenTargetOptions, indicatorOptions, sdgOptionsFilter, titlesByCode } from '../model/sdg-options';
import { useSetupErrors } from './use-setup-errors';

/** Defines an indicator of the plan, and fixes its baseline at once when one is given. */
export function IndicatorForm({
  partnershipId,
  plan,
  onDone,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  onDone: () => void;
}) {
  const { t } = useReportsTranslation();
  const language = useLanguage();
  const translate = useSetupErrors();
  const catalogue = useSdgCatalogue();
  const { indicator, baseline } = usePlanCommands(partnershipId);
  const { form, formProps, pending, refusal } = useCommandForm({
    initialValues: emptyIndicatorForm(),
    validate: (values) => translate(validateIndicatorForm(values)),
    fieldPrefix: 'indicator.',
    send: async (values, idempotencyKey) => {
      const defined = await indicator.mutateAsync({ input: toIndicatorInput(values), idempotencyKey });
      const fixed = baselineOf(values);
      if (!fixed) return { baseline: 'none' as const };
      try {
        await baseline.mutateAsync({
          indicatorId: defined.id,
          ...fixed,
          idempotencyKey: `${idempotencyKey}-baseline`,
        });
        return { baseline: 'fixed' as const };
      } catch {
        // The indicator is defined: its baseline can be fixed from the list.
        return { baseline: 'failed' as const };
      }
    },
    savedMessage: (result) =>
      result.baseline === 'failed'
        ? undefined
        : t(result.baseline === 'fixed' ? 'setup.indicators.savedWithBaseline' : 'setup.indicators.saved'),
    onSaved: (result) => {
      if (result.baseline === 'failed')
        notifications.show({ color: 'orange', message: t('setup.indicators.baselineFailed') });
      onDone();
    },
  });
  const { source } = form.values;
  const sdgOptions =
    source === 'catalogue'
      ? indicatorOptions(catalogue.indicators.data ?? [], plan.sdgTargets, language)
      : chosenTargetOptions(catalogue.targets.data ?? [], plan.sdgTargets, language);
  const titles = titlesByCode(
    source === 'catalogue' ? (catalogue.indicators.data ?? []) : (catalogue.targets.data ?? []),
    language,
  );

  return (
    <form {...formProps} data-testid="indicator-form">
      <Stack gap="sm">
        <Title order={4} size="h6">
          {t('setup.indicators.formTitle')}
        </Title>
        <SegmentedControl
          value={source}
          onChange={(value) => {
            form.setFieldValue('source', value === 'own' ? 'own' : 'catalogue');
            form.setFieldValue('sdg.code', '');
          }}
          data={(['catalogue', 'own'] as const).map((value) => ({
            value,
            label: t(`setup.indicators.sources.${value}`),
          }))}
          aria-label={t('setup.indicators.source')}
          data-testid="indicator-source"
        />
        {plan.sdgTargets.length === 0 && (
          <Alert color="yellow" data-testid="choose-targets-first">
            {t('setup.indicators.chooseTargetsFirst')}
          </Alert>
        )}
        <Select
          {...form.getInputProps('sdg.code')}
          onChange={(code) => {
            form.setFieldValue('sdg.code', code ?? '');
            // A catalogue indicator brings its title, in the user's language, as a starting point for the name.
            if (source === 'catalogue' && code && !form.values.name.trim())
              form.setFieldValue('name', titles.get(code) ?? '');
          }}
          label={
            source === 'catalogue' ? t('setup.indicators.sdgIndicator') : t('setup.indicators.sdgTarget')
          }
          data={sdgOptions}
          searchable
          filter={sdgOptionsFilter(titles, language)}
          required
          maxDropdownHeight={320}
          data-testid="indicator-sdg"
        />
        <TextInput
          {...form.getInputProps('name')}
          label={t('setup.indicators.name')}
          description={t('setup.indicators.nameHelp')}
          required
          data-testid="indicator-name"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            {...form.getInputProps('unit')}
            label={t('setup.indicators.unit')}
            placeholder={t('setup.indicators.unitPlaceholder')}
            required
            data-testid="indicator-unit"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('setup.indicators.direction')}
            </Text>
            <SegmentedControl
              value={form.values.direction}
              onChange={(value) => form.setFieldValue('direction', value as IndicatorFormValues['direction'])}
              data={directions.map((value) => ({ value, label: t(`setup.indicators.directions.${value}`) }))}
              size="xs"
              data-testid="indicator-direction"
            />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('setup.indicators.accumulation')}
            </Text>
            <SegmentedControl
              value={form.values.accumulation}
              onChange={(value) =>
                form.setFieldValue('accumulation', value as IndicatorFormValues['accumulation'])
              }
              data={accumulations.map((value) => ({
                value,
                label: t(`setup.indicators.accumulations.${value}`),
              }))}
              size="xs"
              data-testid="indicator-accumulation"
            />
            {form.errors.accumulation && (
              <Text size="xs" c="red" data-form-error data-testid="indicator-accumulation-error">
                {form.errors.accumulation}
              </Text>
            )}
          </Stack>
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('setup.indicators.targets')}
          </Text>
          {form.values.targets.map((row, index) => (
            <Group key={row.key} gap="xs" align="flex-start" data-testid="target-row">
              <NumberField
                {...form.getInputProps(`targets.${index}.periodNumber`)}
                rule={numberRules.whole(1, 400)}
                aria-label={t('setup.indicators.period')}
                placeholder={t('setup.indicators.period')}
                w={110}
                data-testid="target-period"
              />
              <NumberField
                {...form.getInputProps(`targets.${index}.value`)}
                rule={unitRule(form.values.unit)}
                aria-label={t('setup.indicators.targetValue')}
                placeholder={t('setup.indicators.targetValue')}
                w={180}
                data-testid="target-value"
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                aria-label={t('setup.indicators.removeTarget')}
                onClick={() => form.removeListItem('targets', index)}
                data-testid="remove-target"
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {typeof form.errors.targets === 'string' && (
            <Text size="xs" c="red" data-testid="targets-error">
              {form.errors.targets}
            </Text>
          )}
          <Group>
            <Button
              size="xs"
              variant="light"
              onClick={() => form.insertListItem('targets', targetRow())}
              data-testid="add-target"
            >
              {t('setup.indicators.addTarget')}
            </Button>
          </Group>
        </Stack>
        <Checkbox.Group
          {...form.getInputProps('disaggregations')}
          label={t('setup.indicators.disaggregations')}
          data-testid="indicator-disaggregations"
        >
          <Group gap="md" mt={4}>
            {disaggregations.map((dimension) => (
              <Checkbox key={dimension} value={dimension} label={t(`dimensions.${dimension}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Paper withBorder p="sm" bg="gray.0">
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('setup.indicators.baseline')}
            </Text>
            <Group align="flex-start">
              <NumberField
                {...form.getInputProps('baseline.value')}
                rule={unitRule(form.values.unit)}
                label={t('setup.indicators.baselineValue')}
                w={200}
                data-testid="new-baseline-value"
              />
              <TextInput
                {...form.getInputProps('baseline.date')}
                type="date"
                label={t('setup.indicators.baselineDate')}
                w={220}
                data-testid="new-baseline-date"
              />
            </Group>
          </Stack>
        </Paper>
        <FormRefusal error={refusal} />
        <Group>
          <Button type="submit" loading={pending} data-testid="indicator-submit">
            {t('setup.indicators.submit')}
          </Button>
          <Button variant="subtle" onClick={onDone} disabled={pending}>
            {t('setup.indicators.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
