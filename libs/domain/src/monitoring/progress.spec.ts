import type { MonitoringPlan, PartnershipIndicator, ProgressReport } from '@mitra/contracts';
import { indicatorProgress } from './progress';

const indicator = (overrides: Partial<PartnershipIndicator>): PartnershipIndicator => ({
  id: 'i1',
  name: 'Stunting',
  sdg: { kind: 'indicator', code: '2.2.1' },
  unit: '%',
  direction: 'lower_is_better',
  accumulation: 'per_period',
  targets: [{ periodNumber: 1, value: 25 }, { periodNumber: 4, value: 20 }],
  disaggregations: [],
  baseline: { value: 30, date: '2026-01-01', fixedAt: '', fixedBy: '' },
  definedAt: '',
  definedBy: '',
  ...overrides,
});
const report = (periodNumber: number, value: number, status: ProgressReport['status'], revision = 1, organisationId = 'org-a'): ProgressReport => ({
  id: `${periodNumber}-${revision}-${organisationId}`,
  periodNumber,
  organisationId,
  revision,
  status,
  values: [{ indicatorId: 'i1', value, breakdown: [] }],
  narrative: '',
  evidenceLinks: [],
  submittedAt: '',
  submittedBy: '',
});
const plan = (ind: PartnershipIndicator, reports: ProgressReport[]): MonitoringPlan => ({ partnershipId: 'p', sdgTargets: [], indicators: [ind], reports });

describe('indicator progress', () => {
  it('measures a lower-is-better indicator from the baseline to the target of the latest approved period, ignoring unapproved reports', () => {
    const [progress] = indicatorProgress(plan(indicator({}), [report(1, 28, 'approved'), report(2, 27.5, 'approved'), report(3, 10, 'submitted')]));
    expect(progress).toEqual({ indicatorId: 'i1', baseline: 30, period: 2, current: 27.5, target: 25, progress: 0.5 });
  });

  it('sums a cumulative indicator over periods and organisations, taking an approved correction over the original', () => {
    const cumulative = indicator({ unit: 'keluarga', direction: 'higher_is_better', accumulation: 'cumulative', targets: [{ periodNumber: 2, value: 100 }], baseline: { value: 0, date: '2026-01-01', fixedAt: '', fixedBy: '' } });
    const [progress] = indicatorProgress(plan(cumulative, [report(1, 20, 'approved'), report(1, 30, 'approved', 2), report(2, 10, 'approved', 1, 'org-b')]));
    expect(progress).toMatchObject({ period: 2, current: 40, target: 100, progress: 0.4 });
  });

  it('averages the organisations’ percentages of one period instead of adding them up', () => {
    const [progress] = indicatorProgress(plan(indicator({}), [report(1, 28, 'approved'), report(1, 26, 'approved', 1, 'org-b')]));
    expect(progress).toMatchObject({ period: 1, current: 27 });
  });

  it('gives no progress without a baseline or an approved report', () => {
    expect(indicatorProgress(plan(indicator({ baseline: undefined }), [report(1, 28, 'approved')]))[0]?.progress).toBeNull();
    expect(indicatorProgress(plan(indicator({}), []))[0]).toMatchObject({ current: null, progress: null });
  });
});
