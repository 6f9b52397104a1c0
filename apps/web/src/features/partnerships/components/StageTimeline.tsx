import { Stepper, Text, useMatches } from '@mantine/core';
import type { LifecycleState, StageId } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '#shared/i18n';
import { stagesCompleted, stageViews } from '../timeline';

/** The five stages with their steps; choosing one shows its tasks and questions below. */
export function StageTimeline({
  state,
  onSelect,
}: {
  state: LifecycleState;
  onSelect: (stage: StageId) => void;
}) {
  const { t } = useTranslation('partnerships');
  const language = useLanguage();
  const views = stageViews(state);
  // The five stages side by side need a wide screen; narrower, they stack.
  const orientation = useMatches<'horizontal' | 'vertical'>({ base: 'vertical', lg: 'horizontal' });

  return (
    <Stepper
      active={stagesCompleted(views)}
      onStepClick={(index) => onSelect(views[index].stage.id)}
      allowNextStepsSelect
      wrap={false}
      orientation={orientation}
      size="sm"
      aria-label={t('timeline.label')}
      data-testid="stage-timeline"
    >
      {views.map((view) => (
        <Stepper.Step
          key={view.stage.id}
          label={view.stage.title[language]}
          data-testid={`stage-${view.stage.id}`}
          data-status={view.status}
          description={
            <>
              <Text span size="xs" display="block" style={{ whiteSpace: 'nowrap' }}>
                {t('timeline.steps', { first: view.firstStep, last: view.lastStep })}
              </Text>
              <Text span size="xs" display="block" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('timeline.tasks', { done: view.tasksDone, total: view.tasksTotal })}
              </Text>
            </>
          }
        />
      ))}
    </Stepper>
  );
}
