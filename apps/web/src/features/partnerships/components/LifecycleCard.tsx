import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import {
  pauseSchema,
  resumeSchema,
  terminateSchema,
  type DecisionRecord,
  type LifecycleState,
} from '@mitra/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '#shared/auth';
import { formatDate, formatDateTime } from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { lifecycleActions, statusStory } from '../model/lifecycle-view';
import { statusColours } from './PartnershipLayout';
import { ReasonDecisionModal } from './ReasonDecisionModal';
import { useActorName } from './use-actor-name';

type Dialog = 'pause' | 'resume' | 'terminate';

function StatusDecision({ state, decision }: { state: LifecycleState; decision: DecisionRecord }) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const who = useActorName(state, decision.actor.userId, decision.actor.organisationId);
  const kind = decision.kind === 'pause' ? 'paused' : decision.kind === 'resume' ? 'resumed' : 'terminated';
  return (
    <Stack gap={2} data-testid="status-decision" data-kind={decision.kind}>
      <Text size="sm">{t(`lifecycle.${kind}By`, { who, date: formatDateTime(decision.at, language) })}</Text>
      {decision.reason && (
        <Text size="sm" fw={500} data-testid="status-reason">
          {decision.reason}
        </Text>
      )}
    </Stack>
  );
}

/** Where the partnership stands (active, paused, inactive, ended) and why; the coordinator pauses, resumes or terminates it. */
export function LifecycleCard({ state }: { state: LifecycleState }) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const user = useCurrentUser();
  const [dialog, setDialog] = useState<Dialog>();
  const story = statusStory(state);
  const actions = lifecycleActions(state, user);
  const close = () => setDialog(undefined);

  return (
    <Card withBorder padding="md" data-testid="lifecycle-card" data-status={state.status}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4">
            {t('lifecycle.title')}
          </Title>
          <Badge color={statusColours[state.status] ?? 'gray'} data-testid="lifecycle-status">
            {t(`status.${state.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t(`lifecycle.explain.${state.status}`)}
        </Text>
        {story.decision && <StatusDecision state={state} decision={story.decision} />}
        {story.inactiveSince && (
          <Text size="sm" data-testid="inactive-since">
            {t('lifecycle.inactiveSince', { date: formatDate(story.inactiveSince, language) })}
          </Text>
        )}
        {state.cycle > 1 && (
          <Alert color="blue" variant="light" data-testid="renewed-cycle">
            {t('lifecycle.renewedCycle', {
              cycle: state.cycle,
              previous: state.cycle - 1,
              date: formatDate(state.startedAt, language),
            })}
          </Alert>
        )}
        {(actions.pause || actions.resume || actions.terminate) && (
          <Group gap="xs">
            {actions.resume && (
              <Button color="green" onClick={() => setDialog('resume')} data-testid="lifecycle-resume">
                {t('lifecycle.resume')}
              </Button>
            )}
            {actions.pause && (
              <Button
                color="yellow"
                variant="light"
                onClick={() => setDialog('pause')}
                data-testid="lifecycle-pause"
              >
                {t('lifecycle.pause')}
              </Button>
            )}
            {actions.terminate && (
              <Button
                color="red"
                variant="subtle"
                onClick={() => setDialog('terminate')}
                data-testid="lifecycle-terminate"
              >
                {t('lifecycle.terminate')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      {dialog === 'pause' && (
        <ReasonDecisionModal
          partnershipId={state.partnershipId}
          kind="pause"
          reasonRule={pauseSchema.shape.reason}
          title={t('lifecycle.pauseTitle')}
          help={t('lifecycle.pauseHelp')}
          reasonLabel={t('lifecycle.reason')}
          submitLabel={t('lifecycle.pause')}
          doneMessage={t('lifecycle.pausedNotice')}
          color="yellow"
          testId="pause"
          onClose={close}
        />
      )}
      {dialog === 'resume' && (
        <ReasonDecisionModal
          partnershipId={state.partnershipId}
          kind="resume"
          reasonRule={resumeSchema.shape.reason}
          title={t('lifecycle.resumeTitle')}
          help={t('lifecycle.resumeHelp')}
          reasonLabel={t('lifecycle.reasonOptional')}
          submitLabel={t('lifecycle.resume')}
          doneMessage={t('lifecycle.resumedNotice')}
          color="green"
          testId="resume"
          onClose={close}
        />
      )}
      {dialog === 'terminate' && (
        <ReasonDecisionModal
          partnershipId={state.partnershipId}
          kind="terminate"
          reasonRule={terminateSchema.shape.reason}
          title={t('lifecycle.terminateTitle', { name: state.name })}
          warning={t('lifecycle.terminateWarning')}
          confirmation={t('lifecycle.terminateConfirm')}
          reasonLabel={t('lifecycle.reason')}
          submitLabel={t('lifecycle.terminate')}
          doneMessage={t('lifecycle.terminatedNotice')}
          color="red"
          testId="terminate"
          onClose={close}
        />
      )}
    </Card>
  );
}
