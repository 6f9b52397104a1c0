import { Button, Grid, Group, Paper, Stack, Text } from '@mantine/core';
import type { StageId } from '@mitra/contracts';
import { stageDefinition } from '@mitra/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { useLanguage } from '#shared/i18n';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useLifecycleState } from '#shared/partnerships';
import { GateCard } from './GateCard';
import { LifecycleCard } from './LifecycleCard';
import { MaturationCard } from './MaturationCard';
import { QuestionList } from './QuestionList';
import { StageTimeline } from './StageTimeline';
import { TaskList } from './TaskList';

/**
 * The process: the timeline, then the chosen stage's tasks and questions; beside them the current
 * gate, the maturation decision in the last stage, and the partnership's status with pause, resume
 * and terminate.
 */
export function ProcessTab() {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const { partnershipId = '' } = useParams();
  const state = useLifecycleState(partnershipId);
  const [chosen, setChosen] = useState<StageId>();
  const { hash } = useLocation();
  const loaded = state.data !== undefined;
  // A link to a task, a question or the gate (from the inbox or the gate's list) shows it once it is drawn.
  useEffect(() => {
    if (loaded && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [loaded, hash]);

  if (state.isPending) return <LoadingState />;
  if (state.isError) return <ApiErrorAlert error={state.error} onRetry={() => void state.refetch()} />;
  const partnership = state.data;
  const viewed = stageDefinition(chosen ?? partnership.stage);
  const viewingCurrent = viewed.id === partnership.stage;

  return (
    <Stack gap="lg">
      <Paper withBorder p="md">
        <StageTimeline state={partnership} onSelect={setChosen} />
      </Paper>
      {!viewingCurrent && (
        <Group justify="space-between" data-testid="viewing-other-stage">
          <Text fw={500}>{t('timeline.viewing', { stage: viewed.title[language] })}</Text>
          <Button variant="subtle" size="xs" onClick={() => setChosen(undefined)}>
            {t('timeline.backToCurrent')}
          </Button>
        </Group>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: viewingCurrent ? 8 : 12 }}>
          <Stack gap="xl">
            <TaskList state={partnership} stage={viewed} />
            <QuestionList state={partnership} stage={viewed} />
          </Stack>
        </Grid.Col>
        {viewingCurrent && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="lg">
              <MaturationCard state={partnership} />
              <GateCard state={partnership} />
              <LifecycleCard state={partnership} />
            </Stack>
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
