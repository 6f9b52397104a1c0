import type { IndicatorProgress, MonitoringPlan, PartnershipIndicator, PlanProgress } from '@mitra/contracts';

/** The official SDG colours, so each goal looks as it does on every SDG publication. */
export const sdgColours: Record<string, string> = {
  '1': '#E5243B',
  '2': '#DDA63A',
  '3': '#4C9F38',
  '4': '#C5192D',
  '5': '#FF3A21',
  '6': '#26BDE2',
  '7': '#FCC30B',
  '8': '#A21942',
  '9': '#FD6925',
  '10': '#DD1367',
  '11': '#FD9D24',
  '12': '#BF8B2E',
  '13': '#3F7E44',
  '14': '#0A97D9',
  '15': '#56C02B',
  '16': '#00689D',
  '17': '#19486A',
};

/** `3.2.1` and `3.2` belong to goal `3`. */
export const goalOfSdgCode = (code: string) => code.split('.')[0];

const byGoalNumber = (a: string, b: string) => Number(a) - Number(b);

export interface IndicatorContribution {
  indicator: PartnershipIndicator;
  goal: string;
  progress?: IndicatorProgress;
}

export interface PartnershipContribution {
  partnershipId: string;
  name: string;
  /** Goals the partnership targets: those it lists, and those of its chosen targets and indicators. */
  goals: string[];
  targets: string[];
  indicators: IndicatorContribution[];
}

export interface PartnershipRef {
  partnershipId: string;
  name: string;
  /** Goal numbers as the list gives them. */
  sdgGoals: readonly (number | string)[];
}

export function contributionOf(
  partnership: PartnershipRef,
  plan: MonitoringPlan | null | undefined,
  progress: PlanProgress | null | undefined,
): PartnershipContribution {
  const indicators = (plan?.indicators ?? []).map((indicator) => ({
    indicator,
    goal: goalOfSdgCode(indicator.sdg.code),
    progress: progress?.indicators.find((entry) => entry.indicatorId === indicator.id),
  }));
  const targets = plan?.sdgTargets ?? [];
  const goals = new Set([
    ...partnership.sdgGoals.map(String),
    ...targets.map(goalOfSdgCode),
    ...indicators.map((entry) => entry.goal),
  ]);
  return {
    partnershipId: partnership.partnershipId,
    name: partnership.name,
    goals: [...goals].sort(byGoalNumber),
    targets,
    indicators,
  };
}

export interface GoalPartnership {
  partnershipId: string;
  name: string;
  targets: string[];
  indicators: IndicatorContribution[];
  /** Mean progress to target of its indicators for this goal that have one (1 = target reached); null if none has. */
  progress: number | null;
}

export interface GoalContribution {
  goal: string;
  partnerships: GoalPartnership[];
}

function meanProgress(indicators: readonly IndicatorContribution[]): number | null {
  const values = indicators.flatMap((entry) =>
    typeof entry.progress?.progress === 'number' ? [entry.progress.progress] : [],
  );
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** For each goal some partnership targets (in goal order): who contributes and how far along. */
export function contributionsByGoal(contributions: readonly PartnershipContribution[]): GoalContribution[] {
  const goals = [...new Set(contributions.flatMap((contribution) => contribution.goals))].sort(byGoalNumber);
  return goals.map((goal) => ({
    goal,
    partnerships: contributions
      .filter((contribution) => contribution.goals.includes(goal))
      .map((contribution) => {
        const indicators = contribution.indicators.filter((entry) => entry.goal === goal);
        return {
          partnershipId: contribution.partnershipId,
          name: contribution.name,
          targets: contribution.targets.filter((target) => goalOfSdgCode(target) === goal),
          indicators,
          progress: meanProgress(indicators),
        };
      }),
  }));
}

/** Bars of the overview: how many partnerships work on each goal, in the goal's colour. */
export function goalBars(byGoal: readonly GoalContribution[], label: (goal: string) => string) {
  return byGoal.map(({ goal, partnerships }) => ({
    goal: label(goal),
    partnerships: partnerships.length,
    color: sdgColours[goal] ?? 'gray',
  }));
}

/** Bars of one goal: each partnership's progress to target in whole percent; those without a measure are left out. */
export function progressBars(goal: GoalContribution) {
  return goal.partnerships.flatMap((partnership) =>
    partnership.progress === null
      ? []
      : [{ partnership: partnership.name, progress: Math.round(partnership.progress * 100) }],
  );
}
