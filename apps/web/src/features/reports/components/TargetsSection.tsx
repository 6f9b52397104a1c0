import { Button, Group, List, MultiSelect, Paper, Pill, Select, Stack, Text, Title } from '@mantine/core';
import type { MonitoringPlan } from '@mitra/contracts';
import { sdgGoalName } from '@mitra/domain';
import { useState } from 'react';
import { useLanguage } from '#shared/i18n';
import { useSdgCatalogue } from '#shared/sdg';
import { FormRefusal, useCommandForm } from '#shared/forms';
import { ApiErrorAlert } from '#shared/ui';
import { usePlanCommands } from '../hooks/useMonitoringPlan';
import { useReportsTranslation } from '../i18n';
import { sdgOptionsFilter, targetOptions, titlesByCode } from '../model/sdg-options';

export function TargetsSection({
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
  const language = useLanguage();
  const titles = titlesByCode(catalogue.targets.data ?? [], language);
  const { form, formProps, pending, refusal } = useCommandForm({
    initialValues: { targets: plan.sdgTargets },
    send: (values, idempotencyKey) => command.mutateAsync({ codes: values.targets, idempotencyKey }),
    savedMessage: t('setup.targets.saved'),
  });
  const chosen = form.values.targets;
  const unchanged =
    chosen.length === plan.sdgTargets.length && chosen.every((c) => plan.sdgTargets.includes(c));
  // The api names the bad entry (`targets.2`); the multi-select is one field.
  const fieldError = Object.entries(form.errors).find(([path]) => path.startsWith('targets'))?.[1];

  return (
    <Paper withBorder p="md" data-testid="targets-section">
      <form {...formProps}>
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
                onChange={(codes) => {
                  form.setFieldValue('targets', codes);
                  form.clearErrors();
                }}
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
          <FormRefusal error={refusal} />
          {mayEdit && (
            <Group>
              <Button
                type="submit"
                disabled={chosen.length === 0 || unchanged}
                loading={pending}
                data-testid="targets-save"
              >
                {t('setup.targets.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
