import type { IndicatorProgress, MonitoringPlan, ProgressReport, ReportingPunctuality } from '@mitra/contracts';
import { disaggregationCompleteness, partnershipHealth } from './health';

type PeriodStatus = ReportingPunctuality['periods'][number]['status'];
const punctuality = (...statuses: PeriodStatus[]): ReportingPunctuality => ({
  duePeriods: statuses.length,
  onTime: statuses.filter((s) => s === 'on_time').length,
  late: statuses.filter((s) => s === 'late').length,
  missing: statuses.filter((s) => s === 'missing').length,
  rate: null,
  periods: statuses.map((status, index) => ({ periodNumber: index + 1, dueOn: '2027-01-30', firstSubmittedAt: null, status })),
});
const progress = (value: number | null, indicatorId = 'i1'): IndicatorProgress => ({ indicatorId, baseline: 0, period: 1, current: 0, target: 1, progress: value });
const noBreakdowns = { required: 0, complete: 0, rate: null };

describe('partnership health', () => {
  it('is on track when reports came on time and indicators are near their targets', () => {
    expect(partnershipHealth([progress(0.95)], punctuality('on_time', 'on_time'), noBreakdowns)).toEqual({ status: 'on_track', reasons: [] });
  });

  it('says nothing is due yet rather than pretending to measure', () => {
    expect(partnershipHealth([progress(null)], null, noBreakdowns)).toEqual({ status: 'on_track', reasons: [{ code: 'nothing_due_yet' }] });
  });

  it('is at risk for an indicator behind, a late report or thin breakdowns, and names each', () => {
    const health = partnershipHealth([progress(0.7)], punctuality('on_time', 'late'), { required: 4, complete: 2, rate: 0.5 });
    expect(health.status).toBe('at_risk');
    expect(health.reasons).toEqual([
      { code: 'report_late', periodNumber: 2 },
      { code: 'indicator_behind', indicatorId: 'i1', progress: 0.7 },
      { code: 'disaggregation_incomplete', rate: 0.5 },
    ]);
  });

  it('is off track when an indicator is below half way or the latest report is missing', () => {
    expect(partnershipHealth([progress(0.3)], punctuality('on_time'), noBreakdowns).status).toBe('off_track');
    expect(partnershipHealth([], punctuality('on_time', 'missing'), noBreakdowns)).toEqual({ status: 'off_track', reasons: [{ code: 'reports_missing', periods: [2] }] });
  });

  it('is inactive after two periods in a row without a report, whatever else holds', () => {
    expect(partnershipHealth([progress(1.2)], punctuality('on_time', 'missing', 'missing'), noBreakdowns)).toEqual({ status: 'inactive', reasons: [{ code: 'reports_missing', periods: [2, 3] }] });
  });
});

describe('disaggregation completeness', () => {
  const plan = (reports: Pick<ProgressReport, 'status' | 'values'>[]): MonitoringPlan => ({
    partnershipId: 'p',
    sdgTargets: [],
    indicators: [
      { id: 'i1', name: 'Balita ditimbang', sdg: { kind: 'target', code: '2.2' }, unit: 'anak', direction: 'higher_is_better', accumulation: 'per_period', targets: [], disaggregations: ['sex'], definedAt: '', definedBy: '' },
      { id: 'i2', name: 'Posyandu aktif', sdg: { kind: 'target', code: '3.8' }, unit: 'posyandu', direction: 'higher_is_better', accumulation: 'per_period', targets: [], disaggregations: [], definedAt: '', definedBy: '' },
    ],
    reports: reports.map((report, index) => ({ id: `r${index}`, periodNumber: index + 1, organisationId: 'o', revision: 1, narrative: '', evidenceLinks: [], submittedAt: '', submittedBy: '', ...report })),
  });
  const bySex = (female: number, male: number) => [{ dimensions: { sex: 'perempuan' }, value: female }, { dimensions: { sex: 'laki-laki' }, value: male }];

  it('counts a value complete only when every breakdown entry names the dimension, ignoring returned reports and indicators without one', () => {
    const figures = disaggregationCompleteness(
      plan([
        { status: 'approved', values: [{ indicatorId: 'i1', value: 100, breakdown: bySex(55, 45) }, { indicatorId: 'i2', value: 3, breakdown: [] }] },
        { status: 'submitted', values: [{ indicatorId: 'i1', value: 100, breakdown: [{ dimensions: { age_group: '0-5' }, value: 100 }] }] },
        { status: 'approved', values: [{ indicatorId: 'i1', value: 80, breakdown: [] }] },
        { status: 'returned', values: [{ indicatorId: 'i1', value: 80, breakdown: [] }] },
      ]),
    );
    expect(figures).toEqual({ required: 3, complete: 1, rate: 0.3333 });
  });
});
