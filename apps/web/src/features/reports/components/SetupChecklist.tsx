import { Badge, Group, List, Paper, Text } from '@mantine/core';
import type { MonitoringPlan } from '@mitra/contracts';
import { useLifecycleState } from '#shared/partnerships';
import { useReportsTranslation } from '../i18n';
import { setupSteps, type SetupStatus } from '../model/plan-setup';

const statusColour: Record<SetupStatus, string> = { done: 'teal', recording: 'yellow', todo: 'gray' };

/**
 * What the Initiation gate needs from monitoring, as the lifecycle recorded it. A step the plan shows
 * but the lifecycle has not yet taken in is "recording"; the live notice that it did refreshes it.
 */
export function SetupChecklist({ partnershipId, plan }: { partnershipId: string; plan: MonitoringPlan }) {
  const { t } = useReportsTranslation();
  const state = useLifecycleState(partnershipId);
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
