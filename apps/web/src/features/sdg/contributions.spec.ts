import type { MonitoringPlan, PartnershipIndicator, PlanProgress } from '@mitra/contracts';
import { contributionOf, contributionsByGoal, goalBars, goalOfSdgCode, progressBars } from './contributions';

const indicator = (id: string, code: string): PartnershipIndicator => ({
  id,
  name: `Indicator ${id}`,
  sdg: { kind: code.split('.').length === 3 ? 'indicator' : 'target', code } as PartnershipIndicator['sdg'],
  unit: '%',
  direction: 'lower_is_better',
  accumulation: 'per_period',
  targets: [],
  disaggregations: [],
  definedAt: '2026-01-05T03:00:00Z',
  definedBy: 'u1',
});

const plan = (overrides: Partial<MonitoringPlan>): MonitoringPlan => ({
  partnershipId: 'p1',
  sdgTargets: [],
  indicators: [],
  reports: [],
  ...overrides,
});

const progressOf = (values: Record<string, number | null>): PlanProgress => ({
  punctuality: null,
  disaggregation: { required: 0, complete: 0, rate: null },
  health: { status: 'on_track', reasons: [] },
  indicators: Object.entries(values).map(([indicatorId, progress]) => ({
    indicatorId,
    baseline: 30,
    period: progress === null ? null : 1,
    current: progress === null ? null : 25,
    target: 20,
    progress,
  })),
});

describe('goalOfSdgCode', () => {
  it('reads the goal of a target or indicator code', () => {
    expect(['2.2', '2.2.1', '17.17', '1.a'].map(goalOfSdgCode)).toEqual(['2', '2', '17', '1']);
  });
});

describe('contributionOf', () => {
  it('joins the goals listed, of the chosen targets and of the indicators, in goal order', () => {
    const contribution = contributionOf(
      { partnershipId: 'p1', name: 'Stunting', sdgGoals: ['3'] },
      plan({ sdgTargets: ['2.2', '3.2'], indicators: [indicator('i1', '2.2.1'), indicator('i2', '6.1')] }),
      progressOf({ i1: 0.5 }),
    );
    expect(contribution.goals).toEqual(['2', '3', '6']);
    expect(
      contribution.indicators.map((entry) => [entry.indicator.id, entry.goal, entry.progress?.progress]),
    ).toEqual([
      ['i1', '2', 0.5],
      ['i2', '6', undefined],
    ]);
  });

  it('works without a plan', () => {
    expect(contributionOf({ partnershipId: 'p1', name: 'New', sdgGoals: ['11'] }, null, null)).toEqual({
      partnershipId: 'p1',
      name: 'New',
      goals: ['11'],
      targets: [],
      indicators: [],
    });
  });
});

describe('contributionsByGoal', () => {
  const stunting = contributionOf(
    { partnershipId: 'p1', name: 'Stunting', sdgGoals: [] },
    plan({
      sdgTargets: ['2.2', '3.2'],
      indicators: [indicator('i1', '2.2.1'), indicator('i2', '2.2.2'), indicator('i3', '3.2.1')],
    }),
    progressOf({ i1: 0.5, i2: 1, i3: null }),
  );
  const water = contributionOf({ partnershipId: 'p2', name: 'Air bersih', sdgGoals: [6, 3] }, null, null);

  it('lists each goal with its partnerships, targets, indicators and mean progress', () => {
    const byGoal = contributionsByGoal([stunting, water]);
    expect(byGoal.map((goal) => goal.goal)).toEqual(['2', '3', '6']);
    expect(byGoal[0].partnerships).toEqual([
      expect.objectContaining({ partnershipId: 'p1', targets: ['2.2'], progress: 0.75 }),
    ]);
    expect(byGoal[1].partnerships.map((p) => [p.name, p.targets, p.indicators.length, p.progress])).toEqual([
      ['Stunting', ['3.2'], 1, null],
      ['Air bersih', [], 0, null],
    ]);
  });

  it('maps to chart bars in the SDG colours', () => {
    const byGoal = contributionsByGoal([stunting, water]);
    expect(goalBars(byGoal, (goal) => `TPB ${goal}`)).toEqual([
      { goal: 'TPB 2', partnerships: 1, color: '#DDA63A' },
      { goal: 'TPB 3', partnerships: 2, color: '#4C9F38' },
      { goal: 'TPB 6', partnerships: 1, color: '#26BDE2' },
    ]);
    expect(progressBars(byGoal[0])).toEqual([{ partnership: 'Stunting', progress: 75 }]);
    expect(progressBars(byGoal[1])).toEqual([]);
  });
});
