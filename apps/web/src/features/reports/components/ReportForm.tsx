import {
  ActionIcon,
  Autocomplete,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  aggregationOf,
  unitKind,
  type Disaggregation,
  type PartnershipIndicator,
  type ProgressReport,
  type ReportingSchedule,
} from '@mitra/contracts';
import { dueOn } from '@mitra/domain';
import { ApiError } from '#shared/api';
import { useErrorWords } from '#shared/errors';
import { formatDate, formatNumber, numberRules, unitRule } from '#shared/format';
import { FormRefusal, NumberField, useCommandForm, type CommandForm } from '#shared/forms';
import { useLanguage } from '#shared/i18n';
import { SdgCatalogueTitle } from '#shared/sdg';
import { useReportCommands } from '../hooks/useMonitoringPlan';
import { useReportsTranslation, type ReportsKey } from '../i18n';
import {
  breakdownSum,
  dimensionChoices,
  formBreakdownMismatch,
  emptyBreakdownRow,
  requiredDimensions,
  toReportInput,
  validateReportForm,
  type ReportFormValues,
} from '../model/report-form';
import { useDimensionLabel } from './ReportView';

type Form = CommandForm<ReportFormValues>['form'];

function DimensionInput({ form, path, dimension }: { form: Form; path: string; dimension: Disaggregation }) {
  const { t } = useReportsTranslation();
  const label = useDimensionLabel();
  const choices = dimensionChoices[dimension];
  const common = {
    ...form.getInputProps(path),
    'aria-label': t(`dimensions.${dimension}`),
    size: 'xs' as const,
    'data-testid': `dimension-${dimension}`,
  };
  if (choices.fixed) {
    return (
      <Select
        {...common}
        data={choices.options.map((value) => ({ value, label: label(dimension, value) }))}
        allowDeselect={false}
      />
    );
  }
  if (choices.options.length > 0) return <Autocomplete {...common} data={[...choices.options]} />;
  return <TextInput {...common} placeholder={t(`dimensionPlaceholders.${dimension}` as ReportsKey)} />;
}

