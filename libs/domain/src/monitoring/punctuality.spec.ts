import type { MonitoringPlan, ProgressReport } from '@mitra/contracts';
import { dueOn, periodBounds, reportingPunctuality } from './punctuality';

const schedule = { startsOn: '2026-01-01', periodMonths: 3, graceDays: 30 };
const submitted = (periodNumber: number, submittedAt: string) => ({ id: `r${periodNumber}`, periodNumber, organisationId: 'o', revision: 1, status: 'submitted', values: [], narrative: '', evidenceLinks: [], submittedAt, submittedBy: 'u' }) as ProgressReport;

describe('reporting punctuality', () => {
  it('dates each quarterly report 30 days after the quarter ends', () => {
    expect(dueOn(schedule, 1)).toBe('2026-04-30');
    expect(dueOn(schedule, 4)).toBe('2027-01-30');
  });

  it('counts on-time, late and missing reports among the periods already due', () => {
    const plan: MonitoringPlan = {
      partnershipId: 'p',
      schedule,
      sdgTargets: [],
      indicators: [],
      reports: [submitted(1, '2026-04-20T08:00:00.000Z'), submitted(2, '2026-08-15T08:00:00.000Z')],
    };
    const result = reportingPunctuality(plan, '2026-12-01T00:00:00.000Z');
    expect(result).toMatchObject({ duePeriods: 3, onTime: 1, late: 1, missing: 1, rate: 0.3333 });
    expect(result?.periods.map((p) => p.status)).toEqual(['on_time', 'late', 'missing']);
  });

  it('has nothing to say without a schedule', () => {
    expect(reportingPunctuality({ partnershipId: 'p', sdgTargets: [], indicators: [], reports: [] }, '2026-12-01T00:00:00.000Z')).toBeNull();
  });
});

describe('period bounds', () => {
  it('runs quarters back to back from the start', () => {
    const schedule = { startsOn: '2026-01-15', periodMonths: 3, graceDays: 30 };
    expect(periodBounds(schedule, 1)).toEqual({ start: '2026-01-15', end: '2026-04-14' });
    expect(periodBounds(schedule, 4)).toEqual({ start: '2026-10-15', end: '2027-01-14' });
  });
});
