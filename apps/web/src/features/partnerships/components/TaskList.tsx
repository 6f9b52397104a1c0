import { Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { LifecycleState, TaskCompletion } from '@mitra/contracts';
import { unmetFactsOf, type Precondition, type StageDefinition, type TaskDefinition } from '@mitra/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { ExternalLink } from '#shared/ui';
import { preconditionLink, taskAnchor } from '../model/gate-links';
import { refusalFor } from '../permissions';
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

/** What a task waits for before it can be marked done, each a link to the screen that makes it true. */
function WaitingFor({ state, unmet, id }: { state: LifecycleState; unmet: Precondition[]; id: string }) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();

  return (
    <Text size="sm" c="dimmed" id={id} data-testid="task-waits-for">
      {t('tasks.waitsFor')}{' '}
      {unmet.map((precondition, index) => (
        <span key={precondition.id}>
          {index > 0 && '; '}
          <Anchor
            component={Link}
            to={preconditionLink(state.partnershipId, precondition.id)}
            // Within a sentence a link needs more than its colour to stand out.
            underline="always"
            data-testid={`task-precondition-link-${precondition.id}`}
          >
            {precondition.text[language]}
          </Anchor>
        </span>
      ))}
    </Text>
  );
}

/**
 * One task: who does it, who did it when, with what evidence. A task whose fact does not hold yet shows
 * its button disabled, saying what it waits for.
 */
function TaskRow({
  state,
  task,
  completion,
  onComplete,
}: {
  state: LifecycleState;
  task: TaskDefinition;
  completion?: TaskCompletion;
  onComplete: () => void;
}) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const user = useCurrentUser();
  const refused = completion
    ? undefined
    : refusalFor(state, user, { kind: 'completeTask', taskId: task.id, evidence: [] });
  const waits = refused?.rule === 'task_fact_unmet';
  const unmet = waits ? unmetFactsOf(state, task.id, new Date().toISOString()) : [];
  const waitsId = `task-waits-${task.id}`;

  return (
    <Group
      id={taskAnchor(task.id)}
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
        {waits && <WaitingFor state={state} unmet={unmet} id={waitsId} />}
      </Stack>
      {!completion && (refused === undefined || waits) && (
        <Button
          size="xs"
          variant="light"
          style={{ flexShrink: 0 }}
          disabled={waits}
          onClick={onComplete}
          data-testid={`task-complete-${task.id}`}
          {...(waits
            ? {
                title: `${t('tasks.waitsFor')} ${unmet.map((p) => p.text[language]).join('; ')}`,
                'aria-describedby': waitsId,
              }
            : {})}
        >
          {t('tasks.complete')}
        </Button>
      )}
    </Group>
  );
}

/** The stage's steps and their tasks. */
export function TaskList({ state, stage }: { state: LifecycleState; stage: StageDefinition }) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const [completing, setCompleting] = useState<TaskDefinition>();

  return (
    <Stack gap="md" component="section" id="tasks" aria-labelledby="tasks-title">
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
              <TaskRow
                key={task.id}
                state={state}
                task={task}
                completion={completion}
                onComplete={() => setCompleting(task)}
              />
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
