import type { MonitoringPlan, ReportingPunctuality, ReportingSchedule } from '@mitra/contracts';

/** A period's first and last day (UTC calendar dates): periods follow each other from `startsOn`. */
export function periodBounds(schedule: ReportingSchedule, periodNumber: number): { start: string; end: string } {
  const [year = 0, month = 1, day = 1] = schedule.startsOn.split('-').map(Number);
  const start = new Date(Date.UTC(year, month - 1 + (periodNumber - 1) * schedule.periodMonths, day));
  const end = new Date(Date.UTC(year, month - 1 + periodNumber * schedule.periodMonths, day - 1));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

/** The last day a period's report is on time: the period's end plus the grace days (UTC calendar dates). */
export function dueOn(schedule: ReportingSchedule, periodNumber: number): string {
  const [year = 0, month = 1, day = 1] = schedule.startsOn.split('-').map(Number);
  const end = new Date(Date.UTC(year, month - 1 + periodNumber * schedule.periodMonths, day - 1));
  end.setUTCDate(end.getUTCDate() + schedule.graceDays);
  return end.toISOString().slice(0, 10);
}

/** For each period due before `now`: was its first report (any organisation's) submitted by the due date? */
export function reportingPunctuality(plan: MonitoringPlan, now: string): ReportingPunctuality | null {
  const schedule = plan.schedule;
  if (!schedule) return null;
  const today = now.slice(0, 10);
  const periods: ReportingPunctuality['periods'] = [];
  for (let periodNumber = 1; periodNumber <= 400; periodNumber++) {
    const due = dueOn(schedule, periodNumber);
    if (due >= today) break;
    const first = plan.reports.filter((r) => r.periodNumber === periodNumber).map((r) => r.submittedAt).sort()[0] ?? null;
    const status = first === null ? 'missing' : first.slice(0, 10) <= due ? 'on_time' : 'late';
    periods.push({ periodNumber, dueOn: due, firstSubmittedAt: first, status });
  }
  const count = (status: string) => periods.filter((p) => p.status === status).length;
  const onTime = count('on_time');
  return { duePeriods: periods.length, onTime, late: count('late'), missing: count('missing'), rate: periods.length > 0 ? Math.round((onTime / periods.length) * 10_000) / 10_000 : null, periods };
}
