import type { MonitoringPlan, ProgressReport } from '@mitra/contracts';

export interface PeriodHistory {
  periodNumber: number;
  organisationId: string;
  /** The newest revision: what counts now. */
  latest: ProgressReport;
  /** Older revisions, newest first (returned ones carry the coordinator's reason). */
  earlier: ProgressReport[];
}

/** One organisation's reports grouped by period, newest period first. */
export function periodHistories(reports: readonly ProgressReport[], organisationId: string): PeriodHistory[] {
  const byPeriod = new Map<number, ProgressReport[]>();
  for (const report of reports) {
    if (report.organisationId !== organisationId) continue;
    byPeriod.set(report.periodNumber, [...(byPeriod.get(report.periodNumber) ?? []), report]);
  }
  return [...byPeriod.entries()]
    .sort(([a], [b]) => b - a)
    .map(([periodNumber, revisions]) => {
      const [latest, ...earlier] = [...revisions].sort((a, b) => b.revision - a.revision);
      return { periodNumber, organisationId, latest, earlier };
    });
}

/** The period a new report is most likely for: the one after the last period already submitted or approved. */
export function suggestedPeriod(histories: readonly PeriodHistory[]): number {
  const done = histories.filter((h) => h.latest.status !== 'returned').map((h) => h.periodNumber);
  return done.length > 0 ? Math.max(...done) + 1 : 1;
}

/** May this organisation submit for the period now? Not while a revision awaits review. */
export function mayReportPeriod(histories: readonly PeriodHistory[], periodNumber: number): boolean {
  return histories.find((h) => h.periodNumber === periodNumber)?.latest.status !== 'submitted';
}

/** What a coordinator has to review: submitted revisions, oldest first. */
export function reviewQueue(reports: readonly ProgressReport[]): ProgressReport[] {
  return reports
    .filter((r) => r.status === 'submitted')
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
}

/**
 * The view the monitoring tab opens on: set-up while the partnership has no plan yet (no indicator to
 * report on and nothing reported), else the reports.
 */
export const openingView = (plan: Pick<MonitoringPlan, 'indicators' | 'reports'>): 'plan' | 'reports' =>
  plan.indicators.length === 0 && plan.reports.length === 0 ? 'plan' : 'reports';
