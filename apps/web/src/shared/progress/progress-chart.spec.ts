import type { MonitoringPlan, PartnershipIndicator, ProgressReport } from '@mitra/contracts';
import { indicatorProgress } from '@mitra/domain';
import { progressCharts } from './progress-chart';

function indicator(id: string, accumulation: PartnershipIndicator['accumulation']): PartnershipIndicator {
  return {
    id,
    name: id,
    sdg: { kind: 'target', code: '11.6' },
    unit: 'ton',
    direction: 'higher_is_better',
    accumulation,
    targets: [
      { periodNumber: 2, value: 40 },
      { periodNumber: 4, value: 100 },
    ],
    disaggregations: [],
    baseline: { value: 10, date: '2026-01-01', fixedAt: '2026-01-02T00:00:00.000Z', fixedBy: 'koordinator' },
    definedAt: '2026-01-01T00:00:00.000Z',
    definedBy: 'koordinator',
  };
}

let id = 0;
function report(
  periodNumber: number,
  organisationId: string,
  status: ProgressReport['status'],
  values: Record<string, number>,
  revision = 1,
): ProgressReport {
  return {
    id: `r-${++id}`,
    periodNumber,
    organisationId,
    revision,
    status,
    values: Object.entries(values).map(([indicatorId, value]) => ({ indicatorId, value, breakdown: [] })),
    narrative: 'Laporan',
    evidenceLinks: [],
    submittedAt: '2026-04-01T00:00:00.000Z',
    submittedBy: 'mitra',
  };
}

const plan: MonitoringPlan = {
  partnershipId: 'p-1',
  sdgTargets: ['11.6'],
  indicators: [indicator('collected', 'cumulative'), indicator('rate', 'per_period')],
  reports: [
    report(1, 'forum', 'approved', { collected: 12, rate: 15 }),
    report(1, 'lpm', 'approved', { collected: 3, rate: 5 }),
    // Returned, then approved on the second revision: only the approved revision counts.
    report(3, 'forum', 'returned', { collected: 99, rate: 99 }),
    report(3, 'forum', 'approved', { collected: 20, rate: 30 }, 2),
    // Awaiting review: not on the chart.
    report(4, 'forum', 'submitted', { collected: 50, rate: 50 }),
  ],
};

describe('progressCharts', () => {
  it('plots approved values per period, the target each period is measured against, and the baseline throughout', () => {
    const [collected, rate] = progressCharts(plan);
    expect(collected.points).toEqual([
      { period: 1, actual: 15, target: null, baseline: 10 },
      { period: 2, actual: null, target: 40, baseline: 10 },
      { period: 3, actual: 35, target: 40, baseline: 10 },
      { period: 4, actual: null, target: 100, baseline: 10 },
    ]);
    expect(rate.points.map((p) => p.actual)).toEqual([20, null, 30, null]);
  });

  it('agrees with the progress the api reports', () => {
    const charts = progressCharts(plan);
    expect(charts.map((c) => c.progress)).toEqual(indicatorProgress(plan));
    expect(charts[0].progress).toMatchObject({ period: 3, current: 35, target: 40 });
    for (const chart of charts) {
      const point = chart.points.find((p) => p.period === chart.progress.period)!;
      expect([point.actual, point.target]).toEqual([chart.progress.current, chart.progress.target]);
    }
  });

  it('has no points for an indicator with neither targets nor approved reports', () => {
    const bare = {
      ...plan,
      indicators: [{ ...indicator('new', 'cumulative'), targets: [], baseline: undefined }],
      reports: [],
    };
    expect(progressCharts(bare)[0].points).toEqual([]);
    expect(progressCharts(bare)[0].progress.baseline).toBeNull();
  });
});
