import type { IndicatorProgress, MonitoringPlan, PartnershipIndicator, ProgressReport } from '@mitra/contracts';
import { combineValues } from './indicator-arithmetic';

/** The approved revision of each organisation's report per period (a later approved correction wins). */
export function approvedReports(reports: ProgressReport[]): ProgressReport[] {
  const latest = new Map<string, ProgressReport>();
  for (const report of reports) {
    if (report.status !== 'approved') continue;
    const key = `${report.periodNumber}:${report.organisationId}`;
    const seen = latest.get(key);
    if (!seen || seen.revision < report.revision) latest.set(key, report);
  }
  return [...latest.values()];
}

/** Per period, the organisations' approved contributions as one figure: counts add up, percentages and rates are averaged. */
export function valuesByPeriod(indicator: PartnershipIndicator, approved: ProgressReport[]): Map<number, number> {
  const contributions = new Map<number, number[]>();
  for (const report of approved) {
    for (const value of report.values) {
      if (value.indicatorId === indicator.id) contributions.set(report.periodNumber, [...(contributions.get(report.periodNumber) ?? []), value.value]);
    }
  }
  return new Map([...contributions].map(([period, values]) => [period, combineValues(indicator, values)]));
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

export function indicatorProgress(plan: MonitoringPlan): IndicatorProgress[] {
  const approved = approvedReports(plan.reports);
  return plan.indicators.map((indicator) => {
    const byPeriod = valuesByPeriod(indicator, approved);
    const periods = [...byPeriod.keys()].sort((a, b) => a - b);
    const period = periods.at(-1) ?? null;
    const current =
      period === null ? null : indicator.accumulation === 'cumulative' ? periods.reduce((sum, p) => sum + (byPeriod.get(p) ?? 0), 0) : (byPeriod.get(period) ?? null);
    const target = period === null ? null : ([...indicator.targets].filter((t) => t.periodNumber <= period).sort((a, b) => b.periodNumber - a.periodNumber)[0]?.value ?? null);
    const baseline = indicator.baseline?.value ?? null;
    const progress = current !== null && target !== null && baseline !== null && target !== baseline ? round((current - baseline) / (target - baseline)) : null;
    return { indicatorId: indicator.id, baseline, period, current, target, progress };
  });
}
