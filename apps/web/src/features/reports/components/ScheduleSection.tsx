import { Button, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { MonitoringPlan } from '@mitra/contracts';
import { formatDate, numberRules } from '#shared/format';
import { FormRefusal, NumberField, useCommandForm } from '#shared/forms';
import { usePlanCommands } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import {
  scheduleForm,
  schedulePreview,
  toSchedule,
  validateScheduleForm,
  type ScheduleFormValues,
} from '../model/plan-setup';
import { useSetupErrors } from './use-setup-errors';

/** The reporting calendar: when the first period starts, how long each lasts, the grace days after it. */
export function ScheduleSection({
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
  const { form, formProps, pending, refusal } = useCommandForm<ScheduleFormValues>({
    initialValues: scheduleForm(plan.schedule),
    validate: (values) => translate(validateScheduleForm(values)),
    fieldPrefix: 'schedule.',
    send: (values, idempotencyKey) => schedule.mutateAsync({ input: toSchedule(values), idempotencyKey }),
    savedMessage: t('setup.schedule.saved'),
  });
  const valid = Object.keys(validateScheduleForm(form.values)).length === 0;
  const preview = valid ? schedulePreview(toSchedule(form.values)) : [];

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
          <form {...formProps} data-testid="schedule-form">
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
              <FormRefusal error={refusal} />
              <Group>
                <Button type="submit" loading={pending} data-testid="schedule-save">
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
