import { Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { LifecycleState, TaskCompletion } from '@mitra/contracts';
import type { StageDefinition, TaskDefinition } from '@mitra/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { ExternalLink } from '#shared/ui';
import { mayDecide } from '../permissions';
import { tasksOfStep } from '../timeline';
import { CompleteTaskModal } from './CompleteTaskModal';
import { useActorName } from './use-actor-name';

function Completion({ state, completion }: { state: LifecycleState; completion: TaskCompletion }) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const who = useActorName(state, completion.by, completion.organisationId);

  return (
    <>
      <Text size="sm" c="dimmed" data-testid="task-completed-by">
        {t('tasks.completedBy', { who, date: formatDateTime(completion.at, language) })}
      </Text>
      {completion.evidence.length > 0 && (
        <List size="sm" spacing={2} data-testid="task-evidence">
          {completion.evidence.map((evidence, index) => {
            return (
              <List.Item key={index}>
                <ExternalLink href={evidence.url}>{evidence.label}</ExternalLink>
                {evidence.documentRef ? ` (${evidence.documentRef})` : ''}
              </List.Item>
            );
          })}
        </List>
      )}
      {completion.note && (
        <Text size="sm" data-testid="task-note">
          {t('tasks.note', { note: completion.note })}
        </Text>
      )}
    </>
  );
}

/** The stage's steps and their tasks: who does each, who did it when, with what evidence. */
export function TaskList({ state, stage }: { state: LifecycleState; stage: StageDefinition }) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const user = useCurrentUser();
  const [completing, setCompleting] = useState<TaskDefinition>();

  return (
    <Stack gap="md" component="section" aria-labelledby="tasks-title">
      <Title order={2} size="h3" id="tasks-title">
        {t('tasks.title')}
      </Title>
      {stage.steps.map((step) => (
        <Card key={step.number} withBorder padding="md" data-testid={`step-${step.number}`}>
          <Title order={3} size="h5" mb="sm">
            {t('step', { number: step.number, title: step.title[language] })}
          </Title>
          <Stack gap="sm">
            {tasksOfStep(state, step.tasks).map(({ task, completion }) => (
              <Group
                key={task.id}
                justify="space-between"
                align="flex-start"
                wrap="nowrap"
                data-testid={`task-${task.id}`}
                data-done={Boolean(completion)}
              >
                <Stack gap={4} flex={1} miw={0}>
                  <Group gap="xs">
                    <Badge
                      color={completion ? 'green' : 'gray'}
                      variant={completion ? 'filled' : 'outline'}
                      data-testid="task-status"
                    >
                      {completion ? t('tasks.done') : t('tasks.open')}
                    </Badge>
                    <Text fw={500}>
                      {task.id} {task.title[language]}
                    </Text>
                    <Badge size="sm" variant="light" color={task.owner === 'partner' ? 'blue' : 'mitra'}>
                      {t(`tasks.owner.${task.owner}`)}
                    </Badge>
                  </Group>
                  {completion && <Completion state={state} completion={completion} />}
                </Stack>
                {!completion &&
                  mayDecide(state, user, { kind: 'completeTask', taskId: task.id, evidence: [] }) && (
                    <Button
                      size="xs"
                      variant="light"
                      style={{ flexShrink: 0 }}
                      onClick={() => setCompleting(task)}
                      data-testid={`task-complete-${task.id}`}
                    >
                      {t('tasks.complete')}
                    </Button>
                  )}
              </Group>
            ))}
          </Stack>
        </Card>
      ))}
      {completing && (
        <CompleteTaskModal state={state} task={completing} onClose={() => setCompleting(undefined)} />
      )}
    </Stack>
  );
}
