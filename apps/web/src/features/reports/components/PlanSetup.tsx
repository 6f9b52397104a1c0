import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  MultiSelect,
  Paper,
  Pill,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  accumulations,
  directions,
  disaggregations,
  type MonitoringPlan,
  type PartnershipIndicator,
} from '@mitra/contracts';
import { sdgGoalName } from '@mitra/domain';
import { useState } from 'react';
import { fieldErrorsOf, newIdempotencyKey } from '#shared/api';
import { formatDate, numberRules, unitRule } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { useSdgCatalogue } from '#shared/sdg';
import { NumberField, showFieldErrors } from '#shared/forms';
import { ApiErrorAlert } from '#shared/ui';
import { useLifecycleState, usePlanCommands } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import {
  baselineOf,
  emptyIndicatorForm,
  scheduleForm,
  schedulePreview,
  setupSteps,
  targetRow,
  toIndicatorInput,
  toSchedule,
  validateBaseline,
  validateIndicatorForm,
  validateScheduleForm,
  type BaselineFormValues,
  type IndicatorFormValues,
  type ScheduleFormValues,
  type SetupErrors,
  type SetupStatus,
} from '../model/plan-setup';
import {
  chosenTargetOptions,
  indicatorOptions,
  sdgOptionsFilter,
  targetOptions,
  titlesByCode,
} from '../model/sdg-options';

const statusColour: Record<SetupStatus, string> = { done: 'teal', recording: 'yellow', todo: 'gray' };

/** Translated client-side errors for a Mantine form. */
function useSetupErrors() {
  const { t } = useReportsTranslation();
  return (errors: SetupErrors) =>
    Object.fromEntries(Object.entries(errors).map(([path, key]) => [path, t(`setup.errors.${key}`)]));
}

