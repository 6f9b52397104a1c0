import type { IndicatorProgress, MonitoringPlan, PartnershipIndicator } from '@mitra/contracts';
import { indicatorProgress } from '@mitra/domain';

export interface ProgressPoint {
  period: number;
  /** Approved value of the period (cumulative indicators: the total so far); null where no approved report exists. */
  actual: number | null;
  /** What the period is measured against: its own target, or else the nearest earlier one (as the domain's progress does). */
  target: number | null;
  baseline: number | null;
}

export interface IndicatorChart {
  indicator: PartnershipIndicator;
  /** Where the indicator stands now, as the api's progress route computes it. */
  progress: IndicatorProgress;
  points: ProgressPoint[];
}

/**
 * Per indicator, one point per reporting period from 1 to the last period with a target or an
 * approved report. The actual values are the domain's own progress computation, run on the plan
 * as it stood after each period, so the chart and the progress figures can never disagree.
 */
export function progressCharts(plan: MonitoringPlan): IndicatorChart[] {
  const approvedPeriods = plan.reports.filter((r) => r.status === 'approved').map((r) => r.periodNumber);
  const now = indicatorProgress(plan);
  return plan.indicators.map((indicator, index) => {
    const lastPeriod = Math.max(0, ...indicator.targets.map((t) => t.periodNumber), ...approvedPeriods);
    const baseline = indicator.baseline?.value ?? null;
    const points: ProgressPoint[] = [];
    for (let period = 1; period <= lastPeriod; period++) {
      const upTo = { ...plan, reports: plan.reports.filter((r) => r.periodNumber <= period) };
      const atPeriod = indicatorProgress(upTo)[index];
      points.push({
        period,
        actual: atPeriod.period === period ? atPeriod.current : null,
        target:
          [...indicator.targets]
            .filter((t) => t.periodNumber <= period)
            .sort((a, b) => b.periodNumber - a.periodNumber)[0]?.value ?? null,
        baseline,
      });
    }
    return { indicator, progress: now[index], points };
  });
}
