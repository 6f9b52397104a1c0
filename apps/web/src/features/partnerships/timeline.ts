import type { LifecycleState, TaskCompletion } from '@mitra/contracts';
import { isTerminal, stages, type StageDefinition, type TaskDefinition } from '@mitra/domain';

export type StageStatus = 'done' | 'current' | 'upcoming';

export interface StageView {
  stage: StageDefinition;
  status: StageStatus;
  tasksDone: number;
  tasksTotal: number;
  /** The guide numbers steps 1–12 across the stages. */
  firstStep: number;
  lastStep: number;
}

/** The five stages with where the partnership stands: a closed or handed-over partnership has done them all. */
export function stageViews(state: Pick<LifecycleState, 'stage' | 'status' | 'tasks'>): StageView[] {
  const current = stages.findIndex((stage) => stage.id === state.stage);
  const finished = isTerminal(state as LifecycleState) && state.status !== 'terminated';
  return stages.map((stage, index) => {
    const tasks = stage.steps.flatMap((step) => step.tasks);
    const status: StageStatus =
      index < current || (index === current && finished)
        ? 'done'
        : index === current
          ? 'current'
          : 'upcoming';
    return {
      stage,
      status,
      tasksDone: tasks.filter((task) => state.tasks[task.id]).length,
      tasksTotal: tasks.length,
      firstStep: stage.steps[0].number,
      lastStep: stage.steps[stage.steps.length - 1].number,
    };
  });
}

/** How many stages are behind the partnership: the Stepper's `active`. */
export function stagesCompleted(views: readonly StageView[]): number {
  return views.filter((view) => view.status === 'done').length;
}

export interface TaskView {
  task: TaskDefinition;
  completion?: TaskCompletion;
}

export function tasksOfStep(
  state: Pick<LifecycleState, 'tasks'>,
  tasks: readonly TaskDefinition[],
): TaskView[] {
  return tasks.map((task) => ({ task, completion: state.tasks[task.id] }));
}