function IndicatorFields({
  form,
  index,
  indicator,
}: {
  form: Form;
  index: number;
  indicator: PartnershipIndicator;
}) {
  const { t } = useReportsTranslation();
  const dimensions = requiredDimensions(indicator);
  const entry = form.values.values[index];
  // Numbers as the fields write them (the UI language), whatever the browser's locale.
  const language = useLanguage();
  const sum = breakdownSum(entry);
  const mismatch = formBreakdownMismatch(indicator, entry);
  const rule = unitRule(indicator.unit);
  const adds = aggregationOf(unitKind(indicator.unit)) === 'sum';
  const breakdownError = form.errors[`values.${index}.breakdown`];
  const duplicate = entry.breakdown.some(
    (_, row) => form.errors[`values.${index}.breakdown.${row}.dimensions`],
  );

  return (
    <Paper withBorder p="md" data-testid={`indicator-${indicator.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={600}>{indicator.name}</Text>
            <Text size="xs" c="dimmed">
              {t('form.indicatorMeta', { code: indicator.sdg.code, unit: indicator.unit })}
            </Text>
            <SdgCatalogueTitle code={indicator.sdg.code} />
          </div>
          <Group gap={4}>
            {dimensions.map((dimension) => (
              <Badge key={dimension} variant="light" size="sm">
                {t(`dimensions.${dimension}`)}
              </Badge>
            ))}
          </Group>
        </Group>
        <NumberField
          {...form.getInputProps(`values.${index}.value`)}
          rule={rule}
          label={t('form.total', { unit: indicator.unit })}
          description={t('form.totalHelp')}
          maw={260}
          data-testid="indicator-total"
        />
        {dimensions.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('form.breakdown')}
            </Text>
            <Table withTableBorder verticalSpacing={4} data-testid="breakdown">
              <Table.Thead>
                <Table.Tr>
                  {dimensions.map((dimension) => (
                    <Table.Th key={dimension}>{t(`dimensions.${dimension}`)}</Table.Th>
                  ))}
                  <Table.Th>{t('form.value')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('form.rowActions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entry.breakdown.map((row, rowIndex) => (
                  <Table.Tr key={row.key} data-testid="breakdown-row">
                    {dimensions.map((dimension) => (
                      <Table.Td key={dimension}>
                        <DimensionInput
                          form={form}
                          path={`values.${index}.breakdown.${rowIndex}.dimensions.${dimension}`}
                          dimension={dimension}
                        />
                      </Table.Td>
                    ))}
                    <Table.Td>
                      <NumberField
                        {...form.getInputProps(`values.${index}.breakdown.${rowIndex}.value`)}
                        rule={rule}
                        aria-label={t('form.value')}
                        size="xs"
                        data-testid="breakdown-value"
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('form.removeRow')}
                        onClick={() => form.removeListItem(`values.${index}.breakdown`, rowIndex)}
                      >
                        ×
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {duplicate && (
              <Text size="xs" c="red" data-testid="breakdown-duplicate">
                {t('errors.breakdownDuplicate')}
              </Text>
            )}
            {breakdownError && (
              <Text size="xs" c="red" data-testid="breakdown-error">
                {breakdownError}
              </Text>
            )}
            <Group justify="space-between">
              <Button
                size="xs"
                variant="light"
                onClick={() => form.insertListItem(`values.${index}.breakdown`, emptyBreakdownRow(indicator))}
                data-testid="add-row"
              >
                {t('form.addRow')}
              </Button>
              {/* A percentage's or a rate's groups each have their own value: nothing to add up. */}
              {sum !== null && adds && (
                <Text size="xs" c={mismatch ? 'red' : 'dimmed'} data-testid="breakdown-sum">
                  {mismatch
                    ? t('form.sumMismatch', {
                        sum: formatNumber(mismatch.sum, language),
                        total: formatNumber(mismatch.total, language),
                        difference: formatNumber(Math.abs(mismatch.difference), language),
                      })
                    : t('form.sum', { sum: formatNumber(sum, language) })}
                </Text>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * A partner's progress report for one period: a value per indicator it contributes to, broken down
 * by every disaggregation the indicator requires, a narrative and links to evidence.
 */
export function ReportForm({
  partnershipId,
  indicators,
  initial,
  schedule,
  revisionOf,
  onDone,
}: {
  partnershipId: string;
  indicators: PartnershipIndicator[];
  initial: ReportFormValues;
  schedule?: ReportingSchedule;
  /** The returned revision this one answers, if any. */
  revisionOf?: number;
  onDone: () => void;
}) {
  const { t, locale } = useReportsTranslation();
  const words = useErrorWords();
  const { submit } = useReportCommands(partnershipId);
  const { form, formProps, pending, refusal } = useCommandForm<ReportFormValues, ProgressReport>({
    initialValues: initial,
    validate: (values) =>
      Object.fromEntries(
        Object.entries(validateReportForm(values, indicators)).map(([path, key]) => [
          path,
          t(`errors.${key}`),
        ]),
      ),
    send: (values, idempotencyKey) =>
      submit.mutateAsync({ report: toReportInput(values, indicators), idempotencyKey }),
    // The report's api paths name indicators by position in what was sent, not the form's: all shown below.
    fieldErrors: () => ({}),
    savedMessage: (report) => t('form.sent', { period: report.periodNumber, revision: report.revision }),
    onSaved: onDone,
  });
  const period = form.values.periodNumber;

  return (
    <form {...formProps} data-testid="report-form">
      <Stack gap="md">
        <Title order={2} size="h4">
          {revisionOf ? t('form.revisionTitle', { revision: revisionOf }) : t('form.title')}
        </Title>
        <NumberField
          {...form.getInputProps('periodNumber')}
          rule={numberRules.whole(1, 400)}
          label={t('form.period')}
          description={
            schedule && typeof period === 'number' && period >= 1
              ? t('form.due', { date: formatDate(dueOn(schedule, period), locale) })
              : undefined
          }
          maw={200}
          disabled={revisionOf !== undefined}
          data-testid="report-period"
        />
        {form.errors.values && (
          <Text c="red" size="sm" data-form-error data-testid="nothing-reported">
            {form.errors.values}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('form.skipHelp')}
        </Text>
        {indicators.map((indicator, index) => (
          <IndicatorFields key={indicator.id} form={form} index={index} indicator={indicator} />
        ))}
        <Textarea
          {...form.getInputProps('narrative')}
          label={t('form.narrative')}
          description={t('form.narrativeHelp')}
          autosize
          minRows={4}
          required
          data-testid="report-narrative"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('form.evidence')}
          </Text>
          {form.values.evidenceLinks.map((_, index) => (
            <Group key={index} gap="xs" wrap="nowrap">
              <TextInput
                {...form.getInputProps(`evidenceLinks.${index}`)}
                placeholder="https://"
                aria-label={t('form.evidenceLink', { number: index + 1 })}
                style={{ flex: 1 }}
                data-testid="evidence-link"
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('form.removeLink')}
                onClick={() => form.removeListItem('evidenceLinks', index)}
                data-testid="remove-link"
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              onClick={() => form.insertListItem('evidenceLinks', '')}
              data-testid="add-link"
            >
              {t('form.addLink')}
            </Button>
          </Group>
        </Stack>
        {refusal !== undefined && (
          <Stack gap={4}>
            <FormRefusal error={refusal} />
            {refusal instanceof ApiError && refusal.fieldErrors.length > 0 && (
              <List size="xs" c="red">
                {refusal.fieldErrors.map((error) => (
                  <List.Item key={`${error.field}:${error.reason}`}>
                    {error.field}: {words.field(error)}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        )}
        <Group>
          <Button type="submit" loading={pending} data-testid="report-submit">
            {revisionOf ? t('form.resubmit') : t('form.submit')}
          </Button>
          <Button variant="subtle" onClick={onDone} disabled={pending}>
            {t('form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
