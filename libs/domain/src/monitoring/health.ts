import type { DisaggregationCompleteness, HealthReason, IndicatorProgress, MonitoringPlan, PartnershipHealthFigure, PlanProgress, ReportingPunctuality, ReportValue } from '@mitra/contracts';
import { indicatorProgress } from './progress';
import { reportingPunctuality } from './punctuality';

/**
 * Thresholds of the health status. Progress is measured against the target of the latest
 * approved period, so 1 means "where the plan said we would be by now".
 */
export const healthThresholds = {
  atRiskBelowProgress: 0.8,
  offTrackBelowProgress: 0.5,
  atRiskBelowDisaggregation: 0.8,
  /** Consecutive missing periods after which a partnership is inactive (the lifecycle's rule too). */
  inactiveAfterMissing: 2,
} as const;

/** Breakdown values are not summed: for a rate (%, prevalence) each group has its own rate. */
function breakdownComplete(value: ReportValue, required: readonly string[]): boolean {
  return value.breakdown.length > 0 && value.breakdown.every((entry) => required.every((dimension) => dimension in entry.dimensions));
}

/** How many reported values carry the breakdown their indicator asks for. */
export function disaggregationCompleteness(plan: MonitoringPlan): DisaggregationCompleteness {
  const requiredBy = new Map(plan.indicators.map((indicator) => [indicator.id, indicator.disaggregations]));
  let required = 0;
  let complete = 0;
  for (const report of plan.reports) {
    if (report.status === 'returned') continue;
    for (const value of report.values) {
      const dimensions = requiredBy.get(value.indicatorId) ?? [];
      if (dimensions.length === 0) continue;
      required++;
      if (breakdownComplete(value, dimensions)) complete++;
    }
  }
  return { required, complete, rate: required > 0 ? Math.round((complete / required) * 10_000) / 10_000 : null };
}

const severity = { on_track: 0, at_risk: 1, off_track: 2, inactive: 3 } as const;
type Status = PartnershipHealthFigure['status'];

/** The partnership's health from its reports: the worst status any reason gives, with every reason. */
export function partnershipHealth(progress: IndicatorProgress[], punctuality: ReportingPunctuality | null, disaggregation: DisaggregationCompleteness): PartnershipHealthFigure {
  const findings: { status: Status; reason: HealthReason }[] = [];
  const periods = punctuality?.periods ?? [];
  const trailingMissing = periods.slice().reverse().findIndex((period) => period.status !== 'missing');
  const missingAtEnd = trailingMissing === -1 ? periods.length : trailingMissing;
  const missing = periods.filter((period) => period.status === 'missing').map((period) => period.periodNumber);
  if (missingAtEnd >= healthThresholds.inactiveAfterMissing) findings.push({ status: 'inactive', reason: { code: 'reports_missing', periods: missing } });
  else if (missing.length > 0) findings.push({ status: missingAtEnd > 0 ? 'off_track' : 'at_risk', reason: { code: 'reports_missing', periods: missing } });
  for (const period of periods.slice(-healthThresholds.inactiveAfterMissing)) {
    if (period.status === 'late') findings.push({ status: 'at_risk', reason: { code: 'report_late', periodNumber: period.periodNumber } });
  }
  for (const indicator of progress) {
    if (indicator.progress === null || indicator.progress >= healthThresholds.atRiskBelowProgress) continue;
    const status = indicator.progress < healthThresholds.offTrackBelowProgress ? 'off_track' : 'at_risk';
    findings.push({ status, reason: { code: 'indicator_behind', indicatorId: indicator.indicatorId, progress: indicator.progress } });
  }
  if (disaggregation.rate !== null && disaggregation.rate < healthThresholds.atRiskBelowDisaggregation) {
    findings.push({ status: 'at_risk', reason: { code: 'disaggregation_incomplete', rate: disaggregation.rate } });
  }
  if (findings.length === 0 && periods.length === 0 && progress.every((indicator) => indicator.progress === null)) {
    return { status: 'on_track', reasons: [{ code: 'nothing_due_yet' }] };
  }
  const status = findings.reduce<Status>((worst, finding) => (severity[finding.status] > severity[worst] ? finding.status : worst), 'on_track');
  return { status, reasons: findings.map((finding) => finding.reason) };
}

/** Every computed figure of a plan at `now`. */
export function planProgress(plan: MonitoringPlan, now: string): PlanProgress {
  const indicators = indicatorProgress(plan);
  const punctuality = reportingPunctuality(plan, now);
  const disaggregation = disaggregationCompleteness(plan);
  return { indicators, punctuality, disaggregation, health: partnershipHealth(indicators, punctuality, disaggregation) };
}
