import type { MonitoringPlan, ProgressReport } from '@mitra/contracts';
import {
  mayReportPeriod,
  openingView,
  periodHistories,
  reviewQueue,
  suggestedPeriod,
} from './report-history';

const mine = '64d000000000000000000001';
const theirs = '64d000000000000000000002';

function report(
  id: string,
  periodNumber: number,
  revision: number,
  status: ProgressReport['status'],
  organisationId = mine,
  submittedAt = '2026-04-01T00:00:00.000Z',
): ProgressReport {
  return {
    id,
    periodNumber,
    organisationId,
    revision,
    status,
    values: [],
    narrative: 'x',
    evidenceLinks: [],
    submittedAt,
    submittedBy: 'mitra',
    ...(status === 'returned' ? { returnReason: 'Lengkapi rincian per jenis kelamin.' } : {}),
  };
}

const reports = [
  report('a', 1, 1, 'approved'),
  report('b', 2, 1, 'returned'),
  report('c', 2, 2, 'returned'),
  report('x', 3, 1, 'submitted', theirs, '2026-07-01T00:00:00.000Z'),
  report('d', 2, 3, 'submitted', mine, '2026-07-02T00:00:00.000Z'),
];

describe('periodHistories', () => {
  it('groups one organisation’s revisions by period, newest period and revision first', () => {
    const histories = periodHistories(reports, mine);
    expect(histories.map((h) => [h.periodNumber, h.latest.id, h.earlier.map((r) => r.id)])).toEqual([
      [2, 'd', ['c', 'b']],
      [1, 'a', []],
    ]);
  });

  it('suggests the period after the last one submitted or approved, ignoring a returned one', () => {
    expect(suggestedPeriod(periodHistories(reports, mine))).toBe(3);
    expect(suggestedPeriod(periodHistories(reports.slice(0, 3), mine))).toBe(2);
    expect(suggestedPeriod([])).toBe(1);
  });

  it('blocks a new submission while one awaits review', () => {
    const histories = periodHistories(reports, mine);
    expect(mayReportPeriod(histories, 2)).toBe(false);
    expect(mayReportPeriod(histories, 1)).toBe(true);
    expect(mayReportPeriod(histories, 5)).toBe(true);
  });
});

describe('reviewQueue', () => {
  it('lists every organisation’s submitted revisions, oldest first', () => {
    expect(reviewQueue(reports).map((r) => r.id)).toEqual(['x', 'd']);
  });
});

describe('openingView', () => {
  it('opens on set-up while there is no plan, and on the reports once there is one', () => {
    expect(openingView({ indicators: [], reports: [] })).toBe('plan');
    const indicator = { id: 'i1' } as MonitoringPlan['indicators'][number];
    expect(openingView({ indicators: [indicator], reports: [] })).toBe('reports');
    expect(openingView({ indicators: [], reports: [report('r1', 1, 1, 'approved')] })).toBe('reports');
  });
});
