import type { LifecycleState } from '@mitra/contracts';
import { stagesCompleted, stageViews } from './timeline';

const completion = { by: 'u1', at: '2026-01-05T03:00:00Z', evidence: [] };
const state = (overrides: Partial<LifecycleState>) =>
  ({ stage: 'initiation', status: 'active', tasks: {}, ...overrides }) as LifecycleState;

describe('stageViews', () => {
  it('shows the five stages and their twelve steps', () => {
    const views = stageViews(state({}));
    expect(views.map((view) => view.stage.id)).toEqual([
      'initiation',
      'formation',
      'implementation',
      'monitoring',
      'maturation',
    ]);
    expect(views.map((view) => [view.firstStep, view.lastStep])).toEqual([
      [1, 3],
      [4, 6],
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
  });

  it('marks the stages behind, the current one and those ahead, with tasks done', () => {
    const views = stageViews(
      state({ stage: 'formation', tasks: { '1.1': completion, '4.1': completion, '4.2': completion } }),
    );
    expect(views.map((view) => view.status)).toEqual(['done', 'current', 'upcoming', 'upcoming', 'upcoming']);
    expect(views.map((view) => `${view.tasksDone}/${view.tasksTotal}`)).toEqual([
      '1/12',
      '2/7',
      '0/7',
      '0/4',
      '0/2',
    ]);
    expect(stagesCompleted(views)).toBe(1);
  });

  it('counts every stage done once a partnership closed, but not when it was terminated', () => {
    expect(stagesCompleted(stageViews(state({ stage: 'maturation', status: 'closed' })))).toBe(5);
    expect(stagesCompleted(stageViews(state({ stage: 'maturation', status: 'transferred' })))).toBe(5);
    expect(
      stageViews(state({ stage: 'formation', status: 'terminated' })).map((view) => view.status),
    ).toEqual(['done', 'current', 'upcoming', 'upcoming', 'upcoming']);
  });
});