/** What the Initiation gate needs from monitoring, as the lifecycle recorded it. */
function SetupChecklist({ partnershipId, plan }: { partnershipId: string; plan: MonitoringPlan }) {
  const { t } = useReportsTranslation();
  const state = useLifecycleState(partnershipId, (current) =>
    setupSteps(plan, current?.facts).some((step) => step.status === 'recording'),
  );
  const steps = setupSteps(plan, state.data?.facts);
  return (
    <Paper withBorder p="md" data-testid="setup-checklist">
      <List spacing={6} listStyleType="none">
        {steps.map((step) => (
          <List.Item key={step.id} data-testid={`setup-step-${step.id}`} data-status={step.status}>
            <Group gap="xs">
              <Badge color={statusColour[step.status]} variant="light" miw={90}>
                {t(`setup.status.${step.status}`)}
              </Badge>
              <Text size="sm">{t(`setup.steps.${step.id}`)}</Text>
              {step.gate && (
                <Text size="xs" c="dimmed">
                  ({t('setup.gateNote')})
                </Text>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

function TargetsSection({
  partnershipId,
  plan,
  mayEdit,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  mayEdit: boolean;
}) {
  const { t } = useReportsTranslation();
  const catalogue = useSdgCatalogue();
  const { targets: command } = usePlanCommands(partnershipId);
  const [goal, setGoal] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>(plan.sdgTargets);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const language = useLanguage();
  const titles = titlesByCode(catalogue.targets.data ?? [], language);
  const unchanged =
    chosen.length === plan.sdgTargets.length && chosen.every((c) => plan.sdgTargets.includes(c));
  // The api names the bad entry (`targets.2`); the multi-select is one field.
  const fieldError = Object.entries(fieldErrorsOf(command.error))
    .filter(([field]) => field.startsWith('targets'))
    .map(([, reason]) => reason)[0];

  const save = () =>
    command.mutate(
      { codes: chosen, idempotencyKey },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('setup.targets.saved') });
          setIdempotencyKey(newIdempotencyKey());
        },
      },
    );

  return (
    <Paper withBorder p="md" data-testid="targets-section">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('setup.targets.title')}
        </Title>
        {mayEdit && catalogue.targets.error && <ApiErrorAlert error={catalogue.targets.error} />}
        {mayEdit && (
          <Group align="flex-start" grow preventGrowOverflow={false}>
            <Select
              label={t('setup.targets.goal')}
              placeholder={t('setup.targets.allGoals')}
              data={(catalogue.goals.data ?? []).map((sdg) => ({
                value: sdg.code,
                label: `${sdg.code}. ${sdgGoalName(sdg, language)}`,
              }))}
              value={goal}
              onChange={setGoal}
              clearable
              searchable
              maw={320}
              data-testid="target-goal"
            />
            <MultiSelect
              label={t('setup.targets.label')}
              description={t('setup.targets.help')}
              data={targetOptions(
                catalogue.targets.data ?? [],
                catalogue.goals.data ?? [],
                language,
                goal,
                chosen,
              )}
              value={chosen}
              onChange={setChosen}
              searchable
              filter={sdgOptionsFilter(titles, language)}
              clearable
              maxDropdownHeight={320}
              // The full titles are listed below; a pill shows the code.
              renderPill={({ value, onRemove }) => (
                <Pill withRemoveButton onRemove={onRemove}>
                  {value}
                </Pill>
              )}
              error={fieldError}
              data-testid="target-select"
            />
          </Group>
        )}
        {plan.sdgTargets.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('setup.targets.none')}
          </Text>
        ) : (
          <List size="sm" spacing={2} data-testid="chosen-targets">
            {plan.sdgTargets.map((code) => (
              <List.Item key={code} data-testid={`chosen-target-${code}`}>
                <Text span fw={600} size="sm">
                  {code}
                </Text>{' '}
                {titles.get(code) ?? ''}
              </List.Item>
            ))}
          </List>
        )}
        {command.error && !fieldError && <ApiErrorAlert error={command.error} />}
        {mayEdit && (
          <Group>
            <Button
              onClick={save}
              disabled={chosen.length === 0 || unchanged}
              loading={command.isPending}
              data-testid="targets-save"
            >
              {t('setup.targets.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function IndicatorForm({
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
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<IndicatorFormValues>({
    mode: 'controlled',
    initialValues: emptyIndicatorForm(),
    validate: (values) => translate(validateIndicatorForm(values)),
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

  const onSubmit = form.onSubmit(async (values) => {
    let defined: PartnershipIndicator;
    try {
      defined = await indicator.mutateAsync({ input: toIndicatorInput(values), idempotencyKey });
    } catch (error) {
      showFieldErrors(form, error, 'indicator.');
      return;
    }
    const fixed = baselineOf(values);
    if (fixed) {
      try {
        await baseline.mutateAsync({
          indicatorId: defined.id,
          ...fixed,
          idempotencyKey: `${idempotencyKey}-baseline`,
        });
      } catch {
        notifications.show({ color: 'orange', message: t('setup.indicators.baselineFailed') });
        onDone();
        return;
      }
    }
    notifications.show({
      color: 'teal',
      message: fixed ? t('setup.indicators.savedWithBaseline') : t('setup.indicators.saved'),
    });
    onDone();
  });

  const generalError = indicator.error && Object.keys(fieldErrorsOf(indicator.error)).length === 0;

  return (
    <form onSubmit={onSubmit} noValidate data-testid="indicator-form">
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
              <Text size="xs" c="red" data-testid="indicator-accumulation-error">
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
        {generalError && <ApiErrorAlert error={indicator.error} />}
        <Group>
          <Button
            type="submit"
            loading={indicator.isPending || baseline.isPending}
            data-testid="indicator-submit"
          >
            {t('setup.indicators.submit')}
          </Button>
          <Button variant="subtle" onClick={onDone} disabled={indicator.isPending}>
            {t('setup.indicators.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Fixes the baseline of an indicator defined without one; it never changes afterwards. */
function BaselineForm({
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
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<BaselineFormValues>({
    mode: 'controlled',
    initialValues: { value: '', date: '' },
    validate: (values) => translate(validateBaseline(values, '', indicator.unit)),
  });
  const onSubmit = form.onSubmit((values) =>
    baseline.mutate(
      { indicatorId: indicator.id, value: values.value as number, date: values.date, idempotencyKey },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('setup.indicators.baselineSaved') });
          onDone();
        },
        onError: (error) => showFieldErrors(form, error),
      },
    ),
  );
  const generalError = baseline.error && Object.keys(fieldErrorsOf(baseline.error)).length === 0;
  return (
    <form onSubmit={onSubmit} noValidate data-testid="baseline-form">
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
          <Button type="submit" size="xs" loading={baseline.isPending} data-testid="baseline-submit">
            {t('setup.indicators.fix')}
          </Button>
          <Button size="xs" variant="subtle" onClick={onDone} disabled={baseline.isPending}>
            {t('setup.indicators.cancel')}
          </Button>
        </Group>
        {generalError && <ApiErrorAlert error={baseline.error} />}
      </Stack>
    </form>
  );
}

function IndicatorRow({
  partnershipId,
  indicator,
  mayEdit,
}: {
  partnershipId: string;
  indicator: PartnershipIndicator;
  mayEdit: boolean;
}) {
  const { t, locale } = useReportsTranslation();
  const [fixing, setFixing] = useState(false);
  const number = (value: number) => new Intl.NumberFormat(locale).format(value);
  const { baseline } = indicator;
  return (
    <Table.Tr data-testid={`setup-indicator-${indicator.id}`} data-baseline={baseline ? 'fixed' : 'none'}>
      <Table.Td>
        <Text size="sm" fw={500} data-testid="setup-indicator-name">
          {indicator.name}
        </Text>
        <Text size="xs" c="dimmed">
          {indicator.unit} · {t(`setup.indicators.directions.${indicator.direction}`)} ·{' '}
          {t(`setup.indicators.accumulations.${indicator.accumulation}`)}
        </Text>
      </Table.Td>
      <Table.Td data-testid="setup-indicator-sdg">{indicator.sdg.code}</Table.Td>
      <Table.Td data-testid="setup-indicator-targets">
        {[...indicator.targets]
          .sort((a, b) => a.periodNumber - b.periodNumber)
          .map((target) =>
            t('setup.indicators.targetItem', { period: target.periodNumber, value: number(target.value) }),
          )
          .join(', ')}
      </Table.Td>
      <Table.Td>
        {indicator.disaggregations.length === 0
          ? t('setup.indicators.noDisaggregation')
          : indicator.disaggregations.map((dimension) => t(`dimensions.${dimension}`)).join(', ')}
      </Table.Td>
      <Table.Td data-testid="setup-indicator-baseline">
        {baseline ? (
          t('setup.indicators.baselineOn', {
            value: number(baseline.value),
            unit: indicator.unit,
            date: formatDate(baseline.date, locale),
          })
        ) : fixing ? (
          <BaselineForm partnershipId={partnershipId} indicator={indicator} onDone={() => setFixing(false)} />
        ) : (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('setup.indicators.noBaseline')}
            </Text>
            {mayEdit && (
              <Button size="xs" variant="light" onClick={() => setFixing(true)} data-testid="fix-baseline">
                {t('setup.indicators.fixBaseline')}
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function IndicatorsSection({
  partnershipId,
  plan,
  mayEdit,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  mayEdit: boolean;
}) {
  const { t } = useReportsTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <Paper withBorder p="md" data-testid="indicators-section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('setup.indicators.title')}
          </Title>
          {mayEdit && !adding && (
            <Button variant="light" onClick={() => setAdding(true)} data-testid="add-indicator">
              {t('setup.indicators.add')}
            </Button>
          )}
        </Group>
        {plan.indicators.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('setup.indicators.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" data-testid="setup-indicators">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('setup.indicators.columns.indicator')}</Table.Th>
                  <Table.Th>{t('setup.indicators.columns.sdg')}</Table.Th>
                  <Table.Th>{t('setup.indicators.columns.targets')}</Table.Th>
                  <Table.Th>{t('setup.indicators.columns.disaggregations')}</Table.Th>
                  <Table.Th>{t('setup.indicators.columns.baseline')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.indicators.map((indicator) => (
                  <IndicatorRow
                    key={indicator.id}
                    partnershipId={partnershipId}
                    indicator={indicator}
                    mayEdit={mayEdit}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {adding && (
          <Paper withBorder p="md">
            <IndicatorForm partnershipId={partnershipId} plan={plan} onDone={() => setAdding(false)} />
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}

function ScheduleSection({
  partnershipId,
  plan,
  mayEdit,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  mayEdit: boolean;
}) {
  const { t, locale } = useReportsTranslation();
  const translate = useSetupErrors();
  const { schedule } = usePlanCommands(partnershipId);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<ScheduleFormValues>({
    mode: 'controlled',
    initialValues: scheduleForm(plan.schedule),
    validate: (values) => translate(validateScheduleForm(values)),
  });
  const valid = Object.keys(validateScheduleForm(form.values)).length === 0;
  const preview = valid ? schedulePreview(toSchedule(form.values)) : [];
  const onSubmit = form.onSubmit((values) =>
    schedule.mutate(
      { input: toSchedule(values), idempotencyKey },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('setup.schedule.saved') });
          setIdempotencyKey(newIdempotencyKey());
        },
        onError: (error) => showFieldErrors(form, error, 'schedule.'),
      },
    ),
  );
  const generalError = schedule.error && Object.keys(fieldErrorsOf(schedule.error)).length === 0;

  return (
    <Paper withBorder p="md" data-testid="schedule-section">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('setup.schedule.title')}
        </Title>
        <Text size="sm" data-testid="schedule-current">
          {plan.schedule
            ? t('setup.schedule.current', {
                months: plan.schedule.periodMonths,
                start: formatDate(plan.schedule.startsOn, locale),
                grace: plan.schedule.graceDays,
              })
            : t('setup.schedule.none')}
        </Text>
        {mayEdit && (
          <form onSubmit={onSubmit} noValidate data-testid="schedule-form">
            <Stack gap="sm">
              <Group align="flex-start">
                <TextInput
                  {...form.getInputProps('startsOn')}
                  type="date"
                  label={t('setup.schedule.startsOn')}
                  description={t('setup.schedule.startsOnHelp')}
                  required
                  w={220}
                  data-testid="schedule-starts-on"
                />
                <NumberField
                  {...form.getInputProps('periodMonths')}
                  rule={numberRules.whole(1, 12)}
                  label={t('setup.schedule.periodMonths')}
                  required
                  w={200}
                  data-testid="schedule-period-months"
                />
                <NumberField
                  {...form.getInputProps('graceDays')}
                  rule={numberRules.whole(0, 90)}
                  label={t('setup.schedule.graceDays')}
                  required
                  w={280}
                  data-testid="schedule-grace-days"
                />
              </Group>
              {preview.length > 0 && (
                <List size="xs" c="dimmed" data-testid="schedule-preview">
                  {preview.map((period) => (
                    <List.Item key={period.periodNumber}>
                      {t('setup.schedule.preview', {
                        period: period.periodNumber,
                        start: formatDate(period.start, locale),
                        end: formatDate(period.end, locale),
                        due: formatDate(period.dueOn, locale),
                      })}
                    </List.Item>
                  ))}
                </List>
              )}
              {generalError && <ApiErrorAlert error={schedule.error} />}
              <Group>
                <Button type="submit" loading={schedule.isPending} data-testid="schedule-save">
                  {t('setup.schedule.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The monitoring plan: SDG targets from the catalogue, indicators with targets and baselines, and the
 * reporting calendar. Coordinators set it up; everyone else reads it.
 */
export function PlanSetup({
  partnershipId,
  plan,
  mayEdit,
}: {
  partnershipId: string;
  plan: MonitoringPlan;
  mayEdit: boolean;
}) {
  const { t } = useReportsTranslation();
  return (
    <Stack gap="md" data-testid="plan-setup">
      <Text c="dimmed" size="sm">
        {t('setup.description')}
      </Text>
      {!mayEdit && (
        <Text size="sm" c="dimmed" data-testid="plan-read-only">
          {t('setup.readOnly')}
        </Text>
      )}
      <SetupChecklist partnershipId={partnershipId} plan={plan} />
      <TargetsSection
        key={plan.sdgTargets.join()}
        partnershipId={partnershipId}
        plan={plan}
        mayEdit={mayEdit}
      />
      <IndicatorsSection partnershipId={partnershipId} plan={plan} mayEdit={mayEdit} />
      <ScheduleSection
        key={JSON.stringify(plan.schedule ?? null)}
        partnershipId={partnershipId}
        plan={plan}
        mayEdit={mayEdit}
      />
    </Stack>
  );
}
